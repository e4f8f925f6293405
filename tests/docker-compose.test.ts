/**
 * docker-compose.yml kept true to the code: every service it runs exists and listens where the
 * others look for it, no secret has a default (compose refuses to start without the ones you
 * set), and only the gateway is published, on the host's loopback address.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEVELOPMENT_SECRET_NAMES, generateSecret, REGISTRY, subgraphsOf, urlSetting } from "@ffd/shared";

const root = path.join(__dirname, "..");
const composeFile = path.join(root, "docker-compose.yml");
const text = fs.readFileSync(composeFile, "utf8");

/** Each service's block of lines under `services:` (two-space indented keys), by name. */
function serviceBlocks(): Map<string, string> {
  const lines = text.split("\n");
  const start = lines.indexOf("services:");
  const blocks = new Map<string, string>();
  let current: string | null = null;
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break; // the next top-level key (volumes:)
    const header = /^ {2}([a-z][a-z-]*):\s*$/.exec(line);
    if (header) {
      current = header[1];
      blocks.set(current, "");
    } else if (current) blocks.set(current, `${blocks.get(current)}${line}\n`);
  }
  return blocks;
}

describe("docker-compose.yml", () => {
  const blocks = serviceBlocks();

  it("runs every subgraph and the gateway from its compiled entry point, each on the port the others call", () => {
    // The service registry's services (tests/registry.test.ts checks the file against every field of it).
    for (const service of [...subgraphsOf(), REGISTRY.gateway]) {
      const block = blocks.get(service.name);
      expect(block).toBeDefined();
      expect(block).toContain(`command: ["node", "${service.dir}/dist/index.js"]`);
      expect(fs.existsSync(path.join(root, service.dir, "src", "index.ts"))).toBe(true);
      if (service === REGISTRY.gateway) continue;
      const url = new RegExp(`^\\s+${urlSetting(service)}: http://${service.name}:(\\d+)$`, "m").exec(text);
      expect(url).not.toBeNull();
      expect(block).toContain(`PORT: "${url![1]}"`);
    }
  });

  it("gives no secret a default: each is required from the user with ${NAME:?...}", () => {
    for (const name of DEVELOPMENT_SECRET_NAMES) {
      const uses = text.split("\n").filter((l) => l.includes(name) && !l.trim().startsWith("#"));
      expect(uses.length).toBeGreaterThan(0);
      for (const line of uses) expect(line).toMatch(new RegExp(`^\\s+${name}: \\$\\{${name}:\\?[^}]+\\}$`));
    }
  });

  it("publishes only the gateway's port, on 127.0.0.1; services bind all interfaces only inside containers", () => {
    const published = [...blocks].filter(([, block]) => /^\s+ports:/m.test(block)).map(([name]) => name);
    expect(published).toEqual(["gateway"]);
    const port = REGISTRY.gateway.port;
    expect(blocks.get("gateway")).toContain(`    ports: ["127.0.0.1:${port}:${port}"]\n`);
    expect(text.match(/^\s+HOST: .*$/gm)).toEqual(["    HOST: 0.0.0.0"]);
  });
});

/** docker-compose (Debian package docker-compose) checks the file as compose itself reads it. */
const composeCli = spawnSync("docker-compose", ["version"], { encoding: "utf8" });
const describeCompose = composeCli.status === 0 ? describe : describe.skip;
// CI installs it (.ci/run), so there it must be present: a missing one fails rather than skips.
if (composeCli.status !== 0 && (process.env.CI === "true" || process.env.CI === "1"))
  throw new Error(
    "docker-compose is not installed but CI requires it (Debian package docker-compose; .ci/run installs it).",
  );
if (composeCli.status !== 0)
  process.stderr.write(
    "docker-compose is not installed (Debian package docker-compose): skipping `docker-compose config`.\n",
  );

describeCompose(
  composeCli.status === 0
    ? "docker-compose config"
    : "docker-compose config (skipped: docker-compose is not installed; Debian package docker-compose)",
  () => {
    /** An empty env file, so a developer's own .env never decides the outcome. */
    let envFile: string;
    beforeAll(() => {
      envFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ffd-compose-")), "empty.env");
      fs.writeFileSync(envFile, "");
    });
    afterAll(() => fs.rmSync(path.dirname(envFile), { recursive: true, force: true }));

    const config = (secrets: Record<string, string>) => {
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...secrets };
      return spawnSync("docker-compose", ["--env-file", envFile, "-f", composeFile, "config", "-q"], {
        env,
        encoding: "utf8",
      });
    };

    it("accepts the file once the user has set every secret", () => {
      const r = config(Object.fromEntries(DEVELOPMENT_SECRET_NAMES.map((n) => [n, generateSecret()])));
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
    });

    it.each(DEVELOPMENT_SECRET_NAMES)("refuses to start without %s, naming it", (missing) => {
      const r = config(
        Object.fromEntries(DEVELOPMENT_SECRET_NAMES.filter((n) => n !== missing).map((n) => [n, generateSecret()])),
      );
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain(`set ${missing} (32+ random characters`);
    });
  },
);
