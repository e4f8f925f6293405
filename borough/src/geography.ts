import { Rng } from "./random";

// Globals bound once: global lookups are slow inside test sandboxes (vm contexts).
const M = Math;
const Str = String;

/**
 * The fictional borough of Brindleford: four localities, children's centre clusters and
 * centres (a third of them serving the 30% most deprived areas), two birth registration
 * districts, two hospital sites of one trust, and UK-style postcodes (DY1-DY9 outward codes).
 */
export const BOROUGH_NAME = "Brindleford";

export const TRUST = { code: "RBF", name: "Brindleford Hospitals NHS Foundation Trust" } as const;

export interface District {
  name: string;
  hospital: string;
}

export const DISTRICTS: readonly District[] = [
  { name: "Brindleford", hospital: "Brindleford General Hospital" },
  { name: "Ashcombe and Saltwell", hospital: "Ashcombe Royal Infirmary" },
];

export interface Locality {
  index: number;
  name: string;
  town: string;
  outwardCodes: readonly string[];
  district: District;
  /** Health visiting: the locality team's base. */
  hvBase: string;
}

export interface Centre {
  index: number;
  code: string;
  name: string;
  cluster: string;
  locality: Locality;
  deprived: boolean;
  /** Family hubs also register births. */
  hub: boolean;
  postcode: string;
  /** Postcode sectors ('DY1 4') whose families this centre reaches. */
  sectors: readonly string[];
}

export interface Address {
  line1: string;
  town: string;
  postcode: string;
  centre: Centre;
}

const LOCALITIES: readonly Omit<Locality, "index">[] = [
  {
    name: "Brindleford Central",
    town: "Brindleford",
    outwardCodes: ["DY1", "DY2"],
    district: DISTRICTS[0],
    hvBase: "Market Street Family Hub",
  },
  {
    name: "Netherby",
    town: "Netherby",
    outwardCodes: ["DY3", "DY4"],
    district: DISTRICTS[0],
    hvBase: "Netherby Health Centre",
  },
  {
    name: "Saltwell",
    town: "Saltwell",
    outwardCodes: ["DY5", "DY6"],
    district: DISTRICTS[1],
    hvBase: "Saltwell Family Hub",
  },
  {
    name: "Ashcombe",
    town: "Ashcombe",
    outwardCodes: ["DY7", "DY8", "DY9"],
    district: DISTRICTS[1],
    hvBase: "Ashcombe Clinic",
  },
];

interface CentreSpec {
  name: string;
  cluster: string;
  locality: number;
  deprived: boolean;
  hub: boolean;
  postcode: string;
  sectors: string[];
}

const CENTRE_SPECS: readonly CentreSpec[] = [
  {
    name: "Market Street Family Hub",
    cluster: "Brindleford Town",
    locality: 0,
    deprived: true,
    hub: true,
    postcode: "DY1 4HA",
    sectors: ["DY1 4", "DY1 3", "DY1 2"],
  },
  {
    name: "St Mark's Children's Centre",
    cluster: "Brindleford Town",
    locality: 0,
    deprived: true,
    hub: false,
    postcode: "DY1 1SN",
    sectors: ["DY1 1", "DY2 7"],
  },
  {
    name: "Parkfields Children's Centre",
    cluster: "Brindleford Park",
    locality: 0,
    deprived: false,
    hub: false,
    postcode: "DY2 8PF",
    sectors: ["DY2 8", "DY2 9"],
  },
  {
    name: "Holloway Bank Children's Centre",
    cluster: "Brindleford Park",
    locality: 0,
    deprived: false,
    hub: false,
    postcode: "DY2 0HB",
    sectors: ["DY2 0", "DY1 5"],
  },
  {
    name: "Netherby Family Hub",
    cluster: "Netherby Vale",
    locality: 1,
    deprived: true,
    hub: true,
    postcode: "DY3 2NF",
    sectors: ["DY3 2", "DY3 1"],
  },
  {
    name: "Foundry Lane Children's Centre",
    cluster: "Netherby Vale",
    locality: 1,
    deprived: true,
    hub: false,
    postcode: "DY4 7FL",
    sectors: ["DY4 7", "DY4 8"],
  },
  {
    name: "Coppice Wood Children's Centre",
    cluster: "Coppice",
    locality: 1,
    deprived: false,
    hub: false,
    postcode: "DY3 3DW",
    sectors: ["DY3 3", "DY3 4"],
  },
  {
    name: "Windmill Children's Centre",
    cluster: "Coppice",
    locality: 1,
    deprived: false,
    hub: false,
    postcode: "DY4 9WN",
    sectors: ["DY4 9", "DY4 0"],
  },
  {
    name: "Saltwell Family Hub",
    cluster: "Saltwell Canal",
    locality: 2,
    deprived: false,
    hub: true,
    postcode: "DY5 1SF",
    sectors: ["DY5 1", "DY5 2"],
  },
  {
    name: "Lock Side Children's Centre",
    cluster: "Saltwell Canal",
    locality: 2,
    deprived: true,
    hub: false,
    postcode: "DY5 3LS",
    sectors: ["DY5 3", "DY5 4"],
  },
  {
    name: "Heathfield Children's Centre",
    cluster: "Saltwell Heath",
    locality: 2,
    deprived: false,
    hub: false,
    postcode: "DY6 7HF",
    sectors: ["DY6 7", "DY6 8", "DY6 9"],
  },
  {
    name: "Ashcombe Family Hub",
    cluster: "Ashcombe Town",
    locality: 3,
    deprived: false,
    hub: true,
    postcode: "DY8 1AF",
    sectors: ["DY8 1", "DY8 2", "DY8 3"],
  },
  {
    name: "Orchard Children's Centre",
    cluster: "Ashcombe Town",
    locality: 3,
    deprived: false,
    hub: false,
    postcode: "DY8 4QR",
    sectors: ["DY8 4", "DY7 6"],
  },
  {
    name: "Brook Farm Children's Centre",
    cluster: "Ashcombe Villages",
    locality: 3,
    deprived: false,
    hub: false,
    postcode: "DY9 0BF",
    sectors: ["DY9 0", "DY9 7", "DY7 5"],
  },
];

