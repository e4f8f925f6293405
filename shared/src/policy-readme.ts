import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { withPolicyBlocks } from "./policy";

/**
 * `npm run policy:readme`: rewrites the access policy tables in the root README and the
 * gateway's README from `POLICY` (shared/src/policy.ts). A test fails while they differ.
 */
export const POLICY_READMES = [
  path.join(__dirname, "..", "..", "README.md"),
  path.join(__dirname, "..", "..", "gateway", "README.md"),
];

if (require.main === module) {
  for (const file of POLICY_READMES) {
    const before = readFileSync(file, "utf8");
    const after = withPolicyBlocks(before);
    if (after !== before) writeFileSync(file, after);
    process.stdout.write(`${path.relative(process.cwd(), file)}: ${after === before ? "up to date" : "rewritten"}\n`);
  }
}
