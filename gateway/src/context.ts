import type { Caller, PurposeOfAccess, TraceContext } from "@ffd/shared";

export interface GatewayContext {
  requestId: string;
  /** The signed-in user and the purpose they declared; forwarded to every subgraph. */
  caller: Caller & { purpose: PurposeOfAccess };
  /** The written reason when the caller broke glass for this request (X-Break-Glass-Reason); audited. */
  breakGlassReason: string | null;
  /** The request's span (tracing on): each subgraph fetch is a span under it. */
  traceContext?: TraceContext;
}
