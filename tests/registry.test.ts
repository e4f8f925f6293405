/**
 * The service registry (shared/src/services.ts) is the one list of services: the deployment files
 * and docs agree with it (their generated parts are current and the rest says the same), and
 * adding an agency is one row, which every consumer picks up. The second half proves that with a
 * sixth agency given to the consumers as a registry value, touching no file and no module state.
 */
import fs from "node:fs";
import path from "node:path";
import {
  AGENCY_SERVICES,
  baseEnv,
  databaseSetting,
  FIELD_GROUPS,
  fieldGroupsOf,
  GROUP_LABEL,
  GROUP_SERVICE,
  groupLabelsOf,
  groupServicesOf,
  portSetting,
  REGISTRY,
  registryProblems,
  subgraphsOf,
  urlSetting,
  withAgency,
  type AgencyEntry,
  type ServiceRegistry,
} from "@ffd/shared";
import { getIntrospectionQuery, graphqlSync, type GraphQLEnumType, type GraphQLObjectType } from "graphql";
import {
  composeDatabaseUrl,
  missingParts,
  registryFiles,
  withGeneratedParts,
  type GeneratedFile,
} from "../shared/src/registry-files";
import { serviceUrls, startPlan } from "../scripts/start-plan";
import { agencyUrlsOf, familyIndexEnv, familyIndexEnvFor } from "../subgraphs/family-index/src/config";
import { AgencyName, agencyNameEnum } from "../subgraphs/family-index/src/entities/enums";
import { linkListFields } from "../subgraphs/family-index/src/entities/person/person-link-lists.resolver";
import { DEMOGRAPHICS_PREFERENCE, demographicsPreference } from "../subgraphs/family-index/src/linkage/link";
import { buildSchema as familyIndexSchema } from "../subgraphs/family-index/src/server";
import { secretEnv } from "./support/secrets";

