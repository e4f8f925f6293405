import "reflect-metadata";
import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { isUnionType, Kind, type GraphQLSchema } from "graphql";
import gql from "graphql-tag";
import { buildSchema, createResolversMap, type BuildSchemaOptions } from "type-graphql";
import { authChecker } from "./enforce";
import { referenceGuardOf, type EntityReference } from "./entity-reference";

export const FEDERATION_LINK = `extend schema
  @link(
    url: "https://specs.apollo.dev/federation/v2.7"
    import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"]
  )`;

/**
 * Builds a federation 2 subgraph schema from type-graphql classes. Every `@key` type needs a
 * reference resolver made by `guardedReference` or `openReference` (entity-reference.ts), keyed
 * by type name, so that an entity reached by its key through `_entities` gets the same grant as
 * the field that normally leads to it; a `@key` type without one is refused here, at build time.
 * They should go through a per-request DataLoader: the gateway sends many representations in one
 * `_entities` call.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, "skipCheck">,
  referenceResolvers: Readonly<Record<string, EntityReference>> = {},
): Promise<GraphQLSchema> {
  // Every subgraph enforces the access policy on its own fields: `@Authorized(needs(group, grant))`.
  const schema = await buildSchema({ authChecker, ...options, skipCheck: true });
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, ref] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), __resolveReference: ref.__resolveReference };
  }
  const subgraph = buildSubgraphSchema({
    typeDefs: gql`
      ${FEDERATION_LINK}
      ${printSchemaWithDirectives(schema)}
    `,
    resolvers: resolvers as GraphQLResolverMap<unknown>,
  });
  checkReferenceGuards(subgraph, referenceResolvers);
  return subgraph;
}

/** The types a subgraph resolves by key (`_entities`): the members of its `_Entity` union. */
export function entityTypeNames(schema: GraphQLSchema): string[] {
  const entity = schema.getType("_Entity");
  return isUnionType(entity) ? entity.getTypes().map((t) => t.name) : [];
}

/**
 * Whether every @key of a type says `resolvable: false`: a stub naming another subgraph's entity
 * (e.g. a Locality by id), which this subgraph never resolves by key, so it needs no reference.
 */
function onlyUnresolvableKeys(schema: GraphQLSchema, name: string): boolean {
  const keys = (schema.getType(name)?.astNode?.directives ?? []).filter((d) => d.name.value === "key");
  return (
    keys.length > 0 &&
    keys.every((d) =>
      d.arguments?.some((a) => a.name.value === "resolvable" && a.value.kind === Kind.BOOLEAN && !a.value.value),
    )
  );
}

function checkReferenceGuards(schema: GraphQLSchema, referenceResolvers: Readonly<Record<string, EntityReference>>) {
  const entities = entityTypeNames(schema);
  const problems: string[] = [];
  for (const name of entities) {
    if (onlyUnresolvableKeys(schema, name)) continue;
    if (!referenceGuardOf(referenceResolvers[name])) {
      problems.push(`${name} is reached by its key but has no guardedReference or openReference`);
    }
  }
  for (const name of Object.keys(referenceResolvers)) {
    if (!entities.includes(name)) problems.push(`${name} has a reference resolver but is not an entity (@key)`);
  }
  if (problems.length > 0) throw new Error(`Subgraph schema refused: ${problems.join("; ")}.`);
}

/** The SDL that composition reads, as committed in each subgraph's schema.graphql. */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema).trim() + "\n";
}
