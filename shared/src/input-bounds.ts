import { badUserInput } from "./errors";

/*
 * How big every value a client sends may be: one table, by schema coordinate
 * (`PersonSearchInput.givenName`, `Query.person(id:)`), for every argument and input field of
 * the client API. The gateway checks each request against it before planning (a refused request
 * never reaches a subgraph), and the subgraphs check their own arguments again with
 * `requireWithinBounds`. A test fails when the supergraph has an argument or input field this
 * table does not bound, so a new one cannot ship unbounded.
 */

/** A person's given or family name: longer than any name the agencies hold (PDS allows 35 per part). */
export const MAX_NAME_LENGTH = 100;
/** An NHS number as typed: 10 digits with spaces or hyphens ("943 476 5919" is 12). */
export const MAX_NHS_NUMBER_LENGTH = 16;
/** A postcode in any spacing or case ("DY1 4QT" is 7; the longest UK postcode is 8). */
export const MAX_POSTCODE_LENGTH = 16;
/** Any id: family index ids, agency local ids, audit event ids, candidate ids, a user's subject. */
export const MAX_ID_LENGTH = 200;
/** A paging cursor (`after`), as the previous page's `endCursor` gave it. */
export const MAX_CURSOR_LENGTH = 200;
/** A reviewer's note, kept with a link decision or a break-glass review. */
export const MAX_NOTE_LENGTH = 2000;

/**
 * How one argument or input field is bounded. A list-typed one also names `maxItems`, the most
 * items it takes (the test over the supergraph asks for it).
 */
export type InputBound =
  /** A String or ID: at most this many characters. */
  (
    | { kind: "text"; maxLength: number }
    /** An Int: a whole number in this range. */
    | { kind: "count"; min: number; max: number }
    /** A custom scalar (Date, DateTime): its fixed form, checked by the shared scalar's parser. */
    | { kind: "format" }
    /** An enum: one of its values. */
    | { kind: "choice" }
    /** An input object: each of its fields is bounded by its own entry. */
    | { kind: "object" }
  ) & { maxItems?: number };

const text = (maxLength: number): InputBound => ({ kind: "text", maxLength });
const count = (min: number, max: number): InputBound => ({ kind: "count", min, max });
const FORMAT: InputBound = { kind: "format" };
const CHOICE: InputBound = { kind: "choice" };
const OBJECT: InputBound = { kind: "object" };

/** Page sizes: the ranges each resolver documents in its argument's description. */
export const PAGE_SIZES = Object.freeze({
  auditTrail: 1000,
  breakGlassQueue: 500,
  linkCandidates: 200,
  reviewDecisions: 200,
  recentSessions: 50,
});

