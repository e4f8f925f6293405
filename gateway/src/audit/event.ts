import { createHash } from "node:crypto";
import { AGENCIES, AGENCY_SERVICES, type Agency } from "@ffd/shared";

/**
 * One audit event: one read of one person's record in one response. It names the person only by
 * their id: never their name, NHS number, the query text or its variables.
 */
export interface AuditEventContent {
  eventId: string;
  personId: string;
  /** Agencies whose data about the person came back (non-null), in AGENCIES order. */
  agencies: Agency[];
  /** Data categories that came back (CATEGORIES order). */
  categories: string[];
  /** Categories withheld by the access policy (FORBIDDEN). */
  denied: string[];
  /** Agencies whose system did not answer (AGENCY_UNAVAILABLE). */
  unavailable: Agency[];
  actor: string;
  role: string;
  organisation: string | null;
  centre: string | null;
  purpose: string;
  /** The written reason when the caller used break-glass; null otherwise (break-glass is still to come). */
  breakGlassReason: string | null;
  outcome: AuditOutcome;
  requestId: string;
  operationName: string | null;
  /** ISO 8601 UTC with milliseconds (Date.toISOString()). */
  occurredAt: string;
}

/** A stored event: its place in the chain and the hashes that bind it there. */
export interface AuditEvent extends AuditEventContent {
  seq: number;
  prevHash: string;
  hash: string;
}

