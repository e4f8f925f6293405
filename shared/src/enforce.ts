import { GraphQLError } from "graphql";
import type { AuthCheckerFn } from "type-graphql";
import type { Caller } from "./caller";
import { ErrorCode } from "./errors";
import { LOCALITY_LISTS, levelFor, mayReadList, type FieldGroup, type ListPolicy, type LocalityList } from "./policy";

/** How a list's refusal names the people and families it shows. */
const LIST_WORDS: Partial<Record<FieldGroup, string>> = { identity: "people", family: "families" };
import { REGISTRY, type ServiceRegistry } from "./services";

/**
 * ENFORCEMENT of the access policy (policy.ts) inside each subgraph, on its own fields, so that
 * the policy holds whatever reaches the subgraph (the gateway's query plan, or `_entities` sent
 * by anyone else holding a gateway token). A subgraph:
 *
 * 1. works out a grant for each group of fields it serves: `grantFor(caller, group, relationship)`
 *    turns the policy's level into what this caller gets for this person: NONE, SUMMARY or FULL
 *    (FULL_WITH_RELATIONSHIP becomes FULL with a legitimate relationship or break-glass, else
 *    SUMMARY);
 * 2. refuses a group whose grant is NONE (`accessDenied`: the field is null, with a FORBIDDEN
 *    error naming the agency) and otherwise marks the object it returns with the grant
 *    (`withGrant`);
 * 3. puts `@Authorized(needs(group, "FULL"))` on every field that is detail rather than summary:
 *    `authChecker` reads the grant from the object the field is on (or, for an object reached
 *    with no grant on it, works one out with no relationship) and throws FORBIDDEN when it falls
 *    short, so that field alone is null and the rest of the record still comes back.
 */

/** What a caller gets of a group of fields on one record. */
export type Grant = "NONE" | "SUMMARY" | "FULL";
const RANK: Readonly<Record<Grant, number>> = { NONE: 0, SUMMARY: 1, FULL: 2 };

/** The service answering for each field group, named in FORBIDDEN errors (`extensions.agency`). */
export function groupServicesOf(registry: ServiceRegistry = REGISTRY): Readonly<Record<string, string>> {
  return {
    identity: registry.familyIndex.name,
    family: registry.familyIndex.name,
    linkageReview: registry.familyIndex.name,
    ...Object.fromEntries(registry.agencies.map((a) => [a.fieldGroup, a.name])),
    auditTrail: "audit",
  };
}
export const GROUP_SERVICE = groupServicesOf() as Readonly<Record<FieldGroup, string>>;

/** The words for each field group in FORBIDDEN messages: an agency's are "<its label> data". */
export function groupLabelsOf(registry: ServiceRegistry = REGISTRY): Readonly<Record<string, string>> {
  return {
    identity: "identity details",
    family: "family details",
    linkageReview: "record linkage review",
    ...Object.fromEntries(registry.agencies.map((a) => [a.fieldGroup, `${a.label} data`])),
    auditTrail: "the audit trail",
  };
}
export const GROUP_LABEL = groupLabelsOf() as Readonly<Record<FieldGroup, string>>;

/**
 * The grant a caller gets on a group for one person. `relationship` is whether the caller has a
 * legitimate relationship with the person's family (family-index works it out; false when not
 * known). A caller with no purpose (never one the gateway signed) gets nothing.
 */
export function grantFor(caller: Caller | null, group: FieldGroup, relationship: boolean): Grant {
  if (!caller?.purpose) return "NONE";
  const level = levelFor(caller.role, caller.purpose, group);
  if (level === "FULL_WITH_RELATIONSHIP") return relationship || caller.breakGlass ? "FULL" : "SUMMARY";
  return level;
}

/** Whether a grant reaches a needed one. */
export function grants(grant: Grant, needed: Grant): boolean {
  return RANK[grant] >= RANK[needed];
}

/**
 * The FORBIDDEN error for a field the caller's grant does not reach, naming the agency and
 * saying why: the role and purpose get nothing of this group, only a summary of it, or full
 * detail only with a relationship the caller does not have.
 */
export function accessDenied(caller: Caller | null, group: FieldGroup, grant: Grant): GraphQLError {
  const agency = GROUP_SERVICE[group];
  const label = GROUP_LABEL[group];
  let message: string;
  if (!caller?.purpose) {
    message = `No purpose of access was stated, so ${label} is not shown.`;
  } else if (grant === "NONE") {
    message = `The ${caller.role} role is not shown ${label} for ${caller.purpose}.`;
  } else if (levelFor(caller.role, caller.purpose, group) === "FULL_WITH_RELATIONSHIP") {
    message =
      `Only a summary of ${label} is shown: full detail needs a legitimate relationship with this family ` +
      `(on your caseload or registered at your centre). If you must see it, break glass with a written reason ` +
      `(X-Break-Glass-Reason); that access is recorded and reviewed.`;
  } else {
    message = `The ${caller.role} role sees only a summary of ${label} for ${caller.purpose}; this detail is withheld.`;
  }
  return new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden, agency } });
}

