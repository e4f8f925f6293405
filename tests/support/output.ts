import { inspect } from "node:util";

/*
 * Everything a process prints while a test runs: the project's logger (which writes to
 * process.stdout and process.stderr), and anything a library prints through console (express's
 * default error handler does). For tests asserting that something never reaches a log.
 */

export interface CapturedOutput {
  /** Everything printed so far, one entry per write or console call. */
  readonly writes: string[];
  /** Stops capturing and lets output through again. */
  restore(): void;
}

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "trace"] as const;

function text(args: unknown[]): string {
  return args
    .map((a) => (typeof a === "string" ? a : a instanceof Uint8Array ? Buffer.from(a).toString("utf8") : inspect(a)))
    .join(" ");
}

/** Captures (and silences) process.stdout, process.stderr and console until restore(). */
export function captureOutput(): CapturedOutput {
  const writes: string[] = [];
  const write = ((chunk: unknown) => {
    writes.push(text([chunk]));
    return true;
  }) as typeof process.stdout.write;
  const spies = [
    jest.spyOn(process.stdout, "write").mockImplementation(write),
    jest.spyOn(process.stderr, "write").mockImplementation(write),
    ...CONSOLE_METHODS.map((m) => jest.spyOn(console, m).mockImplementation((...args) => void writes.push(text(args)))),
  ];
  return {
    writes,
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}