/** Letters allowed in the last two places of a UK postcode. */
const INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ".split("");

const STREET_FIRST = [
  "Cedar",
  "Oak",
  "Ash",
  "Birch",
  "Willow",
  "Hawthorn",
  "Elm",
  "Holly",
  "Laburnum",
  "Rowan",
  "Church",
  "Mill",
  "Station",
  "Park",
  "Victoria",
  "Albert",
  "Queen",
  "King",
  "Castle",
  "Priory",
  "Canal",
  "Lock",
  "Wharf",
  "Foundry",
  "Forge",
  "Furnace",
  "Colliery",
  "Brook",
  "Meadow",
  "Orchard",
  "Windmill",
  "Coppice",
  "Heath",
  "Hill",
  "Vale",
  "Spring",
  "Well",
  "Cross",
  "Market",
  "Chapel",
  "Stourbridge",
  "Netherby",
  "Saltwell",
  "Ashcombe",
  "Brindle",
  "Highfield",
  "Lowfield",
  "Greenacres",
  "Bluebell",
  "Primrose",
] as const;
const STREET_SUFFIX = [
  "Road",
  "Street",
  "Close",
  "Avenue",
  "Lane",
  "Drive",
  "Grove",
  "Crescent",
  "Way",
  "Walk",
  "Place",
  "Gardens",
] as const;

export interface Geography {
  localities: readonly Locality[];
  centres: readonly Centre[];
  /** Postcode units of each centre's reach area, with a street for each. */
  units: readonly (readonly Unit[])[];
  /** Where families live: more of them in the most deprived areas. */
  centreWeights: readonly number[];
}

export interface Unit {
  postcode: string;
  street: string;
  /** The English Index of Multiple Deprivation decile of the unit's small area (1: most deprived 10%). */
  imdDecile: number;
}

/**
 * Builds the borough's places. Centres and sectors are fixed; the postcode units in each sector
 * are drawn from the seed, enough for the number of families (about eight families a unit).
 */
export function buildGeography(seed: number, families: number): Geography {
  const localities = LOCALITIES.map((l, index) => ({ ...l, index }));
  const centres: Centre[] = CENTRE_SPECS.map((c, index) => ({
    index,
    code: `CC${Str(index + 1).padStart(2, "0")}`,
    name: c.name,
    cluster: c.cluster,
    locality: localities[c.locality],
    deprived: c.deprived,
    hub: c.hub,
    postcode: c.postcode,
    sectors: c.sectors,
  }));
  const rng = Rng.stream(seed, 7);
  const perCentre = M.max(24, M.ceil(families / 8 / centres.length));
  const units = centres.map((c) => {
    const seen = new Set<string>();
    const list: Unit[] = [];
    const capacity = c.sectors.length * INWARD_LETTERS.length * INWARD_LETTERS.length;
    const want = M.min(perCentre, capacity);
    let streetName = "";
    while (list.length < want) {
      const sector = rng.pick(c.sectors);
      const pc = `${sector}${rng.pick(INWARD_LETTERS)}${rng.pick(INWARD_LETTERS)}`;
      if (seen.has(pc)) continue;
      seen.add(pc);
      // Neighbouring units share a street now and then.
      if (!streetName || rng.chance(0.7)) streetName = `${rng.pick(STREET_FIRST)} ${rng.pick(STREET_SUFFIX)}`;
      list.push({ postcode: pc, street: streetName, imdDecile: areaDecile(c.deprived, pc) });
    }
    return list;
  });
  return { localities, centres, units, centreWeights: centres.map((c) => (c.deprived ? 1.4 : 1)) };
}

