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

  @Directive("@external")
  @Field(() => Boolean, {
    description: "Whether the caller has a legitimate relationship with the person's family (family-index).",
  })
  legitimateRelationship!: boolean;

  @Directive('@requires(fields: "maternityRecordIds legitimateRelationship")')
  @Field(() => MaternityRecord, {
    nullable: true,
    description:
      "What the maternity system holds about this person; null when it holds nothing. Full detail or a summary as the access policy gives the caller; null with a FORBIDDEN error when it gives nothing.",
  })
  maternity?: MaternityRecord | null;
}
