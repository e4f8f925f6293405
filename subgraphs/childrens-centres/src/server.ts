import {
  agencyServer,
  buildFederatedSchema,
  MemoryCache,
  type AgencyRuntime,
  type AgencyServer,
  type Cache,
  type Db,
  type Logger,
  PostgresIdentityChangeLog,
} from "@ffd/shared";
import type { GraphQLSchema } from "graphql";
import type { ChildrensCentresConfig } from "./config";
import { createContext, type ChildrensCentresContext } from "./context";
import { centreReference } from "./entities/centre/centre.reference";
import { CentreResolver } from "./entities/centre/centre.resolver";
import { personReference } from "./entities/person/person.reference";
import { PersonResolver } from "./entities/person/person.resolver";
import { Person } from "./entities/person/person.type";
import { CentreRegistrationResolver } from "./entities/registration/registration.resolver";
import { AttendedSessionResolver } from "./entities/session/session.resolver";
import { CachedChildrensCentresSource } from "./source/childrens-centres.cached";
import { PostgresChildrensCentresSource } from "./source/childrens-centres.postgres";
import type { ChildrensCentresSource } from "./source/childrens-centres.port";

export { createContext } from "./context";

/** The federated subgraph schema (what schema.graphql holds, printed). */
export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [CentreResolver, PersonResolver, CentreRegistrationResolver, AttendedSessionResolver],
      // Person is reached only through `_entities`, not from Query, so it is named here.
      orphanedTypes: [Person],
    },
    {
      Person: personReference,
      ChildrensCentre: centreReference,
    },
  );
}

export interface ChildrensCentresServerOptions {
  db: Db;
  config: Pick<ChildrensCentresConfig, "REFERENCE_DATE" | "INTERNAL_TOKEN_SECRET">;
  logger: Logger;
  /** Cross-request cache for the centre directory; default in memory. */
  cache?: Cache;
  /** The record cache and metrics access (runAgency's); unset: nothing cached, no /metrics. */
  runtime?: AgencyRuntime;
}

export type ChildrensCentresServer = AgencyServer<ChildrensCentresContext, ChildrensCentresSource>;

/** Builds the subgraph without listening: index.ts starts it on PORT, tests on port 0. */
export async function createServer({
  db,
  config,
  logger,
  cache = new MemoryCache(),
  runtime,
}: ChildrensCentresServerOptions): Promise<ChildrensCentresServer> {
  const source = new CachedChildrensCentresSource(new PostgresChildrensCentresSource(db), cache, logger);
  return agencyServer({
    agency: "childrens-centres",
    schema: await buildSchema(),
    source,
    changes: new PostgresIdentityChangeLog(db),
    config,
    logger,
    context: (input) => createContext({ ...input, referenceDate: config.REFERENCE_DATE }),
    runtime,
    // A member by reference (their local id); households and attendance are read from the system.
    cachedMethods: { membersByRef: {} },
  });
}
