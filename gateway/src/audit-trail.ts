import type { ApolloServerPlugin } from "@apollo/server";
import { dataDirOf, dbTimeoutsOf, errorFields, type Logger, type Tracing } from "@ffd/shared";
import { auditPlugin } from "./audit/plugin";
import { openAuditStore, type AuditStore } from "./audit/store";
import { LocalAuditDataSource } from "./audit-subgraph/data-source";
import { buildAuditSchema } from "./audit-subgraph/schema";
import type { GatewayConfig } from "./config";
import type { GatewayContext } from "./context";
import { timedAuditStore } from "./metrics";

/**
 * The audit concern of the gateway, in one place: the store every read is written to, the
 * plugin that writes it (failing closed), and the audit subgraph that reads it back for
 * information governance auditors, served in this process because with the embedded PGlite the
 * store exists only here.
 */
export interface AuditTrail {
  store: AuditStore;
  /** Last among Apollo's plugins, so it sees the response as it will leave. */
  plugin: ApolloServerPlugin<GatewayContext>;
  /** The `audit` subgraph for the query planner's buildService. */
  subgraph: LocalAuditDataSource;
  /** Closes the store if this trail opened it (not one the caller gave). */
  close(): Promise<void>;
}

export async function openAuditTrail(options: {
  config: GatewayConfig;
  logger: Logger;
  /** A store the caller owns (tests); by default opened from AUDIT_DATABASE_URL (embedded PGlite without one). */
  store?: AuditStore;
  onSubgraphRequest?: (service: string) => void;
  tracing?: Tracing;
}): Promise<AuditTrail> {
  const { config, logger } = options;
  // Its appends timed for /metrics (ffd_gateway_audit_write_duration_seconds).
  const store = timedAuditStore(
    options.store ??
      (await openAuditStore(config.AUDIT_DATABASE_URL, {
        dataDir: dataDirOf(config),
        timeouts: dbTimeoutsOf(config),
        logger,
        tracing: options.tracing,
      })),
  );
  // Create the audit schema now if the database is there; if not, every read is refused until it is.
  void store.ready().catch((err) => logger.warn("audit.store.unreachable", { ...errorFields(err), stack: undefined }));
  const subgraph = new LocalAuditDataSource({
    schema: await buildAuditSchema(),
    store,
    logger,
    onRequest: options.onSubgraphRequest,
  });
  return {
    store,
    plugin: auditPlugin(store, logger),
    subgraph,
    close: async () => {
      if (!options.store) await store.close();
    },
  };
}
