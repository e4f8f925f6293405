import "reflect-metadata";
import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import type { GraphQLSchema } from "graphql";
import gql from "graphql-tag";
import { buildSchema, createResolversMap, type BuildSchemaOptions } from "type-graphql";
import { authChecker } from "./enforce";

export const FEDERATION_LINK = `extend schema
  @link(
    url: "https://specs.apollo.dev/federation/v2.7"
    import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"]
  )`;

/**
 * Builds a federation 2 subgraph schema from type-graphql classes. Reference resolvers
 * (`__resolveReference`) are passed separately, keyed by type name, and should go through a
 * per-request DataLoader: the gateway sends many representations in one `_entities` call.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, "skipCheck">,
  // Each type's reference resolver has its own argument types; only the name is fixed here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  referenceResolvers: Record<string, { __resolveReference: (...args: any[]) => unknown }> = {},
): Promise<GraphQLSchema> {
  // Every subgraph enforces the access policy on its own fields: `@Authorized(needs(group, grant))`.
  const schema = await buildSchema({ authChecker, ...options, skipCheck: true });
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, ref] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...ref };
  }
  return buildSubgraphSchema({
    typeDefs: gql`
      ${FEDERATION_LINK}
      ${printSchemaWithDirectives(schema)}
    `,
    resolvers: resolvers as GraphQLResolverMap<unknown>,
  });
}

/** The SDL that composition reads, as committed in each subgraph's schema.graphql. */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema).trim() + "\n";
}