const GRANTS = Symbol.for("family-front-door.grants");
type Grants = Partial<Record<FieldGroup, Grant>>;

/**
 * Marks an object (a record a resolver returns) with the caller's grant on a group, for the
 * `@Authorized` checks on its fields. A symbol key, so never serialised into a response; an
 * enumerable one, so it survives type-graphql copying a root into its class for `@Root()` (and
 * a spread copy keeps it too). Returns the object.
 */
export function withGrant<T extends object>(value: T, group: FieldGroup, grant: Grant): T {
  const current = (value as Record<symbol, Grants | undefined>)[GRANTS];
  Object.defineProperty(value, GRANTS, {
    value: { ...current, [group]: grant },
    enumerable: true,
    configurable: true,
    writable: true,
  });
  return value;
}

/** The grant an object was marked with for a group, if any. */
export function grantOf(value: unknown, group: FieldGroup): Grant | undefined {
  if (value === null || typeof value !== "object") return undefined;
  return (value as Record<symbol, Grants | undefined>)[GRANTS]?.[group];
}

/** Marks each object of a list with the same grant (nested records under a granted one). */
export function withGrants<T extends object>(values: readonly T[], group: FieldGroup, grant: Grant): T[] {
  for (const v of values) withGrant(v, group, grant);
  return values as T[];
}

/**
 * The grant for a person's record from one agency, refusing NONE: throws FORBIDDEN, so the
 * person's field for that agency is null and their other fields still come back.
 */
export function recordGrant(caller: Caller | null, group: FieldGroup, relationship: boolean): "SUMMARY" | "FULL" {
  const grant = grantFor(caller, group, relationship);
  if (grant === "NONE") throw accessDenied(caller, group, grant);
  return grant;
}

/** Refuses (FORBIDDEN) unless the caller's grant on the group reaches `needed`, with no relationship. */
export function requireGrant(caller: Caller | null, group: FieldGroup, needed: Grant = "FULL"): void {
  const grant = grantFor(caller, group, false);
  if (!grants(grant, needed)) throw accessDenied(caller, group, grant);
}

/**
 * Refuses (FORBIDDEN, naming the service that serves the list: family-index unless said) a caller
 * whose role and purpose may not read a locality list (policy.ts, LOCALITY_LISTS): called before
 * anything is read. The message says which purposes the list is for, and what the role must be shown.
 */
export function requireListAccess(
  caller: Caller | null,
  list: LocalityList,
  servedBy: string = GROUP_SERVICE.family,
): void {
  if (caller?.purpose && mayReadList(caller.role, caller.purpose, list)) return;
  const policy: ListPolicy = LOCALITY_LISTS[list];
  const shown = [
    policy.groups.length ? `${policy.groups.map((g) => LIST_WORDS[g] ?? GROUP_LABEL[g]).join(" and ")} in full` : null,
    policy.summaryOf?.length
      ? `at least a summary of ${policy.summaryOf.map((g) => GROUP_LABEL[g]).join(" and ")}`
      : null,
  ].filter((s): s is string => s !== null);
  const message = caller?.purpose
    ? `The ${caller.role} role may not read the list of ${policy.what} for ${caller.purpose}: it is for ${policy.purposes.join(" or ")}${shown.length ? `, by roles shown ${shown.join(" and ")} for that purpose` : ""}.`
    : `No purpose of access was stated, so the list of ${policy.what} is not shown.`;
  throw new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden, agency: servedBy } });
}

const RULE = /^(\w+):(SUMMARY|FULL)$/;

/** The `@Authorized` rule for a field needing this grant of this group: `@Authorized(needs("maternity", "FULL"))`. */
export function needs(group: FieldGroup, grant: "SUMMARY" | "FULL"): string {
  return `${group}:${grant}`;
}

/** What every subgraph context carries for the checks: the caller the gateway vouched for. */
export interface CallerContext {
  caller: Caller | null;
}

/**
 * type-graphql's auth checker for every subgraph (`buildFederatedSchema` passes it). For each
 * rule of `@Authorized(needs(group, grant))` it takes the grant the field's object was marked
 * with, or, on an object that carries none (reached by its key through `_entities`), the grant
 * with no relationship; it throws FORBIDDEN naming the agency when that falls short.
 */
export const authChecker: AuthCheckerFn<CallerContext> = ({ root, context }, rules) => {
  if (rules.length === 0) throw new Error("@Authorized needs a rule: needs(group, grant)");
  for (const rule of rules) {
    const match = RULE.exec(rule);
    if (!match || !(match[1] in GROUP_SERVICE)) throw new Error(`unknown access rule: ${rule}`);
    const group = match[1] as FieldGroup;
    const needed = match[2] as Grant;
    const grant = grantOf(root, group) ?? grantFor(context.caller, group, false);
    if (!grants(grant, needed)) throw accessDenied(context.caller, group, grant);
  }
  return true;
};
