import { CriticalityLevel, diff } from "@graphql-inspector/core";
import type { GraphQLSchema } from "graphql";

/**
 * The breaking changes from one client-facing schema to the next, worded by
 * @graphql-inspector/core (e.g. "Field 'name' was removed from object type 'Person'"). Dangerous
 * and non-breaking changes (an added field or enum value) are not listed: clients keep working.
 */
export async function breakingChanges(before: GraphQLSchema, after: GraphQLSchema): Promise<string[]> {
  const changes = await diff(before, after);
  return changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking).map((c) => c.message);
}
