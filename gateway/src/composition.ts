import { composeServices } from "@apollo/composition";
import { Supergraph } from "@apollo/federation-internals";
import { parse, type GraphQLSchema } from "graphql";
import { SERVICES, SUBGRAPH_SERVICES, type ServiceName } from "@ffd/shared";
import { AUDIT_SUBGRAPH, AUDIT_SUBGRAPH_URL } from "./audit-subgraph/name";

/**
 * Every subgraph in the supergraph: the five services, each in subgraphs/<name>, and the audit
 * subgraph, which the gateway serves itself (gateway/src/audit-subgraph, SDL in gateway/audit.graphql).
 * Kept here and not in SERVICES, which lists the services with a folder and a process of their own.
 */
export const GRAPHS = [...SERVICES, AUDIT_SUBGRAPH] as const;
export type GraphName = (typeof GRAPHS)[number];

/** The URL each subgraph has in the committed supergraph; the gateway's config overrides it. */
export const DEFAULT_SUBGRAPH_URLS: Readonly<Record<GraphName, string>> = Object.freeze({
  ...(Object.fromEntries(SUBGRAPH_SERVICES.map((s) => [s.name, `http://127.0.0.1:${s.port}/graphql`])) as Record<
    ServiceName,
    string
  >),
  [AUDIT_SUBGRAPH]: AUDIT_SUBGRAPH_URL,
});

export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`the subgraphs do not compose:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "CompositionError";
  }
}

function compose(sdls: Readonly<Record<GraphName, string>>) {
  const result = composeServices(
    GRAPHS.map((name) => ({ name, url: DEFAULT_SUBGRAPH_URLS[name], typeDefs: parse(sdls[name]) })),
  );
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  return result;
}

/** Composes the subgraphs' SDLs (in GRAPHS order) into the supergraph SDL. */
export function composeSupergraph(sdls: Readonly<Record<GraphName, string>>): string {
  return compose(sdls).supergraphSdl.trim() + "\n";
}

/** The schema clients see through the gateway (without @inaccessible parts). */
export function composeApiSchema(sdls: Readonly<Record<GraphName, string>>): GraphQLSchema {
  return compose(sdls).schema.toAPISchema().toGraphQLJSSchema();
}

/**
 * The API schema of a supergraph SDL (e.g. the committed gateway/supergraph.graphql): what
 * clients see, without join directives or @inaccessible fields. The staff app's typed
 * operations are generated from, and checked against, this.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** Which of the expected files differ from what is committed (empty when all are current). */
export function staleFiles(
  expected: Readonly<Record<string, string>>,
  readCommitted: (file: string) => string | null,
): string[] {
  return Object.entries(expected)
    .filter(([file, content]) => readCommitted(file) !== content)
    .map(([file]) => file);
}
