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

/**
 * The frame lines of a stack (`    at ...`), at most five, or undefined when it has none. The
 * lines before the first frame are the message, which may span lines (V8's JSON.parse error
 * quotes its input across them): none of them is kept.
 */
function stackFrames(stack: string | undefined): string | undefined {
  const lines = stack?.split("\n") ?? [];
  const first = lines.findIndex((line) => /^\s+at /.test(line));
  return first < 0 ? undefined : lines.slice(first, first + 5).join("\n");
}

/** Describes an error for a log without its message, which may quote personal data. */
export function errorFields(err: unknown): Record<string, unknown> {
  // isNativeError also recognises errors made in another realm (jest's vm contexts).
  if (err instanceof Error || types.isNativeError(err)) {
    const code = (err as { code?: unknown }).code;
    return {
      errorName: err.name,
      ...(code !== undefined ? { errorCode: String(code) } : {}),
      stack: stackFrames(err.stack),
    };
  }
  return { errorName: typeof err };
}
