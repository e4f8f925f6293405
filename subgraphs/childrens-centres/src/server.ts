import {
  buildFederatedSchema,
  type Cache,
  callerOf,
  type Db,
  type Logger,
  MemoryCache,
  type RunningService,
  startAgencyService,
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

export interface ServerOptions {
  db: Db;
  config: ChildrensCentresConfig;
  logger: Logger;
  /** Cross-request cache for the centre directory; default in memory. */
  cache?: Cache;
}

export interface ChildrensCentresServer {
  readonly source: ChildrensCentresSource;
  /** Listens on `port` (0: any free port): GraphQL at /graphql, /health, /ready and the identity feed. */
  start(port?: number, host?: string): Promise<RunningService>;
}

/** Builds the service over the case system's database without listening. */
export function createServer({ db, config, logger, cache = new MemoryCache() }: ServerOptions): ChildrensCentresServer {
  const source = new CachedChildrensCentresSource(new PostgresChildrensCentresSource(db), cache, logger);
  return {
    source,
    async start(port = config.PORT, host = config.HOST) {
      const schema = await buildSchema();
      return startAgencyService<ChildrensCentresContext>(
        {
          agency: "childrens-centres",
          schema,
          logger,
          source,
          internalSecret: config.INTERNAL_TOKEN_SECRET,
          context: async (req, requestId) =>
            createContext({ source, config, logger, requestId, caller: callerOf(req) }),
        },
        port,
        host,
      );
    },
  };
}