export function randomAddress(geo: Geography, centre: Centre, rng: Rng): Address {
  const unit = rng.pick(geo.units[centre.index]);
  const flat = rng.chance(0.12);
  const number = rng.int(1, flat ? 40 : 160);
  const line1 = flat ? `Flat ${number}, ${unit.street.split(" ")[0]} House` : `${number} ${unit.street}`;
  return { line1, town: centre.locality.town, postcode: unit.postcode, centre };
}

/**
 * The small area a postcode lies in for deprivation: its sector and the first letter of its unit
 * ('DY1 4Q' for DY1 4QT). It stands in for the ONS Lower Layer Super Output Area that the real
 * postcode directories map each postcode to, and that the English Index of Multiple Deprivation
 * ranks.
 */
export function deprivationAreaOf(postcode: string): string {
  return postcode.slice(0, -1);
}

/** The reach-area sector of a normalised postcode ('DY1 4' for DY1 4QT). */
export function sectorOf(postcode: string): string {
  return postcode.slice(0, -2);
}

const CENTRE_BY_SECTOR: ReadonlyMap<string, CentreSpec> = new Map(
  CENTRE_SPECS.flatMap((c) => c.sectors.map((s) => [s, c] as const)),
);

/** A number in [0, 1) fixed by a string (FNV-1a), so an area's decile does not depend on the seed. */
function unitInterval(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = M.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  h = M.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  h = M.imul(h ^ (h >>> 12), 0x297a2d39) >>> 0;
  return ((h ^ (h >>> 15)) >>> 0) / 4294967296;
}

/**
 * The IMD decile (1: the most deprived 10% of England's areas, 10: the least) of a postcode's
 * small area, fixed by the area whatever the seed. Deprivation is patchy, as it is in real
 * boroughs: most small areas of a centre marked as serving the 30% most deprived areas are in
 * deciles 1-3 (one in eight is 4 or 5); most of other centres' areas are in 4-10 (one in ten is
 * 3). Null for a postcode outside every reach area.
 */
export function deprivationDecile(postcode: string): number | null {
  const centre = CENTRE_BY_SECTOR.get(sectorOf(postcode));
  return centre ? areaDecile(centre.deprived, postcode) : null;
}

function areaDecile(deprivedCentre: boolean, postcode: string): number {
  const u = unitInterval(deprivationAreaOf(postcode));
  if (deprivedCentre) return u < 0.875 ? 1 + M.floor((u / 0.875) * 3) : u < 0.95 ? 4 : 5;
  return u < 0.1 ? 3 : 4 + M.floor(((u - 0.1) / 0.9) * 7);
}

/** The locality's id: its name in lower case, words joined by hyphens ('brindleford-central'). */
export function localityId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

/**
 * The borough's locality reference, as family-index reads it (LOCALITY_REFERENCE_FILE): each
 * locality, its children's centre clusters, their centres and the postcode sectors each centre
 * reaches, and the IMD decile of every small area of those sectors. Public reference data (the
 * council's published reach areas, the IMD by area), no personal data; the same whatever the seed.
 */
export interface LocalityReferenceDocument {
  borough: string;
  localities: {
    id: string;
    name: string;
    clusters: { name: string; centres: { code: string; name: string; sectors: string[] }[] }[];
  }[];
  deprivation: { area: string; imdDecile: number }[];
}

export function localityReference(): LocalityReferenceDocument {
  const geo = buildGeography(0, 0);
  const localities = geo.localities.map((l) => {
    const clusters: LocalityReferenceDocument["localities"][number]["clusters"] = [];
    for (const c of geo.centres.filter((centre) => centre.locality === l)) {
      let cluster = clusters.find((k) => k.name === c.cluster);
      if (!cluster) clusters.push((cluster = { name: c.cluster, centres: [] }));
      cluster.centres.push({ code: c.code, name: c.name, sectors: [...c.sectors] });
    }
    return { id: localityId(l.name), name: l.name, clusters };
  });
  const deprivation = CENTRE_SPECS.flatMap((c) => c.sectors)
    .flatMap((sector) => INWARD_LETTERS.map((letter) => `${sector}${letter}`))
    .sort()
    .map((area) => ({ area, imdDecile: areaDecile(CENTRE_BY_SECTOR.get(area.slice(0, -1))!.deprived, `${area}A`) }));
  return { borough: BOROUGH_NAME, localities, deprivation };
}
