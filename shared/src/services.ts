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
}

/** The agencies, in family-index's fixed linkage order (a person's anchor record is the first). */
export const AGENCY_SERVICES = [
  {
    name: "maternity",
    dir: "subgraphs/maternity",
    port: 4002,
    envPrefix: "MATERNITY",
    label: "maternity",
    title: "Maternity",
    fieldGroup: "maternity",
    personField: "maternity",
    linkListField: "maternityRecordIds",
    enumValue: "MATERNITY",
    system: "The maternity information system (mothers, pregnancies, babies).",
  },
  {
    name: "health-visiting",
    dir: "subgraphs/health-visiting",
    port: 4003,
    envPrefix: "HEALTH_VISITING",
    label: "health visiting",
    title: "Health visiting",
    fieldGroup: "healthVisiting",
    personField: "healthVisiting",
    linkListField: "healthVisitingRecordIds",
    enumValue: "HEALTH_VISITING",
    system: "The health visiting service's community patient system.",
  },
  {
    name: "childrens-centres",
    dir: "subgraphs/childrens-centres",
    port: 4004,
    envPrefix: "CHILDRENS_CENTRES",
    label: "children's centres",
    title: "Children's centres",
    fieldGroup: "childrensCentres",
    personField: "childrensCentres",
    linkListField: "childrensCentresRecordIds",
    enumValue: "CHILDRENS_CENTRES",
    system: "The children's centres' case system (households and members).",
  },
  {
    name: "registration",
    dir: "subgraphs/registration",
    port: 4005,
    envPrefix: "REGISTRATION",
    label: "birth registration",
    title: "Birth registration",
    fieldGroup: "birthRegistration",
    personField: "birthRegistration",
    linkListField: "registrationRecordIds",
    enumValue: "REGISTRATION",
    system: "Birth registration (Registration Online entries).",
  },
] as const satisfies readonly AgencyEntry[];

/** family-index: links, minimum demographics and care units; the search and the family. */
export const FAMILY_INDEX_SERVICE = {
  name: "family-index",
  dir: "subgraphs/family-index",
  port: 4001,
  envPrefix: "FAMILY_INDEX",
  label: "family index",
} as const satisfies ServiceEntry;

/** The gateway: the one endpoint clients call (`PORT`, default 4000), serving the staff app too. */
export const GATEWAY_SERVICE = {
  name: "gateway",
  dir: "gateway",
  port: 4000,
  envPrefix: "GATEWAY",
  label: "gateway",
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
