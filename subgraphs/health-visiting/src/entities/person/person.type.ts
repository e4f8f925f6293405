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

  @Directive("@external")
  @Field(() => Boolean, {
    description: "Whether the caller has a legitimate relationship with the person's family (family-index).",
  })
  legitimateRelationship!: boolean;

  @Directive('@requires(fields: "healthVisitingRecordIds legitimateRelationship")')
  @Field(() => HealthVisitingRecord, {
    nullable: true,
    description:
      "What the health visiting service holds about this person; null when it holds nothing. Full detail or a summary as the access policy gives the caller; null with a FORBIDDEN error when it gives nothing.",
  })
  healthVisiting?: HealthVisitingRecord | null;
}
