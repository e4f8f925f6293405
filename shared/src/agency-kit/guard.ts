import type DataLoader from "dataloader";
import { AgencySystemUnavailable } from "../agency-source";
import type { Caller } from "../caller";
import { agencyUnavailable, type Agency } from "../errors";
import { loaderFor } from "../loader";
import { errorFields, type Logger } from "../log";
import { AgencyRowsInvalid } from "./rows";

/** A port's batch method: results in key order, one per key. */
export type Batch<K, V> = (keys: readonly K[]) => Promise<V[]>;

/**
 * Makes a request's loaders over an agency's port. Every loader it makes is guarded: the
 * agency system failing (the shared AgencySystemUnavailable, bad rows included) reaches the
 * client as AGENCY_UNAVAILABLE, and is logged once per failed batch by request id, with the
 * driver's error code or, for bad rows, their count and column names, never a value.
 * Any other error is left as it is (the service masks it as INTERNAL_SERVER_ERROR).
 */
export interface GuardedLoaders {
  /** A per-request DataLoader over `batch`, guarded. */
  loader<K, V>(batch: Batch<K, V>): DataLoader<K, V>;
  /** `work` guarded the same way, for a read that is not a batch (a count, a page). */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** What every agency's createContext is given for one request (an agency may add its own, e.g. a reference date). */
export interface AgencyContextInput<Src> {
  source: Src;
  logger: Logger;
  requestId: string;
  /** Who is asking and why, as the gateway vouched (what the access policy is enforced against). */
  caller: Caller | null;
}

/** What the kit puts in every agency's request context: the request, the caller and the guarded loaders. */
export interface AgencyContext<Loaders> {
  requestId: string;
  /** Who is asking and why, as the gateway vouched (what the access policy is enforced against). */
  caller: Caller | null;
  loaders: Loaders;
}

/**
 * A request's context for `agency`: fresh loaders every request (made by `loaders` over the port,
 * each guarded), so nothing is cached across callers. An agency adds its own fields beside it.
 */
export function agencyContext<Src, Loaders>(
  agency: Agency,
  { source, logger, requestId, caller }: AgencyContextInput<Src>,
  loaders: (source: Src, guarded: GuardedLoaders) => Loaders,
): AgencyContext<Loaders> {
  return { requestId, caller, loaders: loaders(source, guardedLoaders(agency, logger, requestId)) };
}

export function guardedLoaders(agency: Agency, logger: Logger, requestId: string): GuardedLoaders {
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof AgencySystemUnavailable)) throw err;
      if (err instanceof AgencyRowsInvalid) {
        logger.error("agency.rows_invalid", { requestId, agency, count: err.count, columns: [...err.columns] });
      } else {
        // The cause's message may quote connection details: only its name and code are logged.
        logger.error("agency.unavailable", { requestId, agency, ...errorFields(err.cause ?? err) });
      }
      throw agencyUnavailable(agency);
    }
  };
  return {
    run,
    loader: <K, V>(batch: Batch<K, V>) => loaderFor<K, V>((keys) => run(() => batch(keys))),
  };
}
