import { apiSchemaOf } from "../composition";
import { readAtCommit, resolveBaseline, SchemaBaselineError, type Baseline } from "./baseline";
import { breakingChanges } from "./breaking";
import { parseSchemaChangelog, SCHEMA_CHANGELOG_FILE, unrecorded } from "./changelog";

/** The committed supergraph whose API schema clients see. */
export const SUPERGRAPH_FILE = "gateway/supergraph.graphql";

export interface SchemaChangeReport {
  readonly baseline: Baseline;
  /** Every breaking change from the baseline's API schema to the new one. */
  readonly breaking: string[];
  /** Those not recorded in the changelog: each one refuses the change. */
  readonly unrecorded: string[];
}

/**
 * Compares the client-facing API schema of `supergraphSdl` (what is about to be, or is,
 * committed) with the one committed at the baseline, and the breaking changes with the
 * changelog `changelogText` (the working copy's gateway/schema-changes.json, null when absent).
 */
export async function checkSchemaChanges(options: {
  root: string;
  supergraphSdl: string;
  changelogText: string | null;
  against?: string;
}): Promise<SchemaChangeReport> {
  const entries = parseSchemaChangelog(options.changelogText);
  const baseline = resolveBaseline(options.root, options.against);
  const before = readAtCommit(options.root, baseline.commit, SUPERGRAPH_FILE);
  if (before === null)
    throw new SchemaBaselineError(
      `${SUPERGRAPH_FILE} does not exist at ${baseline.description} (${baseline.commit.slice(0, 12)}); pass --against <ref>`,
    );
  const breaking = await breakingChanges(apiSchemaOf(before), apiSchemaOf(options.supergraphSdl));
  return { baseline, breaking, unrecorded: unrecorded(breaking, entries) };
}

/** The lines that explain a refused change to the person running `npm run compose`. */
export function describeUnrecorded(report: SchemaChangeReport): string {
  const where = `${report.baseline.description}, ${report.baseline.commit.slice(0, 12)}`;
  return [
    `Breaking changes to the client-facing schema since ${where}, not recorded in ${SCHEMA_CHANGELOG_FILE}:`,
    ...report.unrecorded.map((c) => `  - ${c}`),
    `Make the change compatible (deprecate before removing), or record each one as`,
    `  { "date": "YYYY-MM-DD", "change": "<the line above, exactly>", "why": "<why, and what clients must do>" }`,
  ].join("\n");
}
