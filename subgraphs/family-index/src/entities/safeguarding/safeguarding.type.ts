import { DateScalar } from "@ffd/shared";
import { Field, ObjectType, registerEnumType } from "type-graphql";
import type { LinkedPerson } from "../../linkage/types";
import { AgencyName } from "../enums";
import { Family, type FamilyRef } from "../family/family.type";
import { Person } from "../person/person.type";

export enum SafeguardingReasonKind {
  SOCIAL_CARE_FLAG_STARTED = "SOCIAL_CARE_FLAG_STARTED",
  MANDATED_REVIEW_OVERDUE = "MANDATED_REVIEW_OVERDUE",
  COMPLEX_SOCIAL_FACTORS_AT_BOOKING = "COMPLEX_SOCIAL_FACTORS_AT_BOOKING",
  BIRTH_REGISTERED_LATE = "BIRTH_REGISTERED_LATE",
  BIRTH_NOT_KNOWN_TO_CENTRE = "BIRTH_NOT_KNOWN_TO_CENTRE",
}
registerEnumType(SafeguardingReasonKind, {
  name: "SafeguardingReasonKind",
  description: "Why a family is on the week's multi-agency safeguarding list.",
  valuesConfig: {
    SOCIAL_CARE_FLAG_STARTED: {
      description:
        "Children's social care: a safeguarding flag started (child protection plan, unborn child protection plan, looked after, child in need), as CP-IS shares it.",
    },
    MANDATED_REVIEW_OVERDUE: {
      description: "Health visiting: a child's mandated review became overdue (its due-by date passed, not done).",
    },
    COMPLEX_SOCIAL_FACTORS_AT_BOOKING: {
      description:
        "Maternity: complex social factors were identified at a pregnancy booking. More than maternity's summary: shown only to a caller who may see maternity in full for the family.",
    },
    BIRTH_REGISTERED_LATE: {
      description: "Registration: a birth was registered more than the 42 days the law allows after it.",
    },
    BIRTH_NOT_KNOWN_TO_CENTRE: {
      description:
        "Children's centres, from the family index's links: a baby was born into a family no children's centre knows (as on the outreach list).",
    },
  },
});

/** What the resolver passes on for a reason: the person as the index holds them. */
export interface SafeguardingReasonValue {
  person: LinkedPerson;
  agency: AgencyName;
  kind: SafeguardingReasonKind;
  what: string;
  on: string;
}

export interface SafeguardingEntryValue {
  family: FamilyRef;
  reasons: SafeguardingReasonValue[];
}

@ObjectType({
  description:
    "Something new in the week about a member of the family, from one agency's data, at summary level: no clinical or case detail.",
})
export class SafeguardingReason {
  @Field(() => Person, { description: "The person it is about." })
  person!: Person;

  @Field(() => AgencyName, {
    description:
      "The agency whose data it is: the agency's own system, or, for a birth no centre knows, the children's centres (the family index's links to their records).",
  })
  agency!: AgencyName;

  @Field(() => SafeguardingReasonKind)
  kind!: SafeguardingReasonKind;

  @Field(() => String, {
    description: 'What happened, in words: "Child protection plan started", "1 year review overdue (due by …)".',
  })
  what!: string;

  @Field(() => DateScalar, { description: "When it happened." })
  on!: string;
}

@ObjectType({
  description:
    "A family on a locality's weekly multi-agency safeguarding list, with the week's reasons the caller may see (at least one).",
})
export class SafeguardingMeetingEntry {
  @Field(() => Family)
  family!: Family;

  @Field(() => [SafeguardingReason], { description: "Earliest first." })
  reasons!: SafeguardingReason[];
}
