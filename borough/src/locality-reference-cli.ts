#!/usr/bin/env node
/**
 * Writes the synthetic borough's locality reference (localities, clusters, centres, reach-area
 * sectors, IMD deciles by small area) to borough/locality-reference.json, the file family-index
 * reads when LOCALITY_REFERENCE_FILE is not set outside production. Run after changing the
 * borough's centres: `npm run locality:reference` (a test fails while the file is out of date).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { localityReference } from "./geography";

export const LOCALITY_REFERENCE_PATH = join(__dirname, "..", "locality-reference.json");

if (require.main === module) {
  writeFileSync(LOCALITY_REFERENCE_PATH, JSON.stringify(localityReference(), null, 2) + "\n");
  process.stdout.write(`wrote ${LOCALITY_REFERENCE_PATH}\n`);
}
