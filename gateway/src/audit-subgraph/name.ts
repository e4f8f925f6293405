/** The audit subgraph's name in the supergraph (and the `agency` its FORBIDDEN errors name). */
export const AUDIT_SUBGRAPH = "audit";
/**
 * Its URL in the supergraph, which nothing fetches: the gateway executes the audit subgraph in
 * its own process (data-source.ts). Composition wants a URL for every subgraph; this one says so.
 */
export const AUDIT_SUBGRAPH_URL = "in-process://gateway/audit";
