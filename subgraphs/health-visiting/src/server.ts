import {
  buildFederatedSchema,
  callerOf,
  startAgencyService,
  type Caller,
  type Db,
  type Logger,
  type RunningService,
} from "@ffd/shared";
import type { GraphQLSchema } from "graphql";
import type { HealthVisitingConfig } from "./config";
import { createContext, type HealthVisitingContext } from "./context";
import { personReference } from "./entities/person/person.reference";
import { PersonResolver } from "./entities/person/person.resolver";
import { Person } from "./entities/person/person.type";
import type { HealthVisitingSource } from "./source/health-visiting.port";
import { PostgresHealthVisitingSource } from "./source/health-visiting.postgres";

export { createContext, type HealthVisitingContext } from "./context";

/** The federated subgraph schema (also what `npm run compose` prints). */
export function buildSchema(): Promise<GraphQLSchema> {
  // Person is only reachable through _entities, so it is listed as an orphaned type.
  return buildFederatedSchema({ resolvers: [PersonResolver], orphanedTypes: [Person] }, { Person: personReference });
}

export interface ServerDeps {
  db: Db;
  config: Pick<HealthVisitingConfig, "REFERENCE_DATE" | "INTERNAL_TOKEN_SECRET"> &
    Partial<Pick<HealthVisitingConfig, "HOST">>;
  logger: Logger;
}

export interface HealthVisitingServer {
  readonly schema: GraphQLSchema;
  readonly source: HealthVisitingSource;
  /** A fresh per-request context for this caller (in-process tests). */
  context(caller: Caller, requestId?: string): HealthVisitingContext;
  /** Listens on `port` (0: any free port): GraphQL at /graphql, /health, /ready, the identity feed. */
  start(port: number, host?: string): Promise<RunningService>;
}

export async function createServer({ db, config, logger }: ServerDeps): Promise<HealthVisitingServer> {
  const schema = await buildSchema();
  const source = new PostgresHealthVisitingSource(db, logger);
  const deps = { source, referenceDate: config.REFERENCE_DATE, logger };
  return {
    schema,
    source,
    context: (caller, requestId = "in-process") => createContext(deps, requestId, caller),
    start: (port, host) =>
      startAgencyService<HealthVisitingContext>(
        {
          agency: "health-visiting",
          schema,
          logger,
          source,
          internalSecret: config.INTERNAL_TOKEN_SECRET,
          context: async (req, requestId) => createContext(deps, requestId, callerOf(req)),
        },
        port,
        host ?? config.HOST,
      ),
  };
}
