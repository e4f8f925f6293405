import { callerFor, signCallerToken, type Caller, type Logger } from "@ffd/shared";

/**
 * What the agency subgraphs' tests share, written once: the callers they ask as, the gateway's
 * Authorization header for one, and a logger that keeps its lines so a test can check what was
 * (and was not) logged. The counting database is shared's own `CountingDb`.
 */

/** A caller the policy gives everything: a safeguarding lead under break-glass. */
export const FULL_ACCESS: Caller = callerFor("safeguarding-lead", "safeguarding", { breakGlass: true });

/** The Authorization header the gateway sends for `caller`, signed with the internal secret. */
export async function gatewayAuthorization(secret: string, caller: Caller = FULL_ACCESS): Promise<string> {
  return `Bearer ${await signCallerToken(secret, caller)}`;
}

export interface CapturedLine {
  level: "debug" | "info" | "warn" | "error";
  event: string;
  fields: Record<string, unknown>;
}

/** A logger that keeps every line it is given (in `lines`), writing nothing. */
export function capturingLogger(): Logger & { lines: CapturedLine[] } {
  const lines: CapturedLine[] = [];
  const at =
    (level: CapturedLine["level"]) =>
    (event: string, fields: Record<string, unknown> = {}) => {
      lines.push({ level, event, fields });
    };
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
