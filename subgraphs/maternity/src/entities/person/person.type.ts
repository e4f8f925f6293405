import { Directive, Field, ID, ObjectType } from "type-graphql";
import { MaternityRecord } from "../maternity-record/maternity-record.type";

/** The family index's Person, extended with what the maternity system knows about them. */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A person, as the family index knows them." })
export class Person {
  @Field(() => ID)
  id!: string;

  /** Owned by family-index: the local ids of this person's records in the maternity system. */
  @Directive("@external")
  @Field(() => [ID])
  maternityRecordIds!: string[];

  @Directive('@requires(fields: "maternityRecordIds")')
  @Field(() => MaternityRecord, {
    nullable: true,
    description: "What the maternity system holds about this person; null when it holds nothing.",
  })
  maternity?: MaternityRecord | null;
}
