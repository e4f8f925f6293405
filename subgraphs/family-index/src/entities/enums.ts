import type { Agency } from "@ffd/shared";
import { registerEnumType } from "type-graphql";

export enum AgencyName {
  MATERNITY = "MATERNITY",
  HEALTH_VISITING = "HEALTH_VISITING",
  CHILDRENS_CENTRES = "CHILDRENS_CENTRES",
  REGISTRATION = "REGISTRATION",
}
registerEnumType(AgencyName, {
  name: "AgencyName",
  description: "An agency system whose records the family index links.",
  valuesConfig: {
    MATERNITY: { description: "The maternity information system (mothers, pregnancies, babies)." },
    HEALTH_VISITING: { description: "The health visiting service's community patient system." },
    CHILDRENS_CENTRES: { description: "The children's centres' case system (households and members)." },
    REGISTRATION: { description: "Birth registration (Registration Online entries)." },
  },
});

const AGENCY_NAMES: Readonly<Record<Agency, AgencyName>> = {
  maternity: AgencyName.MATERNITY,
  "health-visiting": AgencyName.HEALTH_VISITING,
  "childrens-centres": AgencyName.CHILDRENS_CENTRES,
  registration: AgencyName.REGISTRATION,
};

export function agencyName(agency: Agency): AgencyName {
  return AGENCY_NAMES[agency];
}

export enum LinkRule {
  ANCHOR = "ANCHOR",
  NHS_NUMBER_AND_DATE_OF_BIRTH = "NHS_NUMBER_AND_DATE_OF_BIRTH",
  NAME_DATE_OF_BIRTH_AND_POSTCODE = "NAME_DATE_OF_BIRTH_AND_POSTCODE",
  PROBABILISTIC = "PROBABILISTIC",
  REVIEWED_SAME_PERSON = "REVIEWED_SAME_PERSON",
}
registerEnumType(LinkRule, {
  name: "LinkRule",
  description: "Why an agency record was linked to a person.",
  valuesConfig: {
    ANCHOR: {
      description:
        "The person's first record (in a fixed agency order); the others are linked to it, directly or through each other.",
    },
    NHS_NUMBER_AND_DATE_OF_BIRTH: {
      description: "Same valid NHS number and same date of birth as another of the person's records.",
    },
    NAME_DATE_OF_BIRTH_AND_POSTCODE: {
      description: "Same given name, family name, date of birth and postcode as another of the person's records.",
    },
    PROBABILISTIC: {
      description:
        "Probabilistic (Fellegi-Sunter) match on given name, family name, date of birth, sex, postcode and NHS number, at or above the link threshold; confidence is the match probability.",
    },
    REVIEWED_SAME_PERSON: {
      description: "A reviewer decided it is the same person as another of the person's records.",
    },
  },
});

export enum FamilyRelationship {
  MOTHER = "MOTHER",
  FATHER = "FATHER",
  SECOND_PARENT = "SECOND_PARENT",
  CARER = "CARER",
  CHILD = "CHILD",
  SIBLING = "SIBLING",
}
registerEnumType(FamilyRelationship, {
  name: "FamilyRelationship",
  description: "A member's place in the family, as the agencies record it.",
  valuesConfig: {
    MOTHER: { description: "Recorded as a child's mother." },
    FATHER: { description: "Recorded as a child's father." },
    SECOND_PARENT: { description: "Recorded as a child's second parent." },
    CARER: { description: "Recorded as a child's carer, or an adult of the household with no more specific role." },
    CHILD: { description: "Has a parent or carer recorded in the family (or is a child of the household)." },
    SIBLING: { description: "Reserved: siblings are given as CHILD for now." },
  },
});
