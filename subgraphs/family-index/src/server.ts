import type { ApolloServerPlugin } from "@apollo/server";
import {
  buildFederatedSchema,
  callerOf,
  errorFields,
  inputCheckPlugin,
  metricsAccessOf,
  startService,
  localityDirectoryFor,
  type Db,
  type IsoDate,
  type LocalityDirectory,
  type Logger,
  type RunningService,
  type Tracing,
} from "@ffd/shared";
import type { GraphQLSchema } from "graphql";
import { agencyUrlsOf, type FamilyIndexConfig } from "./config";
import { createContext, type FamilyIndexContext } from "./context";
import {
  birthDetailsReference,
  mandatedReviewWorkItemReference,
  registeredChildReference,
  registeredParentReference,
} from "./entities/agency-person/agency-person.reference";
import {
  BirthDetailsResolver,
  MandatedReviewWorkItemResolver,
  RegisteredChildResolver,
  RegisteredParentResolver,
} from "./entities/agency-person/agency-person.resolver";
import {
  BirthDetails,
  MandatedReviewWorkItem,
  RegisteredChild,
  RegisteredParent,
} from "./entities/agency-person/agency-person.type";
import { familyReference } from "./entities/family/family.reference";
import { FamilyMemberResolver, FamilyResolver } from "./entities/family/family.resolver";
import { localityReference } from "./entities/locality/locality.reference";
import { LocalityResolver } from "./entities/locality/locality.resolver";
import { OutreachResolver } from "./entities/outreach/outreach.resolver";
import { localityProfileReference } from "./entities/profile/profile.reference";
import { LocalityProfileResolver } from "./entities/profile/profile.resolver";
import { SafeguardingResolver } from "./entities/safeguarding/safeguarding.resolver";
import { personReference } from "./entities/person/person.reference";
import { InvolvementResolver } from "./entities/involvement/involvement.resolver";
import { PersonResolver } from "./entities/person/person.resolver";
// After PersonResolver: type-graphql orders Person's fields as they are declared, link lists last.
import { PersonLinkListResolver } from "./entities/person/person-link-lists.resolver";
import { ReviewResolver } from "./entities/review/review.resolver";
import { SearchResolver } from "./entities/search/search.resolver";
import { HttpFeedReader, type EventReader, type FeedReader, type InvolvementReader } from "./feed/identity-feed.client";
import { Indexer, type IndexLinker, type IndexSnapshot } from "./indexer/indexer";
import type { LinkStore } from "./store/link-store.port";
import { PostgresLinkStore } from "./store/link-store.postgres";

/** The federated family-index schema. */
export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        PersonResolver,
        InvolvementResolver,
        PersonLinkListResolver,
        FamilyResolver,
        FamilyMemberResolver,
        LocalityResolver,
        OutreachResolver,
        LocalityProfileResolver,
        SafeguardingResolver,
        SearchResolver,
        ReviewResolver,
        RegisteredChildResolver,
        RegisteredParentResolver,
        BirthDetailsResolver,
        MandatedReviewWorkItemResolver,
      ],
      // Reached through _entities only: no field of this subgraph returns them.
      orphanedTypes: [RegisteredChild, RegisteredParent, BirthDetails, MandatedReviewWorkItem],
    },
    {
      Person: personReference,
      Family: familyReference,
      Locality: localityReference,
      LocalityProfile: localityProfileReference,
      RegisteredChild: registeredChildReference,
      RegisteredParent: registeredParentReference,
      BirthDetails: birthDetailsReference,
      MandatedReviewWorkItem: mandatedReviewWorkItemReference,
    },
  );
}

/**
 * The family index's own plugins: the input bounds and scalar parsing again (the gateway checks
 * them first), so a value past its bound never reaches the search or the link store, and a
 * refused variable is answered without quoting it.
 */
export function familyIndexPlugins(): ApolloServerPlugin<FamilyIndexContext>[] {
  return [inputCheckPlugin() as ApolloServerPlugin<FamilyIndexContext>, fieldErrorsPlugin()];
}

/**
 * Sends the errors a field answered beside its data (`ctx.fieldErrors`: an agency left out of
 * `Person.involvements`, which still lists the others) with the response's own. Their messages
 * and codes are the shared client-safe ones (agencyUnavailable), never an internal one.
 */
export function fieldErrorsPlugin(): ApolloServerPlugin<FamilyIndexContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single" || contextValue.fieldErrors.length === 0) return;
          const result = response.body.singleResult;
          result.errors = [...(result.errors ?? []), ...contextValue.fieldErrors];
        },
      };
    },
  };
}

