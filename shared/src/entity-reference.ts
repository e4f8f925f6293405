import type { FieldGroup } from "./policy";
import { accessDenied, grantFor, grants, withGrant, type CallerContext } from "./enforce";

/**
 * REFERENCE RESOLVERS THAT APPLY THE ACCESS POLICY. Anyone holding a gateway token can reach an
 * entity by its key (`_entities`), skipping the field that normally leads to it and the grant
 * that field applies. So every `@key` type of a subgraph declares, through one of the helpers
 * below, how it is guarded when reached that way, and `buildFederatedSchema` refuses to build a
 * schema with a `@key` type that declares nothing (without a reference resolver a subgraph would
 * even echo the representation back as the entity).
 *
 * - `guardedReference(group, load)`: the entity is part of one agency's record (a pregnancy, a
 *   birth registration). It gets the grant its usual way in gives (`Person.maternity`, ...),
 *   worked out with no legitimate relationship (one cannot be known from a bare key; break-glass
 *   still counts): NONE refuses it before anything is read (null, with FORBIDDEN naming the
 *   agency); SUMMARY or FULL marks it (`withGrant`) so `@Authorized(needs(group, "FULL"))` on its
 *   detail fields withholds them from a summary. With `needed` FULL the entity is detail all
 *   through (a registered child's names, a baby's birth): anything short of FULL refuses it whole.
 * - `openReference(why, load)`: the entity holds nothing the policy restricts of its own (a stub
 *   of another subgraph's entity whose every field applies the policy itself, or a public
 *   directory); `why` says so in the code.
 */

const REFERENCE_GUARD = Symbol.for("family-front-door.reference-guard");

/** How an entity reached by its key is guarded. */
export type ReferenceGuard =
  { kind: "grant"; group: FieldGroup; needed: "SUMMARY" | "FULL" } | { kind: "open"; why: string };

/** A `__resolveReference` made by `guardedReference` or `openReference`, with its guard. */
export interface EntityReference {
  // Each type's representation and context have their own shapes; only the name is fixed here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  __resolveReference(representation: any, context: any): Promise<unknown>;
  readonly [REFERENCE_GUARD]: ReferenceGuard;
}

/** The guard a reference resolver was declared with, or undefined if it was made by hand. */
export function referenceGuardOf(reference: unknown): ReferenceGuard | undefined {
  if (reference === null || typeof reference !== "object") return undefined;
  return (reference as Partial<EntityReference>)[REFERENCE_GUARD];
}

/**
 * A reference resolver for an entity that is part of one agency's record: it applies the
 * caller's grant on `group` (short of `needed`, by default SUMMARY: null with FORBIDDEN; otherwise
 * the entity is loaded and marked with the grant). Always answers a promise: a reference resolver that throws would null the
 * whole `_entities` list, a rejected promise nulls only its own entry.
 */
export function guardedReference<R, C extends CallerContext, T extends object>(
  group: FieldGroup,
  load: (representation: R, context: C) => Promise<T | null> | T | null,
  needed: "SUMMARY" | "FULL" = "SUMMARY",
): EntityReference {
  return {
    [REFERENCE_GUARD]: { kind: "grant", group, needed },
    async __resolveReference(representation: R, context: C): Promise<T | null> {
      // Refused before anything is read, whether or not the agency holds the entity.
      const grant = grantFor(context.caller, group, false);
      if (!grants(grant, needed)) throw accessDenied(context.caller, group, grant);
      const entity = await load(representation, context);
      // A copy: loaders share their values across the request, and a grant belongs to one use.
      return entity && withGrant({ ...entity }, group, grant);
    },
  };
}

/** A reference resolver for an entity with nothing of its own for the policy to restrict; `why` says why. */
export function openReference<R, C, T>(
  why: string,
  load: (representation: R, context: C) => Promise<T | null> | T | null,
): EntityReference {
  return {
    [REFERENCE_GUARD]: { kind: "open", why },
    async __resolveReference(representation: R, context: C): Promise<T | null> {
      return load(representation, context);
    },
  };
}
