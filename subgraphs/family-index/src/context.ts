import { ErrorCode, agencyUnavailable, errorFields, loaderFor, type Logger } from "@ffd/shared";
import type DataLoader from "dataloader";
import { GraphQLError } from "graphql";
import type { IndexSnapshot, Indexer } from "./indexer/indexer";
import type { LinkedFamilyMember, LinkedPerson, LinkedRecord } from "./linkage/types";
import type { LinkStore, StoredFamily } from "./store/link-store.port";

export interface Loaders {
  person: DataLoader<string, LinkedPerson | null>;
  recordsByPerson: DataLoader<string, LinkedRecord[]>;
  family: DataLoader<string, StoredFamily | null>;
  membersByFamily: DataLoader<string, LinkedFamilyMember[]>;
}

export interface FamilyIndexContext {
  requestId: string;
  /** The index as it was when the request started (null before the first build). */
  index: IndexSnapshot | null;
  loaders: Loaders;
}

export interface ContextDeps {
  store: LinkStore;
  indexer: Pick<Indexer, "current">;
  logger: Logger;
}

export function indexNotReady(): GraphQLError {
  return new GraphQLError(
    "The family index is still being built from the agency systems, so people and families cannot be looked up yet. Try again in a minute.",
    { extensions: { code: ErrorCode.IndexNotReady } },
  );
}

/** The index this request reads, or INDEX_NOT_READY. */
export function requireIndex(ctx: FamilyIndexContext): IndexSnapshot {
  if (!ctx.index) throw indexNotReady();
  return ctx.index;
}

/**
 * Per-request context: the current snapshot is taken once, so every loader of the request
 * reads the same store generation even if a rebuild swaps the index meanwhile.
 */
export function createContext(deps: ContextDeps, requestId: string): FamilyIndexContext {
  const index = deps.indexer.current();
  const guarded = <K, V>(what: string, batch: (buildId: number, keys: readonly K[]) => Promise<V[]>) =>
    loaderFor<K, V>(async (keys) => {
      if (!index) throw indexNotReady();
      try {
        return await batch(index.buildId, keys);
      } catch (err) {
        deps.logger.error("link_store.failed", { requestId, what, ...errorFields(err) });
        throw agencyUnavailable("family-index");
      }
    });
  return {
    requestId,
    index,
    loaders: {
      person: guarded("person", (b, ids) => deps.store.personsByIds(b, ids)),
      recordsByPerson: guarded("records", (b, ids) => deps.store.recordsByPersonIds(b, ids)),
      family: guarded("family", (b, ids) => deps.store.familiesByIds(b, ids)),
      membersByFamily: guarded("members", (b, ids) => deps.store.membersByFamilyIds(b, ids)),
    },
  };
}
