import { z } from "zod";

/** Where the record of deliberate breaking changes to the client-facing schema is committed. */
export const SCHEMA_CHANGELOG_FILE = "gateway/schema-changes.json";

/**
 * One deliberate breaking change: when it was made, the change exactly as
 * @graphql-inspector/core words it (so it can be matched), and why / what clients must do.
 */
const entry = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date, YYYY-MM-DD"),
    change: z.string().trim().min(1),
    why: z.string().trim().min(10, "must say why, and what clients must do"),
  })
  .strict();

const changelog = z.array(entry);

export type SchemaChangeEntry = z.infer<typeof entry>;

export class SchemaChangelogError extends Error {
  constructor(message: string) {
    super(`${SCHEMA_CHANGELOG_FILE}: ${message}`);
    this.name = "SchemaChangelogError";
  }
}

/** Parses the committed changelog's text; a missing file (null) is an empty changelog. */
export function parseSchemaChangelog(text: string | null): SchemaChangeEntry[] {
  if (text === null) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SchemaChangelogError("is not valid JSON");
  }
  const result = changelog.safeParse(json);
  if (!result.success)
    throw new SchemaChangelogError(result.error.issues.map((i) => `[${i.path.join(".")}] ${i.message}`).join("; "));
  return result.data;
}

/** The changes (inspector messages) that no changelog entry records. */
export function unrecorded(changes: readonly string[], entries: readonly SchemaChangeEntry[]): string[] {
  const recorded = new Set(entries.map((e) => e.change));
  return changes.filter((c) => !recorded.has(c));
}