/** Every argument and input field of the client API, by schema coordinate. */
export const INPUT_BOUNDS: Readonly<Record<string, InputBound>> = Object.freeze({
  // Search (family index).
  "Query.searchPeople(query:)": OBJECT,
  "PersonSearchInput.nhsNumber": text(MAX_NHS_NUMBER_LENGTH),
  "PersonSearchInput.givenName": text(MAX_NAME_LENGTH),
  "PersonSearchInput.familyName": text(MAX_NAME_LENGTH),
  "PersonSearchInput.dateOfBirth": FORMAT,
  "PersonSearchInput.postcode": text(MAX_POSTCODE_LENGTH),
  "PersonSearchInput.includeWeakerCandidates": CHOICE,
  // Reads by id (family index).
  "Query.person(id:)": text(MAX_ID_LENGTH),
  "Query.family(id:)": text(MAX_ID_LENGTH),
  // Locality lists (family index).
  "Query.newBirthsNotKnownToCentres(locality:)": text(MAX_ID_LENGTH),
  "Query.newBirthsNotKnownToCentres(since:)": FORMAT,
  "Query.localityProfile(locality:)": text(MAX_ID_LENGTH),
  "Query.safeguardingMeetingList(locality:)": text(MAX_ID_LENGTH),
  "Query.safeguardingMeetingList(weekOf:)": FORMAT,
  // Linkage review (family index).
  "Query.linkCandidates(first:)": count(1, PAGE_SIZES.linkCandidates),
  "Query.linkCandidates(after:)": text(MAX_CURSOR_LENGTH),
  "Query.reviewDecisions(first:)": count(1, PAGE_SIZES.reviewDecisions),
  "Mutation.confirmLink(candidateId:)": text(MAX_ID_LENGTH),
  "Mutation.confirmLink(recordA:)": OBJECT,
  "Mutation.confirmLink(recordB:)": OBJECT,
  "Mutation.confirmLink(note:)": text(MAX_NOTE_LENGTH),
  "Mutation.rejectLink(candidateId:)": text(MAX_ID_LENGTH),
  "Mutation.rejectLink(recordA:)": OBJECT,
  "Mutation.rejectLink(recordB:)": OBJECT,
  "Mutation.rejectLink(note:)": text(MAX_NOTE_LENGTH),
  "Mutation.unlink(personId:)": text(MAX_ID_LENGTH),
  "Mutation.unlink(record:)": OBJECT,
  "Mutation.unlink(note:)": text(MAX_NOTE_LENGTH),
  "AgencyRecordInput.agency": CHOICE,
  "AgencyRecordInput.localId": text(MAX_ID_LENGTH),
  // Health visiting: the mandated review work list and performance.
  "Query.mandatedReviewWorklist(locality:)": text(MAX_ID_LENGTH),
  "Query.mandatedReviewWorklist(dueWithinDays:)": count(0, 90),
  "Query.mandatedReviewPerformance(locality:)": text(MAX_ID_LENGTH),
  // Children's centres.
  "CentreRegistration.recentSessions(limit:)": count(1, PAGE_SIZES.recentSessions),
  // The audit trail (served by the gateway itself).
  "Query.auditTrail(personId:)": text(MAX_ID_LENGTH),
  "Query.auditTrail(first:)": count(1, PAGE_SIZES.auditTrail),
  "Query.auditTrail(from:)": FORMAT,
  "Query.auditTrail(to:)": FORMAT,
  "Query.breakGlassQueue(first:)": count(1, PAGE_SIZES.breakGlassQueue),
  "Query.accessReport(actor:)": text(MAX_ID_LENGTH),
  "Query.accessReport(from:)": FORMAT,
  "Query.accessReport(to:)": FORMAT,
  "Mutation.reviewBreakGlass(eventId:)": text(MAX_ID_LENGTH),
  "Mutation.reviewBreakGlass(verdict:)": CHOICE,
  "Mutation.reviewBreakGlass(note:)": text(MAX_NOTE_LENGTH),
  // Built-in directives a client may use.
  "@include(if:)": CHOICE,
  "@skip(if:)": CHOICE,
});

/** The name a client knows a coordinate by: `givenName` for `PersonSearchInput.givenName`, `id` for `Query.person(id:)`. */
export function nameOf(coordinate: string): string {
  const arg = /\(([^:)]+):\)$/.exec(coordinate);
  return arg ? arg[1] : coordinate.slice(coordinate.lastIndexOf(".") + 1);
}

/** What is wrong with the number of items in a list at a coordinate; null when within its bound. */
export function listProblem(coordinate: string, items: number, bound = INPUT_BOUNDS[coordinate]): string | null {
  if (bound?.maxItems === undefined || items <= bound.maxItems) return null;
  return `${nameOf(coordinate)} takes at most ${bound.maxItems} items (${coordinate}); this one has ${items}.`;
}

/**
 * What is wrong with a value at a coordinate, in words for the client, naming the field and its
 * bound and never quoting the value (it may be a name or an NHS number); null when it is within
 * its bound. Values of another type are left to the schema's own checks.
 */
export function boundProblem(coordinate: string, value: unknown, bound = INPUT_BOUNDS[coordinate]): string | null {
  if (!bound) return null;
  const name = nameOf(coordinate);
  // An ID may come as a number (a variable, or a literal's text): bounded by the length of its text.
  const written =
    typeof value === "string" ? value : typeof value === "number" || typeof value === "bigint" ? String(value) : null;
  if (bound.kind === "text" && written !== null && written.length > bound.maxLength) {
    return `${name} is at most ${bound.maxLength} characters (${coordinate}); this one has ${written.length}.`;
  }
  if (bound.kind === "count" && typeof value === "number") {
    if (!Number.isInteger(value) || value < bound.min || value > bound.max) {
      return `${name} must be a whole number from ${bound.min} to ${bound.max} (${coordinate}).`;
    }
  }
  return null;
}

/** Refuses (BAD_USER_INPUT, naming the field) a value outside its coordinate's bound. */
export function requireWithinBounds<T>(coordinate: string, value: T): T {
  const problem = boundProblem(coordinate, value);
  if (problem) throw badUserInput(problem, nameOf(coordinate));
  return value;
}

/** Refuses an input object any of whose fields is outside its bound (`PersonSearchInput.givenName`...). */
export function requireFieldsWithinBounds<T extends object>(typeName: string, input: T): T {
  for (const [field, value] of Object.entries(input)) requireWithinBounds(`${typeName}.${field}`, value);
  return input;
}
