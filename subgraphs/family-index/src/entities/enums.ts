import { AGENCY_SERVICES, type Agency, type AgencyEntry, type AgencyService } from "@ffd/shared";
import { registerEnumType } from "type-graphql";

/**
 * An agency system whose records the family index links: one value per agency of the service
 * registry (its `enumValue`, documented by its `system`), so a new registry row is a new value.
 */
export type AgencyName = AgencyService["enumValue"];

/** The `AgencyName` enum object and its values' documentation, from a list of agencies (the registry's by default). */
export function agencyNameEnum(agencies: readonly AgencyEntry[] = AGENCY_SERVICES): {
  values: Readonly<Record<string, string>>;
  valuesConfig: Readonly<Record<string, { description: string }>>;
} {
  return {
    values: Object.fromEntries(agencies.map((a) => [a.enumValue, a.enumValue])),
    valuesConfig: Object.fromEntries(agencies.map((a) => [a.enumValue, { description: a.system }])),
  };
}

const agencyNames = agencyNameEnum();
/** The enum's values by name (`AgencyName.MATERNITY`), as type-graphql registers it. */
export const AgencyName = Object.freeze(agencyNames.values) as { readonly [V in AgencyName]: V };
registerEnumType(AgencyName, {
  name: "AgencyName",
  description: "An agency system whose records the family index links.",
  valuesConfig: agencyNames.valuesConfig as Record<AgencyName, { description: string }>,
});

const AGENCY_NAMES: ReadonlyMap<Agency, AgencyName> = new Map(AGENCY_SERVICES.map((a) => [a.name, a.enumValue]));

export function agencyName(agency: Agency): AgencyName {
  return AGENCY_NAMES.get(agency)!;
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
