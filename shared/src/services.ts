/**
 * THE SERVICE REGISTRY: every service of the federation, written once. `npm start`, composition,
 * the gateway's subgraph list and settings, family-index's identity feeds, its `AgencyName` enum
 * and `Person.*RecordIds` link lists, the test harness, docker-compose, `.env.example` and the
 * README's tables all read this list (a test fails where a copy disagrees with it).
 *
 * Adding an agency starts with one row in `AGENCY_SERVICES` (`npm run agency:new` writes it).
 * Pure data: no I/O, no imports, so that plain scripts and every package can read it.
 */

/** A service the gateway plans queries over, or the gateway itself. */
export interface ServiceEntry {
  /** Folder, package and supergraph name, e.g. `health-visiting`. */
  readonly name: string;
  /** The service's folder from the repository root. */
  readonly dir: string;
  /** Default port on this machine (`<ENV_PREFIX>_PORT` overrides it under `npm start`). */
  readonly port: number;
  /**
   * Prefix of the service's settings: `<prefix>_URL` (where others reach it), `<prefix>_PORT`
   * and, for an agency, `<prefix>_DATABASE_URL` (its system's PostgreSQL).
   */
  readonly envPrefix: string;
  /** Lower-case words for messages: "the health visiting system is unavailable". */
  readonly label: string;
  /** What the service fronts, for the README's service table. */
  readonly fronts: string;
  /**
   * The service's own PostgreSQL database under docker compose (docker/postgres-init.sql), named by
   * the setting `<prefix>_DATABASE_URL`; absent for a service with no database of its own.
   */
  readonly database?: string;
  /** It keeps a cross-request cache (reference data, records) in Redis when `REDIS_URL` is set (compose starts Redis first). */
  readonly usesRedis?: boolean;
}

/** An agency: a subgraph over one agency's own system, extending `Person` with one field. */
export interface AgencyEntry extends ServiceEntry {
  /** The access policy's field group for everything the agency serves. */
  readonly fieldGroup: string;
  /** The `Person` field the agency's subgraph owns, e.g. `healthVisiting`. */
  readonly personField: string;
  /** family-index's `Person` field listing the person's local ids in this agency's system. */
  readonly linkListField: string;
  /** The agency's value of family-index's `AgencyName` enum. */
  readonly enumValue: string;
  /** What the agency's system is, for the enum's documentation. */
  readonly system: string;
  /** Title-case name for people: "Health visiting system is not answering". */
  readonly title: string;
  /**
   * Where the agency's demographics come when family-index picks a person's best name, date of
   * birth and so on from their linked records: lower first (the register of births, the most
   * authoritative, is 0).
   */
  readonly demographicsRank: number;
}

/** The agencies, in family-index's fixed linkage order (a person's anchor record is the first). */
export const AGENCY_SERVICES = [
  {
    name: "maternity",
    dir: "subgraphs/maternity",
    port: 4002,
    envPrefix: "MATERNITY",
    label: "maternity",
    fronts: "the maternity information system (MSDS)",
    database: "maternity",
    usesRedis: true,
    title: "Maternity",
    fieldGroup: "maternity",
    personField: "maternity",
    linkListField: "maternityRecordIds",
    enumValue: "MATERNITY",
    system: "The maternity information system (mothers, pregnancies, babies).",
    demographicsRank: 1,
  },
  {
    name: "health-visiting",
    dir: "subgraphs/health-visiting",
    port: 4003,
    envPrefix: "HEALTH_VISITING",
    label: "health visiting",
    fronts: "the health visiting patient system",
    database: "health_visiting",
    usesRedis: true,
    title: "Health visiting",
    fieldGroup: "healthVisiting",
    personField: "healthVisiting",
    linkListField: "healthVisitingRecordIds",
    enumValue: "HEALTH_VISITING",
    system: "The health visiting service's community patient system.",
    demographicsRank: 2,
  },
  {
    name: "childrens-centres",
    dir: "subgraphs/childrens-centres",
    port: 4004,
    envPrefix: "CHILDRENS_CENTRES",
    label: "children's centres",
    fronts: "the children's centres case system",
    database: "childrens_centres",
    usesRedis: true,
    title: "Children's centres",
    fieldGroup: "childrensCentres",
    personField: "childrensCentres",
    linkListField: "childrensCentresRecordIds",
    enumValue: "CHILDRENS_CENTRES",
    system: "The children's centres' case system (households and members).",
    demographicsRank: 3,
  },
  {
    name: "registration",
    dir: "subgraphs/registration",
    port: 4005,
    envPrefix: "REGISTRATION",
    label: "birth registration",
    fronts: "birth registration (Registration Online)",
    database: "registration",
    usesRedis: true,
    title: "Birth registration",
    fieldGroup: "birthRegistration",
    personField: "birthRegistration",
    linkListField: "registrationRecordIds",
    enumValue: "REGISTRATION",
    system: "Birth registration (Registration Online entries).",
    demographicsRank: 0,
  },
  {
    name: "childrens-social-care",
    dir: "subgraphs/childrens-social-care",
    port: 4006,
    envPrefix: "CHILDRENS_SOCIAL_CARE",
    label: "children's social care",
    fronts: "the children's social care case management system (CP-IS flags)",
    database: "childrens_social_care",
    usesRedis: true,
    title: "Children's social care",
    fieldGroup: "childrensSocialCare",
    personField: "childrensSocialCare",
    linkListField: "childrensSocialCareRecordIds",
    enumValue: "CHILDRENS_SOCIAL_CARE",
    system: "The children's social care case management system (children in need, child protection, looked after).",
    demographicsRank: 4,
  },
] as const satisfies readonly AgencyEntry[];