export { createContext };
export type { FamilyIndexContext };

export interface CreateServerOptions {
  /** The link store's database (read-write; family-index creates its own tables). */
  db: Db;
  config: FamilyIndexConfig;
  logger: Logger;
  /** Where identity records come from; default the agencies' HTTP identity feeds. */
  reader?: FeedReader;
  /** How records are linked; default the linkage module's build. */
  linker?: IndexLinker;
  /** The locality reference; default the file LOCALITY_REFERENCE_FILE names (the synthetic borough's without it). */
  localities?: LocalityDirectory;
  /** Where involvements come from; default the agencies' HTTP involvement feeds (the same reader as the identity feeds). */
  involvements?: InvolvementReader;
  /** Where the safeguarding list's events come from; default the agencies' HTTP event feeds (the same reader). */
  events?: EventReader;
  /** The service's traces (index.ts starts them from the settings; the link store's `db` is timed with them); unset: off. */
  tracing?: Tracing;
}

export interface FamilyIndexServer {
  readonly store: LinkStore;
  readonly indexer: Indexer;
  readonly localities: LocalityDirectory;
  /** "Today" for the locality lists (config.REFERENCE_DATE). */
  readonly referenceDate: IsoDate;
  /**
   * Creates the store's tables, listens (port 0: any free port), and starts building the
   * index in the background: /ready answers 503 and queries INDEX_NOT_READY until it is built.
   */
  start(port: number, host?: string): Promise<RunningService>;
  /** Resolves when the startup build is over (built, or waited and still missing every agency). */
  whenStarted(): Promise<void>;
  /** Reads every agency now and rebuilds (tests, operators). */
  refresh(): Promise<IndexSnapshot | null>;
}

export function createServer({
  db,
  config,
  logger,
  reader,
  linker,
  localities: given,
  involvements,
  events,
  tracing,
}: CreateServerOptions): FamilyIndexServer {
  const store = new PostgresLinkStore(db);
  // Read once, before listening: a reference file that is missing or malformed stops the start.
  const localities = given ?? localityDirectoryFor(config.LOCALITY_REFERENCE_FILE);
  const httpReader =
    reader && involvements
      ? null
      : new HttpFeedReader({
          baseUrls: agencyUrlsOf(config),
          secret: config.INTERNAL_TOKEN_SECRET,
          timeoutMs: config.INDEX_FEED_TIMEOUT_MS,
          involvementTimeoutMs: config.INVOLVEMENT_TIMEOUT_MS,
          breakerResetMs: config.INDEX_FEED_BREAKER_RESET_MS,
          involvementBreakerResetMs: config.INVOLVEMENT_BREAKER_RESET_MS,
          logger,
          tracing,
        });
  const indexer = new Indexer({
    store,
    reader: reader ?? httpReader!,
    logger,
    referenceDate: config.REFERENCE_DATE,
    agencyWaitMs: config.INDEX_AGENCY_WAIT_MS,
    refreshIntervalMs: config.INDEX_REFRESH_INTERVAL_MS,
    linker,
    resume: config.INDEX_RESUME,
  });
  let started: Promise<void> | null = null;

  return {
    store,
    indexer,
    localities,
    referenceDate: config.REFERENCE_DATE,
    async start(port, host) {
      await store.migrate();
      const schema = await buildSchema();
      const service = await startService<FamilyIndexContext>(
        {
          name: "family-index",
          schema,
          logger,
          context: async (req, requestId) =>
            createContext(
              {
                store,
                indexer,
                logger,
                localities,
                referenceDate: config.REFERENCE_DATE,
                involvements: involvements ?? httpReader ?? undefined,
                events: events ?? httpReader ?? undefined,
              },
              requestId,
              callerOf(req),
            ),
          ready: () => indexer.isReady(),
          internalSecret: config.INTERNAL_TOKEN_SECRET,
          plugins: familyIndexPlugins(),
          metrics: metricsAccessOf(config),
          tracing,
        },
        port,
        host ?? config.HOST,
      );
      started = indexer.start().catch((err) => logger.error("index.start_failed", errorFields(err)));
      return {
        url: service.url,
        port: service.port,
        async stop() {
          await indexer.stop();
          httpReader?.close();
          await service.stop();
        },
      };
    },
    whenStarted() {
      if (!started) return Promise.reject(new Error("family-index server not started"));
      return started;
    },
    refresh() {
      return indexer.refresh();
    },
  };
}
