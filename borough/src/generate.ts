import { AGENCIES, type Agency } from "@ffd/shared";
import { buildChildrensCentres } from "./build/childrens-centres";
import { buildChildrensSocialCare } from "./build/childrens-social-care";
import type { BuildContext } from "./build/common";
import { buildHealthVisiting } from "./build/health-visiting";
import { buildMaternity } from "./build/maternity";
import { buildRegistration } from "./build/registration";
import { dayOf } from "./days";
import { buildGeography } from "./geography";
import { NoiseStats, noiseRates } from "./noise";
import { NhsAllocator, randomFamily, type Family, type PopulationContext } from "./population";
import { buildStoryFamilies, reserveStories, STORY_FAMILIES } from "./stories";
import { trueIdentity, type TrueIdentity } from "./truth";
import type { AgencyDatabase, Borough, BoroughOptions, TruthRecord } from "./types";

// Globals bound once: global lookups are slow inside test sandboxes (vm contexts).
const M = Math;
const Str = String;

export const DEFAULT_FAMILIES = 2000;
export const MAX_FAMILIES = 1_000_000;

/** The borough with what the generator knows and the agencies do not: for tests and evaluation. */
export interface GeneratedBorough {
  borough: Borough;
  /** Every person's true identity, by person id. */
  identities: Map<string, TrueIdentity>;
  /** Families, story families first. */
  families: readonly Family[];
  /** Per agency and noise kind: records that could carry it and records that do. */
  noiseStats: NoiseStats;
}

export function validateOptions(options: BoroughOptions): BoroughOptions {
  const problems: string[] = [];
  if (!Number.isSafeInteger(options.seed)) problems.push(`seed must be an integer, not ${Str(options.seed)}`);
  if (!Number.isInteger(options.families) || options.families < 0 || options.families > MAX_FAMILIES) {
    problems.push(`families must be a whole number from 0 to ${MAX_FAMILIES}, not ${Str(options.families)}`);
  }
  try {
    const d = dayOf(options.referenceDate);
    if (d < dayOf("1950-01-01") || d > dayOf("2200-12-31"))
      problems.push(`referenceDate ${options.referenceDate} is out of range`);
  } catch {
    problems.push(`referenceDate must be a date as YYYY-MM-DD, not ${Str(options.referenceDate)}`);
  }
  if (options.noise !== "default" && options.noise !== "hard")
    problems.push(`noise must be "default" or "hard", not ${Str(options.noise)}`);
  if (problems.length) throw new RangeError(`Invalid borough options: ${problems.join("; ")}.`);
  return options;
}

/**
 * The builder of each agency's synthetic system. An agency of the service registry with no
 * builder yet (one just added by `npm run agency:new`) gets an empty database and no truth: the
 * synthetic borough holds nothing for it until its builder is written here.
 */
const BUILDERS: Readonly<
  Partial<Record<Agency, (build: BuildContext) => { database: AgencyDatabase; truth: TruthRecord[] }>>
> = {
  maternity: buildMaternity,
  "health-visiting": buildHealthVisiting,
  "childrens-centres": buildChildrensCentres,
  registration: buildRegistration,
  "childrens-social-care": buildChildrensSocialCare,
};

/**
 * Generates the synthetic borough: the four agency systems' databases and the ground truth.
 * Deterministic: the same options give byte-identical output. `families` counts households,
 * the story families (always present) included.
 */
export function generateBorough(options: BoroughOptions): Borough {
  return generate(options, false).borough;
}

/** The borough with the true identities and noise counters (for tests and evaluation). */
export function generateBoroughDetailed(options: BoroughOptions): GeneratedBorough {
  return generate(options, true);
}

/**
 * One agency's system alone, as generateBorough would give it: the same population, with only
 * that agency's builder run (each builder draws from its own random streams and reads the
 * population without changing it). What an agency's embedded database is seeded from: an agency
 * process need not build the other agencies' systems, nor hold them.
 */
export function generateAgencyDatabase(options: BoroughOptions, agency: Agency): AgencyDatabase {
  const { build } = population(options);
  return buildAgency(agency, build).database;
}

/** The borough's people and places, and what every agency's builder is given. */
function population(options: BoroughOptions): { families: Family[]; build: BuildContext } {
  validateOptions(options);
  const reference = dayOf(options.referenceDate);
  const geography = buildGeography(options.seed, options.families);
  const ctx: PopulationContext = {
    seed: options.seed,
    reference,
    noise: options.noise,
    geography,
    nhs: new NhsAllocator(options.seed),
    reserved: new Set(),
    reservedGivens: new Set(),
  };
  reserveStories(ctx);
  const families: Family[] = buildStoryFamilies(ctx);
  const randomCount = M.max(0, options.families - STORY_FAMILIES.length);
  for (let i = 1; i <= randomCount; i++) families.push(randomFamily(ctx, i));

  const build: BuildContext = {
    seed: options.seed,
    reference,
    level: options.noise,
    geography,
    rates: noiseRates(options.noise),
    stats: new NoiseStats(),
    families,
  };
  return { families, build };
}

function buildAgency(agency: Agency, build: BuildContext): { database: AgencyDatabase; truth: TruthRecord[] } {
  const builder = BUILDERS[agency];
  return builder ? builder(build) : { database: { agency, schema: "", tables: [] }, truth: [] };
}

function generate(options: BoroughOptions, withIdentities: boolean): GeneratedBorough {
  const { families, build } = population(options);
  const parts = Object.fromEntries(AGENCIES.map((a) => [a, buildAgency(a, build)])) as Record<
    Agency,
    { database: AgencyDatabase; truth: TruthRecord[] }
  >;
  const truth: TruthRecord[] = [];
  for (const a of AGENCIES) for (const t of parts[a].truth) truth.push(t);

  const identities = new Map<string, TrueIdentity>();
  for (const f of withIdentities ? families : []) {
    for (const p of [f.mother, f.partner, ...f.grandparents, ...f.children])
      if (p) identities.set(p.id, trueIdentity(f, p));
  }
  const databases = Object.fromEntries(AGENCIES.map((a) => [a, parts[a].database])) as Record<Agency, AgencyDatabase>;
  return { borough: { options: { ...options }, databases, truth }, identities, families, noiseStats: build.stats };
}