/** family-index: links, minimum demographics and care units; the search and the family. */
export const FAMILY_INDEX_SERVICE = {
  name: "family-index",
  dir: "subgraphs/family-index",
  port: 4001,
  envPrefix: "FAMILY_INDEX",
  label: "family index",
  fronts: "the link store (no agency data)",
  database: "family_index",
} as const satisfies ServiceEntry;

/** The gateway: the one endpoint clients call (`PORT`, default 4000), serving the staff app too. */
export const GATEWAY_SERVICE = {
  name: "gateway",
  dir: "gateway",
  port: 4000,
  envPrefix: "GATEWAY",
  label: "gateway",
  fronts: "the graph clients use",
} as const satisfies ServiceEntry;

/** The subgraphs the gateway plans over (the audit subgraph, served by the gateway, aside). */
export const SUBGRAPH_SERVICES = [FAMILY_INDEX_SERVICE, ...AGENCY_SERVICES] as const;

/** Every process `npm start` runs, in start order (agencies first, the gateway last). */
export const RUN_ORDER: readonly ServiceEntry[] = [...AGENCY_SERVICES, FAMILY_INDEX_SERVICE, GATEWAY_SERVICE];

export type AgencyService = (typeof AGENCY_SERVICES)[number];

/** The registry row of one agency, by name; throws on a name that is not an agency. */
export function agencyService(name: string): AgencyService {
  const found = AGENCY_SERVICES.find((a) => a.name === name);
  if (!found) throw new Error(`"${name}" is not an agency of the service registry.`);
  return found;
}

/**
 * The whole registry as one value. Everything that reads it takes it as a parameter defaulting to
 * `REGISTRY`, so a test can hand a consumer a registry with another agency in it (`withAgency`)
 * and see the consumer pick the row up, without touching the files or the modules' state.
 */
export interface ServiceRegistry {
  /** In family-index's fixed linkage order. */
  readonly agencies: readonly AgencyEntry[];
  readonly familyIndex: ServiceEntry;
  readonly gateway: ServiceEntry;
}

export const REGISTRY = {
  agencies: AGENCY_SERVICES,
  familyIndex: FAMILY_INDEX_SERVICE,
  gateway: GATEWAY_SERVICE,
} as const satisfies ServiceRegistry;

/** The subgraphs the gateway plans over: family-index, then the agencies. */
export function subgraphsOf(registry: ServiceRegistry = REGISTRY): readonly ServiceEntry[] {
  return [registry.familyIndex, ...registry.agencies];
}

/** Every process `npm start` runs, in start order (agencies first, the gateway last). */
export function runOrderOf(registry: ServiceRegistry = REGISTRY): readonly ServiceEntry[] {
  return [...registry.agencies, registry.familyIndex, registry.gateway];
}

