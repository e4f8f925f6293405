import { agencyServer, buildFederatedSchema, type AgencyServer, type Db, type Logger } from "@ffd/shared";
import type { GraphQLSchema } from "graphql";
import type { RegistrationConfig } from "./config";
import { createContext, type RegistrationContext } from "./context";
import { birthRegistrationReference } from "./entities/birth-registration/birth-registration.reference";
import { BirthRegistrationResolver } from "./entities/birth-registration/birth-registration.resolver";
import {
  BirthRegistration,
  RegisteredChild,
  RegisteredParent,
} from "./entities/birth-registration/birth-registration.type";
import {
  registeredChildReference,
  registeredParentReference,
} from "./entities/birth-registration/registered-person.reference";
import { personReference } from "./entities/person/person.reference";
import { PersonResolver } from "./entities/person/person.resolver";
import { Person } from "./entities/person/person.type";
import { PostgresRegistrationSource } from "./source/registration.postgres";
import type { RegistrationSource } from "./source/registration.port";

export { createContext, type RegistrationContext } from "./context";

/** The registration subgraph's federated schema (no root fields of its own: it extends Person). */
export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    // No root fields: the entity types are reachable only through _entities, so list them.
    {
      resolvers: [PersonResolver, BirthRegistrationResolver],
      orphanedTypes: [Person, BirthRegistration, RegisteredChild, RegisteredParent],
    },
    {
      Person: personReference,
      BirthRegistration: birthRegistrationReference,
      RegisteredChild: registeredChildReference,
      RegisteredParent: registeredParentReference,
    },
  );
}

export interface RegistrationServerOptions {
  /** The birth registration system's database (read-only). */
  db: Db;
  config: Pick<RegistrationConfig, "INTERNAL_TOKEN_SECRET">;
  logger: Logger;
}

export type RegistrationServer = AgencyServer<RegistrationContext, RegistrationSource>;

/** Builds the subgraph without listening: index.ts starts it on PORT, tests on port 0. */
export async function createServer({ db, config, logger }: RegistrationServerOptions): Promise<RegistrationServer> {
  const source = new PostgresRegistrationSource(db);
  return agencyServer({
    agency: "registration",
    schema: await buildSchema(),
    source,
    config,
    logger,
    context: createContext,
  });
}
