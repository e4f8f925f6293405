import { AGENCIES, type Agency } from "@ffd/shared";
import { generateAgencyDatabase, validateOptions } from "./generate";
import { writeSeedFile } from "./seed-file";
import type { BoroughOptions } from "./types";

/**
 * Run by an agency process in a child (seed-file.ts, generateSeedFileInChild), never by hand:
 * generates one agency's system of the synthetic borough and writes it as a seed file, then
 * exits. Its one argument is JSON: the borough's options, the agency and the file.
 */
function main(): void {
  const arg = JSON.parse(process.argv[2] ?? "null") as (BoroughOptions & { agency: unknown; file: unknown }) | null;
  if (!arg || !AGENCIES.includes(arg.agency as Agency) || typeof arg.file !== "string")
    throw new Error("usage: seed-file-cli '{ seed, referenceDate, families, noise, agency, file }'");
  const options = validateOptions({
    seed: arg.seed,
    referenceDate: arg.referenceDate,
    families: arg.families,
    noise: arg.noise,
  });
  writeSeedFile(generateAgencyDatabase(options, arg.agency as Agency), arg.file);
}

try {
  main();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