const root = path.join(__dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

/** Services docker compose runs besides the registry's: the database, the cache and the seeding job. */
const COMPOSE_INFRASTRUCTURE = ["postgres", "redis", "seed"];
/** URL settings that are not a registry service's. */
const OTHER_URL_SETTINGS = ["REDIS_URL", "AUDIT_DATABASE_URL", "OIDC_JWKS_URL"];

/** Each service's block of lines under `services:` (two-space indented keys), by name. */
function composeServices(text: string): Map<string, string> {
  const lines = text.split("\n");
  const blocks = new Map<string, string>();
  let current: string | null = null;
  for (const line of lines.slice(lines.indexOf("services:") + 1)) {
    if (/^\S/.test(line)) break;
    const header = /^ {2}([a-z][a-z-]*):\s*$/.exec(line);
    if (header) blocks.set((current = header[1]), "");
    else if (current) blocks.set(current, `${blocks.get(current)}${line}\n`);
  }
  return blocks;
}

/** The settings every service gets (the `environment: &env` anchor), by name. */
function composeSharedEnv(text: string): Map<string, string> {
  const lines = text.split("\n");
  const env = new Map<string, string>();
  for (const line of lines.slice(lines.findIndex((l) => /environment: &env\s*$/.test(l)) + 1)) {
    if (!/^ {4}/.test(line)) break;
    const setting = /^ {4}([A-Z][A-Z0-9_]*): (.*)$/.exec(line);
    if (setting) env.set(setting[1], setting[2]);
  }
  return env;
}

/** What docker-compose.yml gets wrong about a registry: nothing when they agree. */
function composeProblems(text: string, registry: ServiceRegistry): string[] {
  const problems: string[] = [];
  const services = composeServices(text);
  const env = composeSharedEnv(text);
  for (const s of subgraphsOf(registry)) {
    if (env.get(urlSetting(s)) !== `http://${s.name}:${s.port}`)
      problems.push(`${urlSetting(s)} is ${env.get(urlSetting(s)) ?? "missing"}, not http://${s.name}:${s.port}`);
    const database = databaseSetting(s);
    if (database && env.get(database) !== composeDatabaseUrl(s.database!))
      problems.push(`${database} is ${env.get(database) ?? "missing"}, not ${composeDatabaseUrl(s.database!)}`);
    const block = services.get(s.name);
    if (!block) {
      problems.push(`no service ${s.name}`);
      continue;
    }
    if (!block.includes(`command: ["node", "${s.dir}/dist/index.js"]`))
      problems.push(`${s.name} does not run ${s.dir}`);
    if (!block.includes(`PORT: "${s.port}"`)) problems.push(`${s.name} does not listen on ${s.port}`);
    if (!block.includes(`fetch('http://127.0.0.1:${s.port}/ready')`))
      problems.push(`${s.name} is not probed on ${s.port}`);
    if (s.usesRedis && !/redis: \{ condition: service_healthy \}/.test(block))
      problems.push(`${s.name} does not wait for Redis`);
  }
  const gateway = services.get(registry.gateway.name);
  const port = registry.gateway.port;
  if (!gateway) problems.push(`no service ${registry.gateway.name}`);
  else {
    if (!gateway.includes(`command: ["node", "${registry.gateway.dir}/dist/index.js"]`))
      problems.push(`the gateway does not run ${registry.gateway.dir}`);
    if (!gateway.includes(`PORT: "${port}"`)) problems.push(`the gateway does not listen on ${port}`);
    if (!gateway.includes(`ports: ["127.0.0.1:${port}:${port}"]`))
      problems.push(`the gateway is not published on ${port}`);
  }
  const known = new Set([
    ...COMPOSE_INFRASTRUCTURE,
    ...subgraphsOf(registry).map((s) => s.name),
    registry.gateway.name,
  ]);
  for (const name of services.keys()) if (!known.has(name)) problems.push(`service ${name} is not in the registry`);
  problems.push(...strayServiceSettings([...env.keys()], registry));
  return problems;
}

/** `<PREFIX>_URL`, `_PORT` and `_DATABASE_URL` settings naming no service of the registry. */
function strayServiceSettings(names: string[], registry: ServiceRegistry): string[] {
  const known = new Set([
    ...OTHER_URL_SETTINGS,
    "PORT",
    ...subgraphsOf(registry).flatMap((s) => [urlSetting(s), portSetting(s, registry), databaseSetting(s) ?? ""]),
  ]);
  return names.filter((n) => /_(URL|PORT)$/.test(n) && !known.has(n)).map((n) => `${n} names no registry service`);
}

/** What an .env.example gets wrong about a registry's settings (defaults on this machine). */
function envExampleProblems(text: string, registry: ServiceRegistry): string[] {
  const problems: string[] = [];
  const settings = new Map<string, string>();
  for (const line of text.split("\n")) {
    const setting = /^([A-Z][A-Z0-9_]*)=(\S*)/.exec(line);
    if (!setting) continue;
    if (settings.has(setting[1])) problems.push(`${setting[1]} is set twice`);
    settings.set(setting[1], setting[2]);
  }
  const expect = (name: string, value: string | null) => {
    if (!settings.has(name)) problems.push(`${name} is missing`);
    else if (value !== null && settings.get(name) !== value)
      problems.push(`${name} is ${settings.get(name)}, not ${value}`);
  };
  expect("PORT", String(registry.gateway.port));
  for (const s of subgraphsOf(registry)) {
    expect(urlSetting(s), `http://127.0.0.1:${s.port}`);
    expect(portSetting(s, registry), String(s.port));
    const database = databaseSetting(s);
    if (database) expect(database, null);
  }
  problems.push(...strayServiceSettings([...settings.keys()], registry));
  return problems;
}

/** The databases docker/postgres-init.sql does not create. */
function initSqlProblems(text: string, registry: ServiceRegistry): string[] {
  return subgraphsOf(registry)
    .filter((s) => s.database && !new RegExp(`^CREATE DATABASE ${s.database};$`, "m").test(text))
    .map((s) => `no database ${s.database} for ${s.name}`);
}

/** What the README's service table gets wrong: each service a row with its port and its README. */
function serviceTableProblems(text: string, registry: ServiceRegistry): string[] {
  const start = text.indexOf("<!-- registry:services:start -->");
  const rows = text
    .slice(start, text.indexOf("<!-- registry:services:end -->"))
    .split("\n")
    .filter((l) => l.startsWith("| `"))
    .map((l) => l.split("|").map((c) => c.trim()));
  return [registry.gateway, ...subgraphsOf(registry)].flatMap((s) => {
    const row = rows.find((r) => r[1] === `\`${s.name}\``);
    if (!row) return [`no row for ${s.name}`];
    return row[2] === String(s.port) && row[4] === `[${s.dir}](${s.dir}/README.md)`
      ? []
      : [`the row of ${s.name} is ${row.join("|")}`];
  });
}

/** The deployment files and docs as they are on disk. */
const onDisk = {
  compose: read("docker-compose.yml"),
  env: read(".env.example"),
  familyIndexEnv: read(path.join(REGISTRY.familyIndex.dir, ".env.example")),
  initSql: read("docker/postgres-init.sql"),
  readme: read("README.md"),
};

/** Every problem the files have with a registry. */
function fileProblems(files: typeof onDisk, registry: ServiceRegistry): string[] {
  return [
    ...composeProblems(files.compose, registry).map((p) => `docker-compose.yml: ${p}`),
    ...envExampleProblems(files.env, registry).map((p) => `.env.example: ${p}`),
    ...registry.agencies
      .filter((a) => !files.familyIndexEnv.includes(`\n${urlSetting(a)}=http://127.0.0.1:${a.port}\n`))
      .map((a) => `family-index/.env.example: ${urlSetting(a)} is missing`),
    ...initSqlProblems(files.initSql, registry).map((p) => `postgres-init.sql: ${p}`),
    ...serviceTableProblems(files.readme, registry).map((p) => `README.md: ${p}`),
  ];
}

/** The files with their generated parts written for a registry, in memory. */
function regenerated(registry: ServiceRegistry): typeof onDisk {
  const byFile = new Map(registryFiles(registry).map((f) => [f.file, f]));
  const render = (file: string, text: string) => withGeneratedParts(text, byFile.get(file)!);
  return {
    compose: render("docker-compose.yml", onDisk.compose),
    env: render(".env.example", onDisk.env),
    familyIndexEnv: render(`${registry.familyIndex.dir}/.env.example`, onDisk.familyIndexEnv),
    initSql: render("docker/postgres-init.sql", onDisk.initSql),
    readme: render("README.md", onDisk.readme),
  };
}

describe("the service registry", () => {
  it("is sound: no name, port, settings prefix, database, field group or schema name used twice", () => {
    expect(registryProblems()).toEqual([]);
  });

  it("names a folder with a package and an entry point for every service", () => {
    for (const s of [...subgraphsOf(), REGISTRY.gateway]) {
      expect(fs.existsSync(path.join(root, s.dir, "src", "index.ts"))).toBe(true);
      expect(JSON.parse(read(path.join(s.dir, "package.json"))).name).toBe(`@ffd/${s.name}`);
    }
  });

  it.each(registryFiles().map((f): [string, GeneratedFile] => [f.file, f]))(
    "has written %s's generated parts, and they are current (npm run registry:generate)",
    (file, generated) => {
      const text = read(file);
      expect(missingParts(text, generated)).toEqual([]);
      expect(withGeneratedParts(text, generated)).toBe(text);
    },
  );

  it("agrees with docker-compose.yml, .env.example, postgres-init.sql and the README as a whole", () => {
    expect(fileProblems(onDisk, REGISTRY)).toEqual([]);
  });

  it("has every family-index setting documented in family-index's README and every shared one in .env.example", () => {
    const documented = (text: string, name: string) => new RegExp(`(^|[^A-Z_])${name}([^A-Z_]|$)`).test(text);
    const familyIndexReadme = read(path.join(REGISTRY.familyIndex.dir, "README.md"));
    for (const name of Object.keys(familyIndexEnv.shape)) {
      const isAgencyUrl = AGENCY_SERVICES.some((a) => urlSetting(a) === name);
      // The agency URLs are one row (`<PREFIX>_URL`) in the README, each a line of .env.example.
      if (!isAgencyUrl && !(name in baseEnv)) expect([name, documented(familyIndexReadme, name)]).toEqual([name, true]);
      expect([name, documented(onDisk.env, name)]).toEqual([name, true]);
    }
  });

  it("is what family-index serves: an AgencyName value and an @inaccessible link list per agency", async () => {
    const schema = await familyIndexSchema();
    const agencyName = schema.getType("AgencyName") as GraphQLEnumType;
    expect(agencyName.getValues().map((v) => [v.name, v.description])).toEqual(
      AGENCY_SERVICES.map((a) => [a.enumValue, a.system]),
    );
    const person = schema.getType("Person") as GraphQLObjectType;
    const linkLists = Object.keys(person.getFields()).filter((f) => f.endsWith("RecordIds"));
    expect(linkLists).toEqual(AGENCY_SERVICES.map((a) => a.linkListField));
    expect(graphqlSync({ schema, source: getIntrospectionQuery() }).errors).toBeUndefined();
  });
});

/** A hypothetical sixth agency (children's social care is the fifth), as `npm run agency:new` would write its row. */
const YOUTH_JUSTICE: AgencyEntry = {
  name: "youth-justice",
  dir: "subgraphs/youth-justice",
  port: 4007,
  envPrefix: "YOUTH_JUSTICE",
  label: "youth justice",
  title: "Youth justice",
  fronts: "the youth justice case system",
  database: "youth_justice",
  fieldGroup: "youthJustice",
  personField: "youthJustice",
  linkListField: "youthJusticeRecordIds",
  enumValue: "YOUTH_JUSTICE",
  system: "The youth offending service's case system (referral orders, out-of-court disposals).",
  demographicsRank: 5,
};

describe("a further agency is one registry row", () => {
  const sixth = withAgency(REGISTRY, YOUTH_JUSTICE);

  it("fits the registry, and a row that clashes with another is refused, naming the clash", () => {
    expect(registryProblems(sixth)).toEqual([]);
    expect(() => withAgency(REGISTRY, { ...YOUTH_JUSTICE, port: 4002 })).toThrow(/port 4002 is used twice/);
    expect(() => withAgency(REGISTRY, { ...YOUTH_JUSTICE, linkListField: "maternityRecordIds" })).toThrow(
      /link list field maternityRecordIds is used twice/,
    );
  });

  it("npm start runs it before family-index, on its port or <PREFIX>_PORT, and tells every service its URL", () => {
    const plan = startPlan(sixth, {});
    expect(plan.map((s) => s.name)).toEqual([
      ...AGENCY_SERVICES.map((a) => a.name),
      YOUTH_JUSTICE.name,
      "family-index",
      "gateway",
    ]);
    expect(plan.find((s) => s.name === YOUTH_JUSTICE.name)).toMatchObject({
      entry: "subgraphs/youth-justice/dist/index.js",
      readyUrl: "http://127.0.0.1:4007/ready",
    });
    const moved = { YOUTH_JUSTICE_PORT: "6007" };
    expect(startPlan(sixth, moved).find((s) => s.name === YOUTH_JUSTICE.name)!.port).toBe(6007);
    expect(serviceUrls(sixth, moved)).toMatchObject({ YOUTH_JUSTICE_URL: "http://127.0.0.1:6007" });
    expect(startPlan(REGISTRY, {}).map((s) => s.name)).not.toContain(YOUTH_JUSTICE.name);
  });

  it("family-index reads its identity feed at YOUTH_JUSTICE_URL, and refuses a bad one naming it", () => {
    const env = familyIndexEnvFor(sixth.agencies);
    const config = env.parse({ ...secretEnv() }) as Record<string, unknown>;
    expect(config.YOUTH_JUSTICE_URL).toBe("http://127.0.0.1:4007");
    expect(agencyUrlsOf({ ...config, YOUTH_JUSTICE_URL: "http://yj.internal:80" }, sixth.agencies)).toEqual({
      maternity: "http://127.0.0.1:4002",
      "health-visiting": "http://127.0.0.1:4003",
      "childrens-centres": "http://127.0.0.1:4004",
      "childrens-social-care": "http://127.0.0.1:4006",
      registration: "http://127.0.0.1:4005",
      "youth-justice": "http://yj.internal:80",
    });
    const refused = env.safeParse({ ...secretEnv(), YOUTH_JUSTICE_URL: "yj.internal" });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "YOUTH_JUSTICE_URL: must be an http(s) URL",
    ]);
    // The committed registry's configuration has no such setting.
    expect(Object.keys(familyIndexEnv.shape)).not.toContain("YOUTH_JUSTICE_URL");
    expect(() => agencyUrlsOf(familyIndexEnv.parse({ ...secretEnv() }), sixth.agencies)).toThrow(
      "family-index has no YOUTH_JUSTICE_URL setting",
    );
  });

  it("family-index's AgencyName gains its value, documented, and a link list is declared for it", () => {
    const names = agencyNameEnum(sixth.agencies);
    expect(Object.keys(names.values)).toEqual([...Object.keys(AgencyName), "YOUTH_JUSTICE"]);
    expect(names.valuesConfig.YOUTH_JUSTICE).toEqual({ description: YOUTH_JUSTICE.system });
    expect(linkListFields(sixth.agencies).at(-1)).toEqual({
      field: "youthJusticeRecordIds",
      agency: "youth-justice",
      description: "Local ids of the person's youth justice records (for the youth-justice subgraph).",
    });
    expect(Object.keys(AgencyName)).toEqual(AGENCY_SERVICES.map((a) => a.enumValue));
  });

  it("family-index's linkage takes its demographics at the rank its row gives, after the register's", () => {
    expect(DEMOGRAPHICS_PREFERENCE).toEqual([
      "registration",
      "maternity",
      "health-visiting",
      "childrens-centres",
      "childrens-social-care",
    ]);
    expect(demographicsPreference(sixth.agencies)).toEqual([...DEMOGRAPHICS_PREFERENCE, "youth-justice"]);
    const trustedFirst = withAgency(REGISTRY, { ...YOUTH_JUSTICE, demographicsRank: -1 });
    expect(demographicsPreference(trustedFirst.agencies)[0]).toBe("youth-justice");
    expect(() => withAgency(REGISTRY, { ...YOUTH_JUSTICE, demographicsRank: 0 })).toThrow(
      /demographics rank 0 is used twice/,
    );
  });

  it("the access policy gets a field group for it, answered for and worded in FORBIDDEN errors by the registry", () => {
    expect(fieldGroupsOf(sixth.agencies)).toEqual([
      ...FIELD_GROUPS.slice(0, -2),
      "youthJustice",
      ...FIELD_GROUPS.slice(-2),
    ]);
    expect(groupServicesOf(sixth)).toEqual({ ...GROUP_SERVICE, youthJustice: "youth-justice" });
    expect(groupLabelsOf(sixth)).toEqual({ ...GROUP_LABEL, youthJustice: "youth justice data" });
  });

  it("the deployment files and docs generated for it agree with it, and the committed ones are found lacking", () => {
    const files = regenerated(sixth);
    expect(fileProblems(files, sixth)).toEqual([]);
    expect(files.compose).toContain("YOUTH_JUSTICE_URL: http://youth-justice:4007");
    expect(files.initSql).toContain("CREATE DATABASE youth_justice;");
    expect(fileProblems(onDisk, sixth)).toEqual([
      "docker-compose.yml: YOUTH_JUSTICE_URL is missing, not http://youth-justice:4007",
      "docker-compose.yml: YOUTH_JUSTICE_DATABASE_URL is missing, not postgres://postgres:postgres@postgres:5432/youth_justice",
      "docker-compose.yml: no service youth-justice",
      ".env.example: YOUTH_JUSTICE_URL is missing",
      ".env.example: YOUTH_JUSTICE_PORT is missing",
      ".env.example: YOUTH_JUSTICE_DATABASE_URL is missing",
      "family-index/.env.example: YOUTH_JUSTICE_URL is missing",
      "postgres-init.sql: no database youth_justice for youth-justice",
      "README.md: no row for youth-justice",
    ]);
  });
});
