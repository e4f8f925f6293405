/** The agency kit: what every agency subgraph is built from (see README.md beside this file). */
export * from "./cache-invalidation";
export * from "./config";
export * from "./feed-cursor";
export * from "./guard";
export * from "./identity-changes";
export * from "./person";
export * from "./record-cache";
export * from "./rows";
export * from "./runner";
export * from "./service";
