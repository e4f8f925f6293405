import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SERVICES } from "@ffd/shared";
import { composeSupergraph, type GraphName } from "../composition";
import { SchemaBaselineError } from "./baseline";
import { checkSchemaChanges, describeUnrecorded, SUPERGRAPH_FILE } from "./check";
import { parseSchemaChangelog, SCHEMA_CHANGELOG_FILE, SchemaChangelogError } from "./changelog";

/**
 * The breaking-change check against real git history: a temporary repository whose main holds
 * the supergraph composed from this checkout's committed subgraph schemas, then a branch that
 * changes the audit subgraph's schema.
 */
const repoRoot = path.join(__dirname, "..", "..", "..");
const committedSdls = (): Record<GraphName, string> => {
  const read = (f: string) => fs.readFileSync(path.join(repoRoot, f), "utf8");
  const sdls = { audit: read("gateway/audit.graphql") } as Record<GraphName, string>;
  for (const name of SERVICES) sdls[name] = read(`subgraphs/${name}/schema.graphql`);
  return sdls;
};

const READS_FIELD = `  """Reads of people's records in the period."""\n  reads: Int!\n`;
const REMOVAL = "Field 'reads' was removed from object type 'AccessReport'";

function withAudit(sdls: Record<GraphName, string>, edit: (audit: string) => string): string {
  const audit = edit(sdls.audit);
  expect(audit).not.toBe(sdls.audit);
  return composeSupergraph({ ...sdls, audit });
}
const withoutReads = (sdls: Record<GraphName, string>) =>
  withAudit(sdls, (audit) => {
    expect(audit.split(READS_FIELD)).toHaveLength(2); // the field is there, once
    return audit.replace(READS_FIELD, "");
  });
const withAddedField = (sdls: Record<GraphName, string>) =>
  withAudit(sdls, (audit) =>
    audit.replace(READS_FIELD, `${READS_FIELD}  """Distinct people read."""\n  peopleRead: Int!\n`),
  );

let dir: string;
const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.org", ...args], {
    cwd: dir,
    encoding: "utf8",
  }).trim();
const write = (file: string, content: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), content);
};
const commit = (message: string) => {
  git("add", "-A");
  git("commit", "-q", "-m", message);
};
const entry = (change: string) => ({
  date: "2026-12-02",
  change,
  why: "AccessReport.reads is now people.length; clients count the entries instead.",
});

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffd-schema-changes-"));
  git("init", "-q", "-b", "main");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the breaking-change check", () => {
  const sdls = committedSdls();
  const original = composeSupergraph(sdls);

  beforeEach(() => {
    write(SUPERGRAPH_FILE, original);
    commit("the committed supergraph");
  });

  it("refuses a removed field until the changelog records it, then accepts it", async () => {
    git("checkout", "-q", "-b", "remove-reads");
    const removed = withoutReads(sdls);
    write(SUPERGRAPH_FILE, removed);
    commit("remove AccessReport.reads");

    const refused = await checkSchemaChanges({ root: dir, supergraphSdl: removed, changelogText: null });
    expect(refused.baseline.description).toBe("merge-base with main");
    expect(refused.baseline.commit).toBe(git("rev-parse", "main"));
    expect(refused.breaking).toEqual([REMOVAL]);
    expect(refused.unrecorded).toEqual([REMOVAL]);
    expect(describeUnrecorded(refused)).toContain(`  - ${REMOVAL}`);

    const otherChange = JSON.stringify([entry("Field 'from' was removed from object type 'AccessReport'")]);
    const stillRefused = await checkSchemaChanges({ root: dir, supergraphSdl: removed, changelogText: otherChange });
    expect(stillRefused.unrecorded).toEqual([REMOVAL]);

    const recorded = JSON.stringify([entry(REMOVAL)]);
    const accepted = await checkSchemaChanges({ root: dir, supergraphSdl: removed, changelogText: recorded });
    expect(accepted.breaking).toEqual([REMOVAL]);
    expect(accepted.unrecorded).toEqual([]);
  });

  it("refuses a change not yet committed (what npm run compose is about to write)", async () => {
    git("checkout", "-q", "-b", "work");
    write("README.md", "unrelated work\n");
    commit("unrelated work");
    const report = await checkSchemaChanges({ root: dir, supergraphSdl: withoutReads(sdls), changelogText: "[]" });
    expect(report.baseline.commit).toBe(git("rev-parse", "main"));
    expect(report.unrecorded).toEqual([REMOVAL]);
  });

  it("passes an added field, which breaks no client", async () => {
    git("checkout", "-q", "-b", "add-field");
    const added = withAddedField(sdls);
    write(SUPERGRAPH_FILE, added);
    commit("add AccessReport.peopleRead");
    const report = await checkSchemaChanges({ root: dir, supergraphSdl: added, changelogText: "[]" });
    expect(report.breaking).toEqual([]);
    expect(report.unrecorded).toEqual([]);
  });

  it("on main compares with HEAD~1, so CI on main checks the change just merged", async () => {
    const removed = withoutReads(sdls);
    write(SUPERGRAPH_FILE, removed);
    commit("remove AccessReport.reads on main");
    const report = await checkSchemaChanges({ root: dir, supergraphSdl: removed, changelogText: null });
    expect(report.baseline.description).toBe("HEAD~1 (HEAD is on main)");
    expect(report.unrecorded).toEqual([REMOVAL]);
  });

  it("compares with --against when given", async () => {
    const first = git("rev-parse", "HEAD");
    write(SUPERGRAPH_FILE, withoutReads(sdls));
    commit("remove");
    write("README.md", "later\n");
    commit("later");
    const report = await checkSchemaChanges({
      root: dir,
      supergraphSdl: withoutReads(sdls),
      changelogText: null,
      against: first,
    });
    expect(report.baseline.commit).toBe(first);
    expect(report.unrecorded).toEqual([REMOVAL]);
    await expect(
      checkSchemaChanges({ root: dir, supergraphSdl: original, changelogText: null, against: "no-such-ref" }),
    ).rejects.toThrow(/--against no-such-ref: no such commit/);
  });
});

