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
import { localityProfileReference } from "./entities/locality-profile/locality-profile.reference";
import { LocalityProfileResolver } from "./entities/locality-profile/locality-profile.resolver";
import { LocalityProfile } from "./entities/locality-profile/locality-profile.type";
import { personReference } from "./entities/person/person.reference";
import { PersonResolver } from "./entities/person/person.resolver";
import { Person } from "./entities/person/person.type";
import { PostgresRegistrationSource } from "./source/registration.postgres";
import { formatEntryId, parsePersonLocalId } from "./source/registration.ids";
import type { RegistrationSource } from "./source/registration.port";

export { createContext, type RegistrationContext } from "./context";

/** The registration subgraph's federated schema (no root fields of its own: it extends Person and LocalityProfile). */
export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    // No root fields: the entity types are reachable only through _entities, so list them.
    {
      resolvers: [PersonResolver, BirthRegistrationResolver, LocalityProfileResolver],
      orphanedTypes: [Person, BirthRegistration, RegisteredChild, RegisteredParent, LocalityProfile],
    },
    {
      Person: personReference,
      BirthRegistration: birthRegistrationReference,
      RegisteredChild: registeredChildReference,
      RegisteredParent: registeredParentReference,
      LocalityProfile: localityProfileReference,
    },
  );
}

export interface RegistrationServerOptions {
  /** The birth registration system's database (read-only). */
  db: Db;
  config: Pick<RegistrationConfig, "REFERENCE_DATE" | "INTERNAL_TOKEN_SECRET"> &
    Partial<Pick<RegistrationConfig, "LOCALITY_REFERENCE_FILE">>;
  logger: Logger;
  /** The locality reference; default the file LOCALITY_REFERENCE_FILE names (the synthetic borough's without it). */
  localities?: LocalityDirectory;
  /** The record cache and metrics access (runAgency's); unset: nothing cached, no /metrics. */
  runtime?: AgencyRuntime;
}

export type RegistrationServer = AgencyServer<RegistrationContext, RegistrationSource>;

/** Builds the subgraph without listening: index.ts starts it on PORT, tests on port 0. */
export async function createServer({
  db,
  config,
  logger,
  localities: given,
  runtime,
}: RegistrationServerOptions): Promise<RegistrationServer> {
  const source = new PostgresRegistrationSource(db);
  // Read once, before listening: a reference file that is missing or malformed stops the start.
  const localities = given ?? localityDirectoryFor(config.LOCALITY_REFERENCE_FILE);
  return agencyServer({
    agency: "registration",
    schema: await buildSchema(),
    source,
    changes: new PostgresIdentityChangeLog(db),
    config,
    logger,
    context: (input) => createContext({ ...input, referenceDate: config.REFERENCE_DATE, localities }),
    runtime,
    cachedMethods: {
      // An entry, by its id; a change to any person on it (a person's local id names the entry) drops it.
      entriesByRef: {
        key: formatEntryId,
        keysFor: (localId) => {
          const person = parsePersonLocalId(localId);
          return person ? [formatEntryId(person)] : [];
        },
      },
    },
  });
}
