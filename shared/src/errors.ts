import { GraphQLError } from "graphql";
import { AGENCY_SERVICES, SUBGRAPH_SERVICES, type AgencyService } from "./services";

/**
 * The error codes a client is expected to act on. Anything else reaching `formatError`
 * is an internal fault and is masked before it leaves a service.
 */
export enum ErrorCode {
  /** The HTTP request itself is unusable: malformed JSON, too large, not JSON. */
  BadRequest = "BAD_REQUEST",
  BadUserInput = "BAD_USER_INPUT",
  Unauthenticated = "UNAUTHENTICATED",
  Forbidden = "FORBIDDEN",
  NotFound = "NOT_FOUND",
  AgencyUnavailable = "AGENCY_UNAVAILABLE",
  IndexNotReady = "INDEX_NOT_READY",
  /** The gateway could not record the read in the audit trail, so it shows nothing. */
  AuditUnavailable = "AUDIT_UNAVAILABLE",
  InternalServerError = "INTERNAL_SERVER_ERROR",
}

/** The agencies behind the gateway, by the name used for folders, packages and the supergraph (services.ts). */
export const AGENCIES: readonly Agency[] = AGENCY_SERVICES.map((a) => a.name);
export type Agency = AgencyService["name"];
/** The subgraphs behind the gateway (services.ts), the audit subgraph aside. */
export const SERVICES: readonly ServiceName[] = SUBGRAPH_SERVICES.map((s) => s.name);
export type ServiceName = (typeof SUBGRAPH_SERVICES)[number]["name"];

export const AGENCY_LABELS: Readonly<Record<ServiceName, string>> = Object.freeze(
  Object.fromEntries(SUBGRAPH_SERVICES.map((s) => [s.name, s.label])) as Record<ServiceName, string>,
);

export function badUserInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BadUserInput, ...(field ? { field } : {}) },
  });
}

export function agencyUnavailable(agency: ServiceName): GraphQLError {
  return new GraphQLError(
    `The ${AGENCY_LABELS[agency]} system is unavailable, so its information is missing from this answer. Try again later.`,
    { extensions: { code: ErrorCode.AgencyUnavailable, agency } },
  );
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } } });
}

/** Codes whose message was written for the client and may be shown as is. */
const CLIENT_CODES = new Set<string>(Object.values(ErrorCode).filter((c) => c !== ErrorCode.InternalServerError));
/** Codes produced by graphql-js / Apollo Server for malformed requests: safe to show. */
const REQUEST_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
]);

export function isClientSafeCode(code: unknown): boolean {
  return typeof code === "string" && (CLIENT_CODES.has(code) || REQUEST_CODES.has(code));
}