describe("a missing baseline fails visibly, never passes", () => {
  const supergraphSdl = composeSupergraph(committedSdls());

  it("outside a git repository", async () => {
    fs.rmSync(path.join(dir, ".git"), { recursive: true });
    await expect(checkSchemaChanges({ root: dir, supergraphSdl, changelogText: null })).rejects.toThrow(
      SchemaBaselineError,
    );
  });

  it("with no main branch (a clone of one branch)", async () => {
    write("README.md", "x\n");
    git("checkout", "-q", "-b", "feature");
    commit("first");
    await expect(checkSchemaChanges({ root: dir, supergraphSdl, changelogText: null })).rejects.toThrow(
      /no main or origin\/main branch/,
    );
  });

  it("on main with no parent commit (a shallow clone)", async () => {
    write(SUPERGRAPH_FILE, supergraphSdl);
    commit("only commit");
    await expect(checkSchemaChanges({ root: dir, supergraphSdl, changelogText: null })).rejects.toThrow(
      /no parent commit/,
    );
  });

  it("when the baseline has no committed supergraph", async () => {
    write("README.md", "x\n");
    commit("first");
    git("checkout", "-q", "-b", "feature");
    write(SUPERGRAPH_FILE, supergraphSdl);
    commit("second");
    await expect(checkSchemaChanges({ root: dir, supergraphSdl, changelogText: null })).rejects.toThrow(
      /does not exist at merge-base with main/,
    );
  });
});

describe("the changelog", () => {
  it("must be well-formed: a date, the change and why", async () => {
    const supergraphSdl = composeSupergraph(committedSdls());
    for (const bad of ["{", JSON.stringify([{ date: "2 Dec", change: "x", why: "because of reasons" }]), "[{}]"])
      await expect(checkSchemaChanges({ root: dir, supergraphSdl, changelogText: bad })).rejects.toThrow(
        SchemaChangelogError,
      );
  });

  it("as committed is well-formed", () => {
    const text = fs.readFileSync(path.join(repoRoot, SCHEMA_CHANGELOG_FILE), "utf8");
    expect(() => parseSchemaChangelog(text)).not.toThrow();
  });
});