export const AUDIT_OUTCOMES = ["returned", "partially-denied", "denied", "unavailable"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** The previous hash of the first event. */
export const GENESIS_HASH = "0".repeat(64);

/** The Person fields that return an agency's data, and which agency (one per service registry row). */
export const AGENCY_FIELDS: Readonly<Record<string, Agency>> = Object.fromEntries(
  AGENCY_SERVICES.map((a) => [a.personField, a.name]),
) as Record<string, Agency>;

/**
 * The data category of each Person field. `id` (the key every event carries anyway) and
 * `__typename` have none; a field missing here is recorded under its own name, so a new field
 * is never silently left out of the trail (a test checks the supergraph against this table).
 */
export const PERSON_FIELD_CATEGORIES: Readonly<Record<string, string | null>> = {
  id: null,
  __typename: null,
  nhsNumber: "identity",
  givenName: "identity",
  familyName: "identity",
  dateOfBirth: "identity",
  sex: "identity",
  postcode: "identity",
  family: "family",
  records: "record-links",
  // The list alone is no agency's data: each Involvement in it is recorded under its agency (PERSON_AGENCY_SUMMARIES).
  involvements: null,
  ...AGENCY_FIELDS,
};

/**
 * Types shown inside a Person that each reveal one agency's summary of that person (that the
 * agency knows them, who leads its work, the last contact): each one in a response is recorded on
 * the person it sits under, in `agencies` and under that agency's category, whatever of it was
 * selected. The gateway adds `auditAgency_: <agencyField>` to every selection of such a type (and
 * takes it out of the response again), so the agency is known even when the client did not ask.
 */
export const PERSON_AGENCY_SUMMARIES: Readonly<Record<string, { agencyField: string }>> = {
  /** Person.involvements: one agency's involvement with the person. */
  Involvement: { agencyField: "agency" },
};

/**
 * The data category of each field of a CandidateRecord (one side of a linkage candidate pair, for
 * data stewards): its demographics are the person's identity as one agency holds it, and its
 * `localId` is one of the person's agency records (as `Person.records` gives them). `agency` names
 * the record's agency (recorded in `agencies`); `person` is walked as a Person of its own. A field
 * missing here is recorded under its own name, as for Person.
 */
export const CANDIDATE_RECORD_FIELD_CATEGORIES: Readonly<Record<string, string | null>> = {
  __typename: null,
  agency: null,
  localId: "record-links",
  person: null,
  nhsNumber: "identity",
  givenName: "identity",
  familyName: "identity",
  dateOfBirth: "identity",
  sex: "identity",
  postcode: "identity",
};

/**
 * The data category of each field of a person on a birth registration entry (RegisteredChild,
 * RegisteredParent): their identity as the register holds it; `kind` (mother, father, second
 * parent) is their place in the family; `localId` is one of their agency records.
 */
export const REGISTERED_PERSON_FIELD_CATEGORIES: Readonly<Record<string, string | null>> = {
  __typename: null,
  person: null,
  localId: "record-links",
  kind: "family",
  forenames: "identity",
  surname: "identity",
  maidenSurname: "identity",
  sex: "identity",
  dateOfBirth: "identity",
  nhsNumber: "identity",
};

/**
 * A type other than Person that discloses one person wherever it appears in a response, whether or
 * not the client selected that person: a search match confirms that someone matching the query
 * exists, a family member that someone belongs to the family, a candidate record that someone has
 * a record at an agency. The gateway adds `auditPerson_: <personField> { id }` (and
 * `auditAgency_: <agencyField>`) to every selection of such a type, so each one is audited by its
 * person's id, and takes them out of the response again.
 */
export interface PersonDisclosure {
  /** The field (of type Person!) leading to the person disclosed. */
  personField: string;
  /** The field naming the agency that holds what is shown (an AgencyName), if any. */
  agencyField: string | null;
  /** The agency holding every object of this type, for a type with no agencyField; null if none. */
  agency: Agency | null;
  /**
   * What the object discloses by being in the response at all, whatever is selected of it; null
   * when that is only the person's existence (the categories are then those of the fields shown).
   */
  disclosed: string | null;
  /**
   * Whether being in the response discloses the named agency's data about the person as well
   * (its category is then that agency), whatever is selected of it.
   */
  agencyDisclosed?: boolean;
  /** The data category of each of its fields; a field missing here is recorded under its own name. */
  fields: Readonly<Record<string, string | null>>;
}

/**
 * THE TYPES THAT DISCLOSE A PERSON, and the path to that person's id: one table, so a new such
 * type is one line here (a test checks every supergraph type that leads to a Person is either here
 * or in PERSON_CARRIERS, every type with a field that looks like a person's identity is here or in
 * IDENTITY_LOOKALIKES, and every field of these types has a category). An agency type showing
 * another person than the record it sits in (a registered child, a baby) gets its `person` from the
 * family index, by the local id the agency's identity feed gives that person.
 */
export const PERSON_DISCLOSURES: Readonly<Record<string, PersonDisclosure>> = {
  /** searchPeople: a match (even its score alone) confirms the identity searched for. */
  PersonMatch: {
    personField: "person",
    agencyField: null,
    agency: null,
    disclosed: "identity",
    fields: { __typename: null, person: null, score: "identity", matchedOn: "identity" },
  },
  /** Family.members: a member (even their relationship alone) is someone's membership of the family. */
  FamilyMember: {
    personField: "person",
    agencyField: null,
    agency: null,
    disclosed: "family",
    fields: { __typename: null, person: null, relationship: "family" },
  },
  /** linkCandidates: a record of the person, held by an agency, with the demographics it holds. */
  CandidateRecord: {
    personField: "person",
    agencyField: "agency",
    agency: null,
    disclosed: null,
    fields: CANDIDATE_RECORD_FIELD_CATEGORIES,
  },
  /**
   * BirthRegistration.child: the child on an entry of the register (often another person than the
   * one whose registration record is read: a mother's `asParent`), with their names, date of birth
   * and NHS number as registered.
   */
  RegisteredChild: {
    personField: "person",
    agencyField: null,
    agency: "registration",
    disclosed: "identity",
    fields: REGISTERED_PERSON_FIELD_CATEGORIES,
  },
  /** BirthRegistration.mother / .secondParent: a parent on an entry (a child's record shows its parents). */
  RegisteredParent: {
    personField: "person",
    agencyField: null,
    agency: "registration",
    disclosed: "identity",
    fields: REGISTERED_PERSON_FIELD_CATEGORIES,
  },
  /**
   * Pregnancy.babies (and MaternityRecord.birth): a baby's birth as maternity recorded it, on the
   * mother's record; its moment of birth and sex are the baby's identity, the rest maternity data.
   */
  BirthDetails: {
    personField: "person",
    agencyField: null,
    agency: "maternity",
    disclosed: "identity",
    fields: {
      __typename: null,
      person: null,
      localId: "record-links",
      bornAt: "identity",
      sex: "identity",
      gestation: "maternity",
      birthWeightGrams: "maternity",
      deliveryMethod: "maternity",
      firstFeed: "maternity",
      birthNotifiedAt: "maternity",
    },
  },
  /**
   * newBirthsNotKnownToCentres: a baby on a locality's outreach list. Being on it discloses the
   * baby's birth in the window, in the locality, and that no children's centre knows the family
   * (family); the mother is walked as a Person of her own.
   */
  OutreachEntry: {
    personField: "child",
    agencyField: null,
    agency: null,
    disclosed: "family",
    fields: { __typename: null, child: null, mother: null, dateOfBirth: "identity" },
  },
  /**
   * mandatedReviewWorklist: a review of a child on a locality's work list. Being listed discloses
   * that health visiting knows the child and a review of theirs is due or overdue (health visiting
   * data, what a summary shows), whatever is selected of the item: each item is a read of its child.
   */
  MandatedReviewWorkItem: {
    personField: "person",
    agencyField: null,
    agency: "health-visiting",
    disclosed: "health-visiting",
    fields: {
      __typename: null,
      person: null,
      childLocalId: "record-links",
      review: "health-visiting",
      dueFrom: "health-visiting",
      dueBy: "health-visiting",
      status: "health-visiting",
      team: "health-visiting",
      namedHealthVisitor: "health-visiting",
    },
  },
  /**
   * safeguardingMeetingList: one reason a family is on a locality's weekly safeguarding list.
   * Being shown discloses the family's place on the list (family) and the named agency's fact
   * about the person (that agency's data, at summary level), whatever is selected of it.
   */
  SafeguardingReason: {
    personField: "person",
    agencyField: "agency",
    agency: null,
    disclosed: "family",
    agencyDisclosed: true,
    fields: { __typename: null, person: null, agency: null, kind: null, what: null, on: null },
  },
};

/**
 * Types whose every appearance in a response discloses the persons of one of their lists of
 * disclosing objects (PERSON_DISCLOSURES), whatever the client selected of them: the gateway adds
 * `auditList_: <listField> { <the item type's audit fields> }` to every selection of such a type,
 * so each person of the list is audited as if the item were selected, and takes it out again.
 */
export const PERSON_LIST_DISCLOSURES: Readonly<Record<string, { listField: string; itemType: string }>> = {
  /**
   * safeguardingMeetingList: a family on a locality's weekly safeguarding list. Being listed
   * discloses each reason (each names its person and the agency whose data it is), even when
   * only `family { id }` is selected.
   */
  SafeguardingMeetingEntry: { listField: "reasons", itemType: "SafeguardingReason" },
};

/**
 * The types with a field returning Person that disclose no person of their own: the people they
 * lead to are audited as Persons (the gateway adds `id` to every Person selection), and their other
 * fields name no person.
 */
export const PERSON_CARRIERS: Readonly<Record<string, string>> = {
  Query: "person(id) returns a Person; family(id) alone names no member (a Family's id derives from no one's)",
  ReviewOutcome: "persons are Persons; decisions name records (agency and local id), not people",
};

/**
 * The types other than Person and PERSON_DISCLOSURES with a field that looks like a person's
 * identity (a name, date of birth, NHS number, postcode), and why they disclose no person of their
 * own: a test fails on any other such type, so a new one is audited or justified here.
 */
export const IDENTITY_LOOKALIKES: Readonly<Record<string, string>> = {
  ChildrensCentre: "the public directory of centres: its name and postcode are a building's",
  Locality:
    "a locality of the borough (reference data): its name is an area's; a family's locality is read as that family (Person.family)",
  Household:
    "shown only inside a Person's children's centres record (audited as that person's read); its postcode is the household's, and it lists no other member",
  SocialWorker:
    "the allocated social worker: a practitioner's work contact, shown only inside a Person's children's social care record (audited as that person's read)",
  LeadPractitioner:
    "an agency's lead practitioner: a practitioner's work contact, shown only inside a Person's involvements (audited as that person's read, under the agency)",
};

export const CATEGORIES = ["identity", "family", "record-links", ...AGENCIES] as const;

export function categoryOfPersonField(field: string): string | null {
  return field in PERSON_FIELD_CATEGORIES ? PERSON_FIELD_CATEGORIES[field] : field;
}

/** The category of a field of a type that discloses a person (PERSON_DISCLOSURES). */
export function categoryOfDisclosureField(disclosure: PersonDisclosure, field: string): string | null {
  return field in disclosure.fields ? disclosure.fields[field] : field;
}

/** Known categories in CATEGORIES order, then any others alphabetically, each once. */
export function sortCategories(values: Iterable<string>): string[] {
  const set = new Set(values);
  const known = (CATEGORIES as readonly string[]).filter((c) => set.has(c));
  const other = [...set].filter((c) => !(CATEGORIES as readonly string[]).includes(c)).sort();
  return [...known, ...other];
}

export function sortAgencies(values: Iterable<Agency>): Agency[] {
  const set = new Set(values);
  return AGENCIES.filter((a) => set.has(a));
}

/**
 * What became of the read: `returned` when nothing asked for was withheld; `denied` when the
 * policy withheld something and nothing else came back; `partially-denied` when it withheld
 * something and other data came back; `unavailable` when nothing was withheld by policy but an
 * agency's system did not answer.
 */
export function outcomeOf(read: { categories: string[]; denied: string[]; unavailable: string[] }): AuditOutcome {
  if (read.denied.length > 0) return read.categories.length > 0 ? "partially-denied" : "denied";
  if (read.unavailable.length > 0) return "unavailable";
  return "returned";
}

/** JSON with object keys sorted at every level: the same event always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

const CONTENT_KEYS: readonly (keyof AuditEventContent)[] = [
  "eventId",
  "personId",
  "agencies",
  "categories",
  "denied",
  "unavailable",
  "actor",
  "role",
  "organisation",
  "centre",
  "purpose",
  "breakGlassReason",
  "outcome",
  "requestId",
  "operationName",
  "occurredAt",
];

/** The hashed content of an event: exactly its content fields (not its place or hashes). */
export function contentOf(event: AuditEventContent): AuditEventContent {
  return Object.fromEntries(CONTENT_KEYS.map((k) => [k, event[k]])) as unknown as AuditEventContent;
}

/** sha256(canonical JSON of the event's content + the previous event's hash), hex. */
export function hashEvent(event: AuditEventContent, prevHash: string): string {
  return createHash("sha256")
    .update(canonicalJson(contentOf(event)) + prevHash, "utf8")
    .digest("hex");
}
