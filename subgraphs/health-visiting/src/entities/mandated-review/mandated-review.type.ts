import { DateScalar, needs, type IsoDate } from "@ffd/shared";
import { Authorized, Field, ObjectType, registerEnumType } from "type-graphql";

/** The five reviews of the Healthy Child Programme that every family is offered. */
export enum MandatedReviewType {
  ANTENATAL = "ANTENATAL",
  NEW_BIRTH_VISIT = "NEW_BIRTH_VISIT",
  SIX_TO_EIGHT_WEEK = "SIX_TO_EIGHT_WEEK",
  ONE_YEAR = "ONE_YEAR",
  TWO_TO_TWO_AND_A_HALF_YEAR = "TWO_TO_TWO_AND_A_HALF_YEAR",
}
registerEnumType(MandatedReviewType, {
  name: "MandatedReviewType",
  description: "One of the five mandated health visiting reviews (Healthy Child Programme).",
  valuesConfig: {
    ANTENATAL: { description: "Antenatal contact, from 28 weeks of pregnancy until the birth." },
    NEW_BIRTH_VISIT: { description: "New birth visit, due by day 14." },
    SIX_TO_EIGHT_WEEK: { description: "6-8 week review, due by 8 weeks (day 56)." },
    ONE_YEAR: { description: "1 year review, from 9 months, due by 12 months (still counted by 15 months)." },
    TWO_TO_TWO_AND_A_HALF_YEAR: { description: "2-2½ year review with ASQ-3, from 24 months, due by 30 months." },
  },
});

export enum MandatedReviewStatus {
  COMPLETED = "COMPLETED",
  DUE = "DUE",
  OVERDUE = "OVERDUE",
  NOT_YET_DUE = "NOT_YET_DUE",
  MISSED = "MISSED",
}
registerEnumType(MandatedReviewStatus, {
  name: "MandatedReviewStatus",
  description: "Where a mandated review stands, as of the service's reference date.",
  valuesConfig: {
    COMPLETED: {
      description: "An attended contact of this review's type took place in its window (a late one still counts).",
    },
    DUE: { description: "The review's window is open and it is not yet past its due-by date." },
    OVERDUE: { description: "Past its due-by date, but it can still be done." },
    NOT_YET_DUE: { description: "The review's window has not opened yet." },
    MISSED: { description: "The window closed without an attended review." },
  },
});

@ObjectType("MandatedReview", {
  description: "A mandated review, with its window and where it stands as of the reference date.",
})
export class MandatedReview {
  @Field(() => MandatedReviewType)
  type!: MandatedReviewType;

  @Field(() => DateScalar, { description: "The first day the review can be done." })
  dueFrom!: IsoDate;

  @Field(() => DateScalar, { description: "The day by which the review should be done." })
  dueBy!: IsoDate;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The date of the attended contact that completed the review.",
  })
  completedOn!: IsoDate | null;

  @Field(() => MandatedReviewStatus)
  status!: MandatedReviewStatus;

  @Authorized(needs("healthVisiting", "FULL"))
  @Field(() => Boolean, {
    nullable: true,
    description:
      "2-2½ year review only: whether the ASQ-3 questionnaire was completed at it (null when not recorded or not applicable). Detail: null with FORBIDDEN for a summary.",
  })
  asq3Completed!: boolean | null;
}