/** Where the other services reach this one: `<prefix>_URL` (a base URL, no path). */
export function urlSetting(service: ServiceEntry): string {
  return `${service.envPrefix}_URL`;
}

/**
 * The port `npm start` gives the service: `<prefix>_PORT`, except the gateway's, which is `PORT`
 * (the one endpoint clients call). Under docker compose every service reads `PORT` in its container.
 */
export function portSetting(service: ServiceEntry, registry: ServiceRegistry = REGISTRY): string {
  return service.name === registry.gateway.name ? "PORT" : `${service.envPrefix}_PORT`;
}

/** The setting naming the service's own PostgreSQL database, `<prefix>_DATABASE_URL`; null without one. */
export function databaseSetting(service: ServiceEntry): string | null {
  return service.database ? `${service.envPrefix}_DATABASE_URL` : null;
}

/** The problems of a registry (names, ports, settings or schema names used twice, badly formed); none for a sound one. */
export function registryProblems(registry: ServiceRegistry = REGISTRY): string[] {
  const problems: string[] = [];
  const all = runOrderOf(registry);
  const unique = (what: string, values: readonly unknown[]) => {
    const seen = new Set<unknown>();
    for (const v of values) {
      if (seen.has(v)) problems.push(`${what} ${String(v)} is used twice`);
      seen.add(v);
    }
  };
  unique(
    "name",
    all.map((s) => s.name),
  );
  unique(
    "folder",
    all.map((s) => s.dir),
  );
  unique(
    "port",
    all.map((s) => s.port),
  );
  unique(
    "settings prefix",
    all.map((s) => s.envPrefix),
  );
  unique(
    "database",
    all.flatMap((s) => (s.database ? [s.database] : [])),
  );
  unique(
    "field group",
    registry.agencies.map((a) => a.fieldGroup),
  );
  unique(
    "Person field",
    registry.agencies.map((a) => a.personField),
  );
  unique(
    "link list field",
    registry.agencies.map((a) => a.linkListField),
  );
  unique(
    "AgencyName value",
    registry.agencies.map((a) => a.enumValue),
  );
  unique(
    "demographics rank",
    registry.agencies.map((a) => a.demographicsRank),
  );
  for (const s of all) {
    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(s.name)) problems.push(`name "${s.name}" is not lower-case-with-hyphens`);
    if (!/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(s.envPrefix))
      problems.push(`settings prefix "${s.envPrefix}" of ${s.name} is not UPPER_SNAKE_CASE`);
    if (!Number.isInteger(s.port) || s.port < 1 || s.port > 65535)
      problems.push(`port ${s.port} of ${s.name} is not a port`);
    if (s.database !== undefined && !/^[a-z][a-z0-9_]*$/.test(s.database))
      problems.push(`database "${s.database}" of ${s.name} is not a plain PostgreSQL name`);
  }
  for (const a of registry.agencies) {
    if (a.dir !== `subgraphs/${a.name}`) problems.push(`agency ${a.name} is not in subgraphs/${a.name}`);
    if (!a.database) problems.push(`agency ${a.name} names no database`);
    if (!/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(a.enumValue))
      problems.push(`AgencyName value "${a.enumValue}" of ${a.name} is not UPPER_SNAKE_CASE`);
    for (const [what, field] of [
      ["field group", a.fieldGroup],
      ["Person field", a.personField],
      ["link list field", a.linkListField],
    ] as const)
      if (!/^[a-z][a-zA-Z0-9]*$/.test(field)) problems.push(`${what} "${field}" of ${a.name} is not camelCase`);
    if (!a.linkListField.endsWith("RecordIds"))
      problems.push(`link list field "${a.linkListField}" does not end in RecordIds`);
  }
  return problems;
}

/**
 * The registry with one more agency, appended to the linkage order; throws when the row clashes
 * with the others. For tests and the scaffold: the committed registry is the rows above.
 */
export function withAgency(registry: ServiceRegistry, agency: AgencyEntry): ServiceRegistry {
  const next: ServiceRegistry = { ...registry, agencies: [...registry.agencies, agency] };
  const problems = registryProblems(next);
  if (problems.length) throw new Error(`The registry row for "${agency.name}" does not fit: ${problems.join("; ")}.`);
  return next;
}
