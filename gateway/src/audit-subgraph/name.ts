/** The audit subgraph's name in the supergraph (and the `agency` its FORBIDDEN errors name). */
export const AUDIT_SUBGRAPH = "audit";
/** Where the gateway serves it, on its own HTTP server. */
export const AUDIT_SUBGRAPH_PATH = "/internal/audit/graphql";
