import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  databaseSetting,
  portSetting,
  REGISTRY,
  subgraphsOf,
  urlSetting,
  type AgencyEntry,
  type ServiceRegistry,
} from "./services";

/**
 * `npm run registry:generate`: writes the parts of the deployment files and docs that list the
 * services (docker-compose.yml's settings and agency services, the Dockerfile's package.json
 * copies, docker/postgres-init.sql's
 * databases, the `.env.example` files' per-service settings, the README's service table) from the
 * service registry (services.ts). Each part sits between a `registry:<part>:start` and a
 * `registry:<part>:end` marker; everything outside the markers is written by people.
 * tests/registry.test.ts fails while a part is stale, and checks the whole files against the
 * registry too. Pure functions of a registry, so a test can render them for another one.
 */

/** How a file type writes a marker line. */
type MarkerStyle = "hash" | "sql" | "markdown";

/** One file's generated parts: part name → its lines (without the markers). */
export interface GeneratedFile {
  /** Path from the repository root. */
  readonly file: string;
  readonly style: MarkerStyle;
  readonly parts: Readonly<Record<string, string>>;
}

function marker(style: MarkerStyle, part: string, edge: "start" | "end"): string {
  const name = `registry:${part}:${edge}`;
  if (style === "markdown") return `<!-- ${name} -->`;
  return style === "sql" ? `-- ${name}` : `# ${name}`;
}

/**
 * The text with each part's lines replaced between its markers (which keep their own lines and
 * indentation); a part whose markers are missing is left out, and reported by `missingParts`.
 */
export function withGeneratedParts(text: string, { style, parts }: Pick<GeneratedFile, "style" | "parts">): string {
  let out = text;
  for (const [part, body] of Object.entries(parts)) {
    const start = out.indexOf(marker(style, part, "start"));
    const end = out.indexOf(marker(style, part, "end"));
    if (start < 0 || end < start) continue;
    const afterStart = out.indexOf("\n", start) + 1;
    const endLine = out.lastIndexOf("\n", end) + 1;
    const content = style === "markdown" ? `\n${body}\n\n` : `${body}\n`;
    out = `${out.slice(0, afterStart)}${content}${out.slice(endLine)}`;
  }
  return out;
}

/** The parts whose start and end markers are not both in the text, in order. */
export function missingParts(text: string, { style, parts }: Pick<GeneratedFile, "style" | "parts">): string[] {
  return Object.keys(parts).filter((part) => {
    const start = text.indexOf(marker(style, part, "start"));
    return start < 0 || text.indexOf(marker(style, part, "end")) < start;
  });
}

/** A Markdown table with its columns padded (as prettier leaves it). */
function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...rows.map(line)].join("\n");
}

/** The PostgreSQL URL of a database on the compose network's server. */
export function composeDatabaseUrl(database: string): string {
  return `postgres://postgres:postgres@postgres:5432/${database}`;
}

/** One agency subgraph as a docker compose service: its entry point and port, ready once /ready answers. */
function composeAgencyService(agency: AgencyEntry): string {
  const dependsOn = agency.usesRedis
    ? [
        `    depends_on:`,
        `      seed: { condition: service_completed_successfully }`,
        `      redis: { condition: service_healthy }`,
      ]
    : [`    depends_on: { seed: { condition: service_completed_successfully } }`];
  return [
    `  ${agency.name}:`,
    `    <<: *service`,
    `    command: ["node", "${agency.dir}/dist/index.js"]`,
    `    environment: { <<: *env, PORT: "${agency.port}" }`,
    ...dependsOn,
    `    healthcheck:`,
    `      {`,
    `        test:`,
    `          [`,
    `            "CMD",`,
    `            "node",`,
    `            "-e",`,
    `            "fetch('http://127.0.0.1:${agency.port}/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))",`,
    `          ],`,
    `        <<: *ready,`,
    `      }`,
  ].join("\n");
}

/** Every generated part of every file, for a registry (the real one by default). */
export function registryFiles(registry: ServiceRegistry = REGISTRY): GeneratedFile[] {
  const subgraphs = subgraphsOf(registry);
  const withDatabase = subgraphs.filter((s) => s.database);
  return [
    {
      file: "docker-compose.yml",
      style: "hash",
      parts: {
        settings: [
          ...subgraphs.map((s) => `    ${urlSetting(s)}: http://${s.name}:${s.port}`),
          ...withDatabase.map((s) => `    ${databaseSetting(s)}: ${composeDatabaseUrl(s.database!)}`),
        ].join("\n"),
        agencies: registry.agencies.map(composeAgencyService).join("\n\n"),
      },
    },
    {
      // The image's dependency layer: each service's package.json before `npm ci`.
      file: "Dockerfile",
      style: "hash",
      parts: {
        packages: [registry.gateway, ...subgraphs].map((s) => `COPY ${s.dir}/package.json ${s.dir}/`).join("\n"),
      },
    },
    {
      file: "docker/postgres-init.sql",
      style: "sql",
      parts: { databases: withDatabase.map((s) => `CREATE DATABASE ${s.database};`).join("\n") },
    },
    {
      file: ".env.example",
      style: "hash",
      parts: {
        // The gateway's own PORT is in its section.
        ports: subgraphs.map((s) => `${portSetting(s, registry)}=${s.port}`).join("\n"),
        urls: subgraphs.map((s) => `${urlSetting(s)}=http://127.0.0.1:${s.port}`).join("\n"),
        "agency-databases": registry.agencies.map((a) => `${databaseSetting(a)}=`).join("\n"),
      },
    },
    {
      file: `${registry.familyIndex.dir}/.env.example`,
      style: "hash",
      parts: { "agency-urls": registry.agencies.map((a) => `${urlSetting(a)}=http://127.0.0.1:${a.port}`).join("\n") },
    },
    {
      file: "README.md",
      style: "markdown",
      parts: {
        services: markdownTable(
          ["Service", "Port", "Fronts", "README"],
          [registry.gateway, ...subgraphs].map((s) => [
            `\`${s.name}\``,
            String(s.port),
            s.fronts,
            `[${s.dir}](${s.dir}/README.md)`,
          ]),
        ),
      },
    },
  ];
}

/** The repository root, from this module (src/ under ts-jest, dist/ once built). */
export const REPOSITORY_ROOT = path.join(__dirname, "..", "..");

if (require.main === module) {
  for (const generated of registryFiles()) {
    const file = path.join(REPOSITORY_ROOT, generated.file);
    const before = readFileSync(file, "utf8");
    const missing = missingParts(before, generated);
    if (missing.length) {
      process.stderr.write(`${generated.file}: no markers for ${missing.map((p) => `registry:${p}`).join(", ")}\n`);
      process.exitCode = 1;
    }
    const after = withGeneratedParts(before, generated);
    if (after !== before) writeFileSync(file, after);
    process.stdout.write(`${generated.file}: ${after === before ? "up to date" : "rewritten"}\n`);
  }
}
