import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SERVICES } from "@ffd/shared";
import { composeSupergraph, type GraphName } from "../gateway/src/composition";

/*
 * `npm run compose` itself (scripts/compose.js, on the compiled packages that `npm test` builds
 * first) against a temporary git checkout given with --root: the schemas come from this
 * checkout's code, the committed files, history and changelog from the temporary one. Its
 * baseline supergraph has a field the code does not, so the code "removes" it.
 */

const repo = path.join(__dirname, "..");
const COMPOSE = path.join(repo, "scripts", "compose.js");
const CHANGELOG = "gateway/schema-changes.json";
const SUPERGRAPH = "gateway/supergraph.graphql";

const READS_FIELD = `  """Reads of people's records in the period."""\n  reads: Int!\n`;
const EXTRA_FIELD = `  """Distinct people read."""\n  peopleRead: Int!\n`;
const REMOVAL = "Field 'peopleRead' was removed from object type 'AccessReport'";

function committedSdls(): Record<GraphName, string> {
  const read = (f: string) => fs.readFileSync(path.join(repo, f), "utf8");
  const sdls = { audit: read("gateway/audit.graphql") } as Record<GraphName, string>;
  for (const name of SERVICES) sdls[name] = read(`subgraphs/${name}/schema.graphql`);
  return sdls;
}
function auditEdited(edit: (audit: string) => string): string {
  const sdls = committedSdls();
  expect(sdls.audit.split(READS_FIELD)).toHaveLength(2);
  return composeSupergraph({ ...sdls, audit: edit(sdls.audit) });
}

let dir: string;
const git = (...args: string[]) =>
  spawnSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.org", ...args], {
    cwd: dir,
    encoding: "utf8",
  });
const write = (file: string, content: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), content);
};
const read = (file: string) => fs.readFileSync(path.join(dir, file), "utf8");
const compose = (...args: string[]) =>
  spawnSync(process.execPath, [COMPOSE, "--root", dir, ...args], { encoding: "utf8", timeout: 120_000 });

/** A checkout whose main commits `baseline` as the supergraph, then a branch with one more commit. */
function checkout(baseline: string): void {
  git("init", "-q", "-b", "main");
  for (const name of SERVICES) fs.mkdirSync(path.join(dir, "subgraphs", name), { recursive: true });
  write(SUPERGRAPH, baseline);
  write(CHANGELOG, "[]\n");
  git("add", "-A");
  git("commit", "-q", "-m", "baseline");
  git("checkout", "-q", "-b", "work");
  write("README.md", "work\n");
  git("add", "-A");
  git("commit", "-q", "-m", "work");
}

beforeAll(() => {
  if (!fs.existsSync(path.join(repo, "gateway", "dist", "schema-changes", "check.js")))
    throw new Error("the packages are not built: run `npx tsc -b` (npm test does) before this test");
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffd-compose-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("npm run compose and the breaking-change check", () => {
  it("refuses to write a removed field until the changelog records it, then writes", () => {
    const baseline = auditEdited((a) => a.replace(READS_FIELD, READS_FIELD + EXTRA_FIELD));
    checkout(baseline);

    const refused = compose();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`  - ${REMOVAL}`);
    expect(refused.stderr).toContain("Nothing written.");
    expect(read(SUPERGRAPH)).toBe(baseline);
    expect(fs.existsSync(path.join(dir, "gateway", "audit.graphql"))).toBe(false);

    const checked = compose("--check");
    expect(checked.status).toBe(1);
    expect(checked.stderr).toContain(`  - ${REMOVAL}`);

    write(
      CHANGELOG,
      JSON.stringify([{ date: "2026-12-02", change: REMOVAL, why: "Count AccessReport.people instead." }]),
    );
    const written = compose();
    expect(written.stderr).toBe("");
    expect(written.status).toBe(0);
    expect(written.stdout).toContain("Recorded breaking changes since merge-base with main");
    expect(read(SUPERGRAPH)).toBe(fs.readFileSync(path.join(repo, SUPERGRAPH), "utf8"));
    expect(read("gateway/audit.graphql")).toBe(fs.readFileSync(path.join(repo, "gateway/audit.graphql"), "utf8"));

    const current = compose("--check");
    expect(current.stderr).toBe("");
    expect(current.status).toBe(0);
  });

  it("writes an added field: no client breaks", () => {
    const baseline = auditEdited((a) => a.replace(READS_FIELD, ""));
    checkout(baseline);
    const written = compose();
    expect(written.stderr).toBe("");
    expect(written.status).toBe(0);
    expect(read(SUPERGRAPH)).toContain("  reads: Int!\n");
  });

  it("fails, writing nothing, when there is no baseline to compare with", () => {
    write(SUPERGRAPH, "not a supergraph\n");
    const noGit = compose();
    expect(noGit.status).toBe(1);
    expect(noGit.stderr).toContain("not a git repository");
    expect(read(SUPERGRAPH)).toBe("not a supergraph\n");
    const checked = compose("--check");
    expect(checked.status).toBe(1);
  });
});
