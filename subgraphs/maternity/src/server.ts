import {
  agencyServer,
  buildFederatedSchema,
  PostgresIdentityChangeLog,
  type AgencyRuntime,
  type AgencyServer,
  type Db,
  type Logger,
} from "@ffd/shared";
import type { GraphQLSchema } from "graphql";
import type { MaternityConfig } from "./config";
import { birthDetailsReference } from "./entities/birth/birth.reference";
import { BirthDetails } from "./entities/birth/birth.type";
import { createContext, type MaternityContext } from "./context";
import { MaternityRecordResolver } from "./entities/maternity-record/maternity-record.resolver";
import { personReference } from "./entities/person/person.reference";
import { PersonResolver } from "./entities/person/person.resolver";
import { Person } from "./entities/person/person.type";
import { pregnancyReference } from "./entities/pregnancy/pregnancy.reference";
import { PregnancyResolver } from "./entities/pregnancy/pregnancy.resolver";
import { Pregnancy } from "./entities/pregnancy/pregnancy.type";
import type { MaternitySource } from "./source/maternity.port";
import { PostgresMaternitySource } from "./source/maternity.postgres";

export { createContext, type MaternityContext } from "./context";

/** The maternity subgraph's federated schema (Person extension and the Pregnancy entity). */
export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [PersonResolver, MaternityRecordResolver, PregnancyResolver],
      // No root fields of its own: the entities are reached through _entities only.
      orphanedTypes: [Person, Pregnancy, BirthDetails],
    },
    {
      Person: personReference,
      Pregnancy: pregnancyReference,
      BirthDetails: birthDetailsReference,
    },
  );
}

export interface MaternityServerOptions {
  db: Db;
  config: Pick<MaternityConfig, "REFERENCE_DATE" | "INTERNAL_TOKEN_SECRET">;
  logger: Logger;
  /** The record cache and metrics access (runAgency's); unset: nothing cached, no /metrics. */
  runtime?: AgencyRuntime;
}

export type MaternityServer = AgencyServer<MaternityContext, MaternitySource>;

/** Builds the subgraph without listening: index.ts starts it on PORT, tests on port 0. */
export async function createServer({ db, config, logger, runtime }: MaternityServerOptions): Promise<MaternityServer> {
  const source = new PostgresMaternitySource(db);
  return agencyServer({
    agency: "maternity",
    schema: await buildSchema(),
    source,
    changes: new PostgresIdentityChangeLog(db),
    config,
    logger,
    context: createContext,
    runtime,
    // The records read by a person's local id (a change to the person drops them).
    cachedMethods: { mothers: {}, births: {}, pregnanciesOfMothers: {} },
  });
}
