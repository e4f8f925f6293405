import { IDENTITY_FEED_AUDIENCE, IDENTITY_FEED_PATH, signServiceToken } from "@ffd/shared";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { FULL_ACCESS, gatewayAuthorization } from "./support/agency";
import { secretEnv, TEST_SECRETS } from "./support/secrets";

/**
 * `npm run agency:new` (issue 10 item 5), run for real on a made-up agency in a temporary copy
 * of the repository: the tracked (and new, not ignored) files, the packages' build output so
 * `tsc -b` is incremental, and node_modules linked entry by entry except `@ffd`, whose links
 * point into the copy (so the copy's packages, with the new registry row, are the ones loaded).
 * The copy is its own git repository, so `npm run compose` has a committed supergraph to compare
 * against. Proves: a bad name is refused with a clear message and changes nothing; the scaffold
 * builds, composes with the new subgraph in the supergraph, passes its generated tests, and the
 * service starts on its port and answers `_entities` for a Person representation.
 * Needs `tsc -b` first (as `npm test` does) and git; skipped, visibly, without git.
 */

const root = path.join(__dirname, "..");
const AGENCY = "youth-justice";
const gitAvailable = spawnSync("git", ["--version"]).status === 0;
if (!gitAvailable) process.stderr.write("git is not installed: skipping the agency:new scaffold test.\n");
const describeWithGit = gitAvailable ? describe : describe.skip;

jest.setTimeout(300_000);

/**
 * The existing files a scaffold may change: the registry and policy rows, the workspace lists, and
 * the files generated from the registry (the README's tables, compose, the env files, the databases).
 */
const GENERATED_OR_REGISTRY_FILES = [
  ".env.example",
  "Dockerfile",
  "README.md",
  "docker-compose.yml",
  "docker/postgres-init.sql",
  "package.json",
  "shared/src/policy.ts",
  "shared/src/services.ts",
  "subgraphs/family-index/.env.example",
  "tsconfig.json",
];

/** Runs a command in `cwd`, resolving with its exit code and output (never rejecting). */
function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env } });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("close", (code) => resolve({ code, out }));
  });
}

const git = (cwd: string, ...args: string[]) =>
  spawnSync("git", ["-c", "user.email=scaffold@test", "-c", "user.name=scaffold-test", ...args], {
    cwd,
    encoding: "utf8",
  });

