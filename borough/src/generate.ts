import type { Borough, BoroughOptions } from "./types";

/** Placeholder until the generator lands: see borough/README.md. */
export function generateBorough(_options: BoroughOptions): Borough {
  throw new Error("generateBorough is not implemented yet");
}
