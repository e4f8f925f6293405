import { DateScalar, type IsoDate } from "@ffd/shared";
import { Directive, Field, Float, ID, Int, ObjectType } from "type-graphql";
import { MandatedReviewStatus, MandatedReviewType } from "../mandated-review/mandated-review.type";

/** The child's patient id, as family-index describes the same key field (one text in the supergraph). */
const HV_CHILD_LOCAL_ID =
  "The child's health visiting patient id (pat_id, e.g. '1002'), as the identity feed gives it: family-index adds the child as `person`.";

/** A locality of the reference, by its id: family-index owns it. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Locality {
  @Field(() => ID)
  id!: string;
}

/**
 * A review of a child on a locality's work list, keyed by the child's patient id and the review:
 * all this subgraph says of the child is that id. family-index adds `person` (the pattern of
 * RegisteredChild and BirthDetails, by the patient id alone), so the gateway audits every item as
 * a read of that child and their identity follows the policy.
 */
@Directive('@key(fields: "childLocalId review", resolvable: false)')
@ObjectType({ description: "A child's mandated review that is overdue or due soon, on a locality's work list." })
export class MandatedReviewWorkItem {
  @Field(() => ID, { description: HV_CHILD_LOCAL_ID })
  childLocalId!: string;

  @Field(() => MandatedReviewType)
  review!: MandatedReviewType;

  @Field(() => DateScalar, { description: "The first day the review can be done." })
  dueFrom!: IsoDate;

  @Field(() => DateScalar, { description: "The day by which the review should be done." })
  dueBy!: IsoDate;

  @Field(() => MandatedReviewStatus, {
    description:
      "OVERDUE (past due-by, still counted), DUE, or NOT_YET_DUE (opens later, due by within the days asked).",
  })
  status!: MandatedReviewStatus;

  @Field(() => String, { nullable: true, description: "The health visiting team holding the child's caseload." })
  team!: string | null;

  @Field(() => String, { nullable: true, description: "The child's named health visitor." })
  namedHealthVisitor!: string | null;
}

@ObjectType({ description: "How one mandated review was done in the period: counts, no one named." })
export class ReviewPerformance {
  @Field(() => MandatedReviewType)
  review!: MandatedReviewType;

  @Field(() => Int, { description: "Children whose due-by date for the review fell in the period." })
  eligible!: number;

  @Field(() => Int, {
    description:
      "Of them, those seen at an attended contact of the review's type between its opening and its due-by date.",
  })
  completedInTime!: number;

  @Field(() => Float, {
    nullable: true,
    description: "completedInTime / eligible (0 to 1); null when none was eligible.",
  })
  rate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "The national figure for the same measure (0 to 1); null where none is published.",
  })
  nationalRate!: number | null;
}

@ObjectType({
  description: "Mandated review performance for the borough or one locality, over the 12 months to the reference date.",
})
export class MandatedReviewPerformance {
  @Field(() => Locality, { nullable: true, description: "The locality; null for the whole borough." })
  locality!: Locality | null;

  @Field(() => DateScalar, { description: "The first day of the period (the day after 12 months before its end)." })
  periodStart!: IsoDate;

  @Field(() => DateScalar, { description: "The last day of the period: the reference date." })
  periodEnd!: IsoDate;

  @Field(() => [ReviewPerformance], { description: "One row per mandated review, in the schedule's order." })
  reviews!: ReviewPerformance[];
}

/**
 * A locality's 0-5 profile, owned by family-index (its counts of children); health visiting adds
 * the locality's mandated review performance, so one profile composes both systems' figures.
 */
@Directive('@key(fields: "id")')
@ObjectType()
export class LocalityProfile {
  @Field(() => ID, { description: "The locality's id." })
  id!: string;

  /** Read with the entity (worklist.reference.ts); the field is declared on its resolver. */
  reviewPerformance!: MandatedReviewPerformance;
}
