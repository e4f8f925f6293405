import {
  agencyServer,
  buildFederatedSchema,
  localityDirectoryFor,
  type AgencyRuntime,
  type AgencyServer,
  type Db,
  type LocalityDirectory,
  type Logger,
  PostgresIdentityChangeLog,
} from "@ffd/shared";
import type { GraphQLSchema } from "graphql";
import type { HealthVisitingConfig } from "./config";
import { createContext, type HealthVisitingContext } from "./context";
import { personReference } from "./entities/person/person.reference";
import { PersonResolver } from "./entities/person/person.resolver";
import { Person } from "./entities/person/person.type";
import { localityProfileReference } from "./entities/worklist/worklist.reference";
import { LocalityProfileResolver, WorklistResolver } from "./entities/worklist/worklist.resolver";
import { Locality, LocalityProfile } from "./entities/worklist/worklist.type";
import type { HealthVisitingSource } from "./source/health-visiting.port";
import { PostgresHealthVisitingSource } from "./source/health-visiting.postgres";

export { createContext, type HealthVisitingContext } from "./context";

/** The federated subgraph schema (also what `npm run compose` prints). */
export function buildSchema(): Promise<GraphQLSchema> {
  // Person and LocalityProfile are only reachable through _entities, so they are listed as orphaned types.
  return buildFederatedSchema(
    {
      resolvers: [PersonResolver, WorklistResolver, LocalityProfileResolver],
      orphanedTypes: [Person, Locality, LocalityProfile],
    },
    { Person: personReference, LocalityProfile: localityProfileReference },
  );
}

export interface HealthVisitingServerOptions {
  db: Db;
  config: Pick<HealthVisitingConfig, "REFERENCE_DATE" | "INTERNAL_TOKEN_SECRET"> &
    Partial<Pick<HealthVisitingConfig, "LOCALITY_REFERENCE_FILE">>;
  logger: Logger;
  /** The locality reference; default the file LOCALITY_REFERENCE_FILE names (the synthetic borough's without it). */
  localities?: LocalityDirectory;
  /** The record cache and metrics access (runAgency's); unset: nothing cached, no /metrics. */
  runtime?: AgencyRuntime;
}

export type HealthVisitingServer = AgencyServer<HealthVisitingContext, HealthVisitingSource>;

/** Builds the subgraph without listening: index.ts starts it on PORT, tests on port 0. */
export async function createServer({
  db,
  config,
  logger,
  localities: given,
  runtime,
}: HealthVisitingServerOptions): Promise<HealthVisitingServer> {
  const source = new PostgresHealthVisitingSource(db, logger);
  // Read once, before listening: a reference file that is missing or malformed stops the start.
  const localities = given ?? localityDirectoryFor(config.LOCALITY_REFERENCE_FILE);
  return agencyServer({
    agency: "health-visiting",
    schema: await buildSchema(),
    source,
    changes: new PostgresIdentityChangeLog(db),
    config,
    logger,
    context: (input) => createContext({ ...input, referenceDate: config.REFERENCE_DATE, localities }),
    runtime,
    // A patient by local id (a locality's children are read whole, never from the cache).
    cachedMethods: { patientsByLocalIds: {} },
  });
}
