import { Directive, Field, ID, ObjectType } from "type-graphql";
import { ChildrensCentresRecord } from "../record/record.type";

/**
 * Person is owned by family-index. This subgraph adds `childrensCentres`, resolved from the
 * person's member references, which family-index holds (`childrensCentresRecordIds`) and
 * the router passes in each representation.
 */
@Directive('@key(fields: "id")')
@ObjectType("Person")
export class Person {
  @Field(() => ID)
  id!: string;

  @Directive("@external")
  @Field(() => [ID])
  childrensCentresRecordIds!: string[];

  @Directive("@external")
  @Field(() => Boolean, {
    description: "Whether the caller has a legitimate relationship with the person's family (family-index).",
  })
  legitimateRelationship!: boolean;

  @Directive('@requires(fields: "childrensCentresRecordIds legitimateRelationship")')
  @Field(() => ChildrensCentresRecord, {
    nullable: true,
    description:
      "What the children's centres know about this person; null when they hold no record of them. Full detail or a summary as the access policy gives the caller; null with a FORBIDDEN error when it gives nothing.",
  })
  childrensCentres?: ChildrensCentresRecord | null;
}
