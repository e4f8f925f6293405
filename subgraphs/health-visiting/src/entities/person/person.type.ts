import { Directive, Field, ID, ObjectType } from "type-graphql";
import { HealthVisitingRecord } from "../health-visiting-record/health-visiting-record.type";

/**
 * Person is owned by family-index; this subgraph adds `healthVisiting`, found from the local
 * patient ids that family-index linked to the person (`healthVisitingRecordIds`).
 */
@Directive('@key(fields: "id")')
@ObjectType("Person")
export class Person {
  @Field(() => ID)
  id!: string;

  @Directive("@external")
  @Field(() => [ID])
  healthVisitingRecordIds!: string[];

  @Directive('@requires(fields: "healthVisitingRecordIds")')
  @Field(() => HealthVisitingRecord, {
    nullable: true,
    description: "What the health visiting service holds about this person; null when it holds nothing.",
  })
  healthVisiting?: HealthVisitingRecord | null;
}
