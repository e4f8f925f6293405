import {
  agencyServer,
  buildFederatedSchema,
  todayIso,
  type AgencyRuntime,
  type AgencyServer,
  type Db,
  type IsoDate,
  type Logger,
  PostgresIdentityChangeLog,
} from "@ffd/shared";
import type { GraphQLSchema } from "graphql";
import type { ChildrensSocialCareConfig } from "./config";
import { createContext, type ChildrensSocialCareContext } from "./context";
import { ChildrensSocialCareRecord } from "./entities/childrens-social-care-record/childrens-social-care-record.type";
import { personReference } from "./entities/person/person.reference";
import { PersonResolver } from "./entities/person/person.resolver";
import { Person } from "./entities/person/person.type";
import { PostgresChildrensSocialCareSource } from "./source/childrens-social-care.postgres";
import type { ChildrensSocialCareSource } from "./source/childrens-social-care.port";

export { createContext, type ChildrensSocialCareContext } from "./context";

/** The children's social care subgraph's federated schema (no root fields of its own: it extends Person). */
export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    // No root fields: the entity types are reachable only through _entities, so list them.
    { resolvers: [PersonResolver], orphanedTypes: [Person, ChildrensSocialCareRecord] },
    { Person: personReference },
  );
}

export interface ChildrensSocialCareServerOptions {
  /** The case management system's database (read-only). */
  db: Db;
  config: Pick<ChildrensSocialCareConfig, "INTERNAL_TOKEN_SECRET">;
  logger: Logger;
  /** Today (default: the clock's date, UTC, as elsewhere in the project); tests fix it. */
  today?: () => IsoDate;
  /** The record cache and metrics access (runAgency's); unset: nothing cached, no /metrics. */
  runtime?: AgencyRuntime;
}

export type ChildrensSocialCareServer = AgencyServer<ChildrensSocialCareContext, ChildrensSocialCareSource>;

/** Builds the subgraph without listening: index.ts starts it on PORT, tests on port 0. */
export async function createServer({
  db,
  config,
  logger,
  today = () => todayIso(),
  runtime,
}: ChildrensSocialCareServerOptions): Promise<ChildrensSocialCareServer> {
  const source = new PostgresChildrensSocialCareSource(db);
  return agencyServer({
    agency: "childrens-social-care",
    schema: await buildSchema(),
    source,
    changes: new PostgresIdentityChangeLog(db),
    config,
    logger,
    today,
    context: (input) => createContext({ ...input, today }),
    runtime,
    // The client's record as the system holds it; what is current is worked out per request, as of today.
    cachedMethods: { clients: {} },
  });
}
