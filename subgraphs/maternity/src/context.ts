import { agencyUnavailable, errorFields, type Caller, type Logger } from "@ffd/shared";
import { createBirthLoaders, type BirthLoaders } from "./entities/birth/birth.loader";
import {
  createMaternityRecordLoaders,
  type MaternityRecordLoaders,
} from "./entities/maternity-record/maternity-record.loader";
import { createPregnancyLoaders, type PregnancyLoaders } from "./entities/pregnancy/pregnancy.loader";
import { MaternitySystemUnavailable, type MaternitySource } from "./source/maternity.port";

export type MaternityLoaders = MaternityRecordLoaders & PregnancyLoaders & BirthLoaders;

export interface MaternityContext {
  requestId: string;
  /** Who is asking and why, as the gateway vouched (what the access policy is enforced against). */
  caller: Caller | null;
  loaders: MaternityLoaders;
}

/** Wraps a batch function so that the maternity system being down reaches the client as AGENCY_UNAVAILABLE. */
export type BatchGuard = <K, V>(batch: (keys: readonly K[]) => Promise<V[]>) => (keys: readonly K[]) => Promise<V[]>;

export function agencyGuard(logger: Logger, requestId: string): BatchGuard {
  return (batch) => async (keys) => {
    try {
      return await batch(keys);
    } catch (err) {
      if (!(err instanceof MaternitySystemUnavailable)) throw err;
      logger.error("agency.unavailable", { requestId, agency: "maternity", ...errorFields(err.cause) });
      throw agencyUnavailable("maternity");
    }
  };
}

/** A request's context: fresh loaders every request, so nothing is cached across callers. */
export function createContext(
  source: MaternitySource,
  logger: Logger,
  requestId: string,
  caller: Caller | null,
): MaternityContext {
  const guard = agencyGuard(logger, requestId);
  return {
    requestId,
    caller,
    loaders: {
      ...createMaternityRecordLoaders(source, guard),
      ...createPregnancyLoaders(source, guard),
      ...createBirthLoaders(source, guard),
    },
  };
}
