import type { Caller } from "./auth";

export interface GatewayContext {
  requestId: string;
  caller: Caller;
}
