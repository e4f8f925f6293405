import { AGENCY_LABELS, type Agency } from "./errors";

/**
 * An agency system's database could not be reached or failed to answer (connection refused,
 * server gone, timeout). Adapters throw it; the subgraph turns it into AGENCY_UNAVAILABLE for
 * the client. The message names only the agency; the driver's error code (ECONNREFUSED,
 * 57P01...) is kept for logs, because the cause's own message may quote connection details.
 */
export class AgencySystemUnavailable extends Error {
  readonly code: string | undefined;

  constructor(
    readonly agency: Agency,
    options?: { cause?: unknown },
  ) {
    super(`The ${AGENCY_LABELS[agency]} system did not answer.`, options);
    this.name = "AgencySystemUnavailable";
    const code = (options?.cause as { code?: unknown } | undefined)?.code;
    this.code = typeof code === "string" ? code : undefined;
  }
}
