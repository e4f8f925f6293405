import type { Caller, PurposeOfAccess } from "@ffd/shared";

export interface GatewayContext {
  requestId: string;
  /** The signed-in user and the purpose they declared; forwarded to every subgraph. */
  caller: Caller & { purpose: PurposeOfAccess };
  /** The written reason when the caller broke glass for this request (X-Break-Glass-Reason); audited. */
  breakGlassReason: string | null;
}
