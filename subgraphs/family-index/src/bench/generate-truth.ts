import { writeFileSync } from "node:fs";
import { generateBorough, truthCsv } from "@ffd/borough";

/**
 * Child process of `npm run bench`: generates the borough and writes its labelled truth (the
 * records exactly as each agency holds them) to a CSV file, so that the generator's memory is
 * not counted in the linking process's peak. In service, records arrive from the identity feeds.
 *
 * node generate-truth.js <families> <seed> <referenceDate> <file>
 */
const [families, seed, referenceDate, file] = process.argv.slice(2);
if (!file || !/^\d+$/.test(families) || !/^\d+$/.test(seed)) {
  process.stderr.write("usage: generate-truth.js <families> <seed> <referenceDate> <file>\n");
  process.exit(2);
}
const borough = generateBorough({ families: Number(families), seed: Number(seed), referenceDate, noise: "default" });
writeFileSync(file, truthCsv(borough.truth));