/** A copy of the repository, as fast as it can be made: see the file's comment. */
function copyRepository(into: string): void {
  const listed = git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout.split("\0");
  for (const file of listed) {
    if (!file || !fs.existsSync(path.join(root, file))) continue;
    fs.mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(into, file));
  }
  const packages = [
    "shared",
    "borough",
    "gateway",
    ...fs.readdirSync(path.join(root, "subgraphs")).map((d) => `subgraphs/${d}`),
  ];
  for (const pkg of packages) {
    const dist = path.join(root, pkg, "dist");
    if (fs.existsSync(dist)) fs.cpSync(dist, path.join(into, pkg, "dist"), { recursive: true });
  }
  const modules = path.join(into, "node_modules");
  fs.mkdirSync(path.join(modules, "@ffd"), { recursive: true });
  for (const entry of fs.readdirSync(path.join(root, "node_modules"))) {
    if (entry === "@ffd") continue;
    fs.symlinkSync(path.join(root, "node_modules", entry), path.join(modules, entry));
  }
  // npm's workspace links are relative (../../shared): copied as they are, they point into the copy.
  for (const entry of fs.readdirSync(path.join(root, "node_modules", "@ffd"))) {
    const target = fs.readlinkSync(path.join(root, "node_modules", "@ffd", entry));
    fs.symlinkSync(target, path.join(modules, "@ffd", entry));
  }
  // A workspace's own node_modules (a version other than the root's: shared's OpenTelemetry SDK, web's tools).
  for (const pkg of [...packages, "web"]) {
    const own = path.join(root, pkg, "node_modules");
    if (fs.existsSync(own)) fs.symlinkSync(own, path.join(into, pkg, "node_modules"));
  }
  git(into, "init", "-q", "-b", "main");
  git(into, "add", "-A");
  git(into, "commit", "-q", "-m", "the repository before the scaffold");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describeWithGit("npm run agency:new", () => {
  let copy: string;
  let scaffold: { code: number | null; out: string };

  beforeAll(async () => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), "ffd-agency-new-"));
    copyRepository(copy);
  });
  afterAll(() => {
    if (copy) fs.rmSync(copy, { recursive: true, force: true });
  });

  it.each([
    ["Youth_Justice", /not a kebab-case name/],
    ["-youth", /not a kebab-case name/],
    ["gateway", /reserved/],
    ["maternity", /subgraphs\/maternity already exists/],
    ["", /Give the agency's name in kebab-case/],
  ])("refuses the name %j with a clear message, changing nothing", async (name, message) => {
    const result = await run(process.execPath, ["scripts/agency-new.js", name], copy);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(message);
    expect(git(copy, "status", "--porcelain").stdout).toBe("");
  });

  it("scaffolds a made-up agency, adds its registry row and prints the decisions left", async () => {
    scaffold = await run(process.execPath, ["scripts/agency-new.js", AGENCY], copy);
    expect(scaffold.code).toBe(0);
    // The next free port after the registry's highest, and every name from the one given.
    const services = fs.readFileSync(path.join(copy, "shared/src/services.ts"), "utf8");
    const highest = Math.max(
      ...[...fs.readFileSync(path.join(root, "shared/src/services.ts"), "utf8").matchAll(/\bport: (\d+),/g)].map((m) =>
        Number(m[1]),
      ),
    );
    expect(services).toContain(`name: "${AGENCY}",\n    dir: "subgraphs/${AGENCY}",\n    port: ${highest + 1},`);
    expect(services).toMatch(
      /envPrefix: "YOUTH_JUSTICE",[\s\S]*personField: "youthJustice",\s*linkListField: "youthJusticeRecordIds"/,
    );
    expect(JSON.parse(fs.readFileSync(path.join(copy, "package.json"), "utf8")).workspaces).toContain(
      `subgraphs/${AGENCY}`,
    );
    expect(fs.readFileSync(path.join(copy, "tsconfig.json"), "utf8")).toContain(`{ "path": "subgraphs/${AGENCY}" }`);
    expect(fs.readFileSync(path.join(copy, "docker-compose.yml"), "utf8")).toContain("YOUTH_JUSTICE_DATABASE_URL");
    expect(fs.readFileSync(path.join(copy, "shared/src/policy.ts"), "utf8")).toMatch(
      /POLICY_UNDECIDED_GROUPS: readonly string\[\] = \["youthJustice"\]/,
    );
    for (const file of [
      "src/config.ts",
      "src/context.ts",
      "src/server.ts",
      "src/index.ts",
      "src/entities/person/person.type.ts",
      `src/entities/${AGENCY}-entry/${AGENCY}-entry.loader.ts`,
      `src/source/${AGENCY}.port.ts`,
      `src/source/${AGENCY}.postgres.ts`,
      `src/source/${AGENCY}.codes.ts`,
      "README.md",
    ])
      expect(fs.existsSync(path.join(copy, "subgraphs", AGENCY, file))).toBe(true);
    // Outside its own folder it changed only the registry row, the undecided policy group, the
    // workspace lists and the files generated from the registry: nothing to hand-edit elsewhere.
    const changedOutside = git(copy, "status", "--porcelain", "--untracked-files=all")
      .stdout.split("\n")
      .filter(Boolean)
      .map((line) => line.slice(3))
      .filter((file) => !file.startsWith(`subgraphs/${AGENCY}/`))
      .sort();
    expect(changedOutside).toEqual(GENERATED_OR_REGISTRY_FILES);
    // The decisions left to a person, as a numbered list.
    for (const [i, what] of ["Policy rows", "real legacy schema", "borough builder", "staff app panel"].entries())
      expect(scaffold.out).toMatch(new RegExp(`\\n\\s*${i + 1}\\. [^\\n]*${what}`));
    // A second run refuses: the agency now exists.
    const again = await run(process.execPath, ["scripts/agency-new.js", AGENCY], copy);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/already exists/);
  });

  it("builds and composes, with the new subgraph in the supergraph", async () => {
    expect(scaffold?.code).toBe(0);
    const build = await run(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-b"], copy);
    expect(build.out).toBe("");
    expect(build.code).toBe(0);
    // Its tests type-check as \`npm test\` checks them (ts-jest alone would not fail on a type error).
    const testTypes = await run(
      process.execPath,
      [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.test.json", "--noEmit"],
      copy,
    );
    expect(testTypes.out).toBe("");
    expect(testTypes.code).toBe(0);
    const compose = await run(process.execPath, ["scripts/compose.js", "--against", "HEAD"], copy);
    expect(compose.code).toBe(0);
    const supergraph = fs.readFileSync(path.join(copy, "gateway/supergraph.graphql"), "utf8");
    expect(supergraph).toContain(`@join__graph(name: "${AGENCY}", url: "http://127.0.0.1:`);
    expect(supergraph).toMatch(/youthJustice: YouthJusticeRecord @join__field\(graph: YOUTH_JUSTICE, requires:/);
    expect(fs.existsSync(path.join(copy, "subgraphs", AGENCY, "schema.graphql"))).toBe(true);
    // And the check now passes on what compose wrote.
    expect((await run(process.execPath, ["scripts/compose.js", "--check", "--against", "HEAD"], copy)).code).toBe(0);
  });

  it("passes its generated tests", async () => {
    expect(scaffold?.code).toBe(0);
    const tests = await run(
      process.execPath,
      [path.join(root, "node_modules/jest/bin/jest.js"), "--ci", `subgraphs/${AGENCY}`],
      copy,
      { NODE_OPTIONS: "--experimental-vm-modules" },
    );
    // Every suite and test passed: none failed, none skipped.
    expect(tests.out).toMatch(/Test Suites: 2 passed, 2 total/);
    expect(tests.out).toMatch(/Tests: +\d+ passed, \d+ total/);
    expect(tests.code).toBe(0);
  });

  describe("the service, started from its entry point", () => {
    let child: ChildProcess | undefined;
    let base: string;

    beforeAll(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      child = spawn(process.execPath, [path.join(copy, "subgraphs", AGENCY, "dist/index.js")], {
        cwd: path.join(copy, "subgraphs", AGENCY),
        env: { ...process.env, ...secretEnv(), PORT: String(port), LOG_LEVEL: "silent", NODE_ENV: "development" },
        stdio: "ignore",
      });
      const until = Date.now() + 90_000;
      for (;;) {
        const ready = await fetch(`${base}/ready`).then(
          (r) => r.ok,
          () => false,
        );
        if (ready) break;
        if (Date.now() > until || child.exitCode !== null) throw new Error("the scaffolded service did not start");
        await new Promise((r) => setTimeout(r, 250));
      }
    });
    afterAll(async () => {
      if (child && child.exitCode === null) {
        const exited = new Promise((r) => child?.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
    });

    it("answers _entities for a Person representation (the field withheld while its policy is undecided)", async () => {
      const response = await fetch(`${base}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: await gatewayAuthorization(TEST_SECRETS.INTERNAL_TOKEN_SECRET, FULL_ACCESS),
        },
        body: JSON.stringify({
          query: `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id youthJustice { localIds } } } }`,
          variables: {
            reps: [{ __typename: "Person", id: "p1", youthJusticeRecordIds: ["E-0001"], legitimateRelationship: true }],
          },
        }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
      expect(body.data).toEqual({ _entities: [{ id: "p1", youthJustice: null }] });
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    });

    it("serves its embedded default through the identity feed to family-index", async () => {
      const token = await signServiceToken(TEST_SECRETS.INTERNAL_TOKEN_SECRET, "family-index", IDENTITY_FEED_AUDIENCE);
      const response = await fetch(`${base}${IDENTITY_FEED_PATH}?limit=10`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      const page = (await response.json()) as { agency: string; records: { localId: string }[] };
      expect(page.agency).toBe(AGENCY);
      expect(page.records.map((r) => r.localId)).toEqual(["E-0001", "E-0002", "E-0003"]);
    });
  });
});
