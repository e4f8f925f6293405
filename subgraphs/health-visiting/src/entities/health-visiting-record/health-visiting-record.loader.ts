import { agencyUnavailable, errorFields, loaderFor, type Logger } from "@ffd/shared";
import type DataLoader from "dataloader";
import { SourceUnavailableError, type HealthVisitingSource, type HvPatient } from "../../source/health-visiting.port";

export interface HealthVisitingLoaders {
  /** Patient records by local id (pat_id as a decimal string); null for an id the system does not hold. */
  patient: DataLoader<string, HvPatient | null>;
}

/**
 * Built per request (in createContext), never at module level. A patient system that does not
 * answer fails every key of the batch with AGENCY_UNAVAILABLE, logged once without its detail
 * reaching the client.
 */
export function createHealthVisitingLoaders(
  source: HealthVisitingSource,
  logger: Logger,
  requestId: string,
): HealthVisitingLoaders {
  return {
    patient: loaderFor(async (localIds: readonly string[]) => {
      try {
        return await source.patientsByLocalIds(localIds);
      } catch (err) {
        if (err instanceof SourceUnavailableError) {
          logger.error("agency.unavailable", {
            agency: "health-visiting",
            requestId,
            ...errorFields(err.cause ?? err),
          });
          throw agencyUnavailable("health-visiting");
        }
        throw err;
      }
    }),
  };
}
