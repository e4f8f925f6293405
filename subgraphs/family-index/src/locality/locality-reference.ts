import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

/**
 * The locality reference: which children's centre reaches each postcode sector, the cluster and
 * locality of each centre, and the English Index of Multiple Deprivation decile of each small
 * area. Public reference data (the council publishes its centres' reach areas; the IMD is
 * published by small area), not personal data, read from a file (LOCALITY_REFERENCE_FILE) when
 * family-index starts and held in memory: a locality's sectors are known without a query, so a
 * list filtered by locality needs no more SQL round trips than the unfiltered list.
 */
const sector = z.string().regex(/^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9]$/, "must be a postcode sector such as 'DY1 4'");
const area = z.string().regex(/^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]$/, "must be a small area such as 'DY1 4Q'");

const referenceSchema = z.object({
  borough: z.string().min(1),
  localities: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/, "must be lower-case letters, digits and hyphens"),
        name: z.string().min(1),
        clusters: z.array(
          z.object({
            name: z.string().min(1),
            centres: z.array(z.object({ code: z.string().min(1), name: z.string().min(1), sectors: z.array(sector) })),
          }),
        ),
      }),
    )
    .min(1),
  deprivation: z.array(z.object({ area, imdDecile: z.number().int().min(1).max(10) })),
});

export type LocalityReferenceDocument = z.infer<typeof referenceSchema>;

/** A locality as the schema gives it. */
export interface LocalityRef {
  id: string;
  name: string;
}

/** Where a postcode sector's families are served: the centre reaching it, its cluster and locality. */
export interface ReachArea {
  sector: string;
  centreCode: string;
  cluster: string;
  locality: LocalityRef;
}

/** The reach-area sector of a normalised postcode ('DY1 4' for 'DY1 4QT'); null when it is not one. */
export function sectorOf(postcode: string): string | null {
  return /^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$/.test(postcode) ? postcode.slice(0, -2) : null;
}

export class LocalityDirectory {
  private readonly localityList: readonly LocalityRef[];
  private readonly byId: ReadonlyMap<string, LocalityRef>;
  private readonly bySector: ReadonlyMap<string, ReachArea>;
  private readonly sectorsById: ReadonlyMap<string, readonly string[]>;
  private readonly decileByArea: ReadonlyMap<string, number>;

  /** Validates the document; every problem is listed in the error. */
  constructor(document: unknown) {
    const doc = referenceSchema.parse(document);
    this.localityList = doc.localities.map((l) => Object.freeze({ id: l.id, name: l.name }));
    this.byId = new Map(this.localityList.map((l) => [l.id, l]));
    if (this.byId.size !== this.localityList.length) throw new Error("locality reference: two localities share an id");
    const bySector = new Map<string, ReachArea>();
    doc.localities.forEach((l, i) => {
      for (const cluster of l.clusters)
        for (const centre of cluster.centres)
          for (const s of centre.sectors) {
            if (bySector.has(s)) throw new Error(`locality reference: sector ${s} is in two centres' reach areas`);
            bySector.set(s, {
              sector: s,
              centreCode: centre.code,
              cluster: cluster.name,
              locality: this.localityList[i],
            });
          }
    });
    this.bySector = bySector;
    this.sectorsById = new Map(
      this.localityList.map((l) => [l.id, [...bySector.values()].filter((r) => r.locality === l).map((r) => r.sector)]),
    );
    this.decileByArea = new Map(doc.deprivation.map((d) => [d.area, d.imdDecile]));
  }

  /** Every locality, in the reference's order. */
  localities(): readonly LocalityRef[] {
    return this.localityList;
  }

  locality(id: string): LocalityRef | null {
    return this.byId.get(id) ?? null;
  }

  /** The reach area a normalised postcode lies in; null outside every centre's reach (or not a postcode). */
  reachAreaOf(postcode: string): ReachArea | null {
    const s = sectorOf(postcode);
    return s ? (this.bySector.get(s) ?? null) : null;
  }

  /** The postcode sectors of a locality's centres' reach areas (empty for an unknown id). */
  sectorsOf(localityId: string): readonly string[] {
    return this.sectorsById.get(localityId) ?? [];
  }

  /** The IMD decile (1: most deprived 10%) of a normalised postcode's small area; null when not in the reference. */
  deprivationDecile(postcode: string): number | null {
    return sectorOf(postcode) ? (this.decileByArea.get(postcode.slice(0, -1)) ?? null) : null;
  }

  /** Whether a postcode lies in the 30% most deprived areas of England (deciles 1-3). */
  inMostDeprived30Percent(postcode: string): boolean {
    const decile = this.deprivationDecile(postcode);
    return decile !== null && decile <= 3;
  }
}

/**
 * The synthetic borough's reference (borough/locality-reference.json), read when
 * LOCALITY_REFERENCE_FILE is not set outside production. Resolved from this module's folder,
 * the same depth in src/ and dist/.
 */
export const SYNTHETIC_BOROUGH_REFERENCE = join(
  __dirname,
  "..",
  "..",
  "..",
  "..",
  "borough",
  "locality-reference.json",
);

/** Reads and validates a locality reference file. */
export function loadLocalityDirectory(path: string): LocalityDirectory {
  return new LocalityDirectory(JSON.parse(readFileSync(path, "utf8")));
}
