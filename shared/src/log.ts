import { types } from "node:util";

/**
 * Structured logs, one JSON object a line. Log events, identifiers of requests and services,
 * counts and durations: never names, dates of birth, NHS numbers, postcodes or query variables.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export function createLogger(service: string, level: LogLevel | "silent" = "info"): Logger {
  const min = level === "silent" ? Infinity : ORDER[level];
  const write =
    (lvl: LogLevel) =>
    (event: string, fields: Record<string, unknown> = {}) => {
      if (ORDER[lvl] < min) return;
      const line = JSON.stringify({ time: new Date().toISOString(), level: lvl, service, event, ...fields });
      (lvl === "error" || lvl === "warn" ? process.stderr : process.stdout).write(line + "\n");
    };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

/** Describes an error for a log without its message, which may quote personal data. */
export function errorFields(err: unknown): Record<string, unknown> {
  // isNativeError also recognises errors made in another realm (jest's vm contexts).
  if (err instanceof Error || types.isNativeError(err)) {
    const code = (err as { code?: unknown }).code;
    return {
      errorName: err.name,
      ...(code !== undefined ? { errorCode: String(code) } : {}),
      stack: err.stack?.split("\n").slice(1, 6).join("\n"),
    };
  }
  return { errorName: typeof err };
}
