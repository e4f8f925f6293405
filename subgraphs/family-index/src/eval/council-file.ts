import { writeFileSync } from "node:fs";
import { csvField, generateBorough, otherSystemExtract, type TruthRecord } from "@ffd/borough";
import { seededRandom } from "../linkage/model";
import { STANDARD_COLUMNS } from "./labelled";

/**
 * `node subgraphs/family-index/dist/eval/council-file.js [--families N] [--seed S] [--no-address] FILE`:
 * writes a labelled file shaped like a council's own extract, for measuring `linkage:eval --csv`
 * on data that is not the agencies' feeds. It takes the synthetic borough (default noise) as
 * another system would hold it (`otherSystemExtract`: transposed names, postcode typos, missing
 * fields, other name conventions, few NHS numbers), renames the sources so that none is an agency,
 * and adds the columns address_1, address_2 and town.
 *
 * The borough's truth holds no address, so one is made up per household and postcode: a street
 * fixed by the true postcode and a house (or a flat in a named house) fixed by the true family
 * and that postcode; the members of one household share it, a parent living elsewhere or a family
 * before its move has another. Each record then holds it with a keying habit of its own (rates in
 * ADDRESS_NOISE): no address, abbreviations ("Rd", "St"), a flat written without "Flat" or with
 * the house name in the first line, a typo in the street, capitals, no town. The postcode typos
 * of the other system's profile leave the address as it was. This is our own generator: it shows
 * what the address adds, not how the linkage does on a council's real file.
 */

export const ADDRESS_NOISE = {
  missing: 0.1,
  abbreviated: 0.3,
  flatReformatted: 0.5,
  streetTypo: 0.05,
  capitals: 0.2,
  townMissing: 0.5,
} as const;

const SOURCE_NAMES: Readonly<Record<string, string>> = {
  maternity: "hospital",
  "health-visiting": "community-health",
  "childrens-centres": "early-years",
  registration: "registrar",
  "childrens-social-care": "social-care",
};

const STREET_FIRST = [
  "Oak",
  "Elm",
  "Mill",
  "Church",
  "Station",
  "Park",
  "Victoria",
  "Albert",
  "Queens",
  "Kings",
  "Chapel",
  "Bridge",
  "Market",
  "High",
  "School",
  "Canal",
  "Forge",
  "Hawthorn",
  "Willow",
  "Beech",
  "Ash",
  "Cedar",
  "Holly",
  "Laurel",
  "Meadow",
  "Brook",
  "Windmill",
  "Priory",
  "Abbey",
  "Grange",
  "Manor",
  "Orchard",
  "Stafford",
  "Dudley",
  "Wolverhampton",
  "Castle",
  "Springfield",
  "Sandy",
  "Green",
  "Hill",
];
const STREET_SUFFIX = ["Street", "Road", "Avenue", "Lane", "Close", "Drive", "Crescent", "Grove", "Court", "Place"];
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  Street: "St",
  Road: "Rd",
  Avenue: "Ave",
  Lane: "Ln",
  Close: "Cl",
  Drive: "Dr",
  Crescent: "Cres",
  Grove: "Gr",
  Court: "Ct",
  Place: "Pl",
  House: "Hse",
};

/** A number fixed by a string (FNV-1a). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

interface Address {
  /** "Flat 3" or null for a house. */
  flat: string | null;
  /** "12 Market Street" or, for a flat, "Oak House". */
  building: string;
  street: string;
  town: string;
}

/** The household's address at a (true) postcode. */
function addressOf(familyId: string, postcode: string): Address {
  const street = `${STREET_FIRST[hash(`s${postcode}`) % STREET_FIRST.length]} ${STREET_SUFFIX[hash(`x${postcode}`) % STREET_SUFFIX.length]}`;
  const town = ["Brindleford", "Netherby", "Stowcross", "Ashfield"][hash(postcode.slice(0, 3)) % 4];
  const h = hash(`${familyId}|${postcode}`);
  if (h % 8 === 0) {
    const house = `${STREET_FIRST[(h >>> 3) % STREET_FIRST.length]} House`;
    return { flat: `Flat ${1 + ((h >>> 9) % 40)}`, building: house, street, town };
  }
  return { flat: null, building: `${1 + ((h >>> 3) % 160)} ${street}`, street, town };
}

function typo(word: string, random: () => number): string {
  const i = 1 + Math.floor(random() * (word.length - 1));
  return word.slice(0, i) + word.slice(i + 1);
}

/** The address as one record holds it: [address_1, address_2, town]. */
function heldAs(a: Address, random: () => number): [string, string, string] {
  const n = ADDRESS_NOISE;
  if (random() < n.missing) return ["", "", ""];
  let line1: string;
  let line2 = "";
  if (a.flat === null) line1 = a.building;
  else if (random() < n.flatReformatted)
    // "3 Oak House" on one line, or "Flat 3, Oak House" as one line.
    line1 = random() < 0.5 ? `${a.flat.slice(5)} ${a.building}` : `${a.flat}, ${a.building}`;
  else {
    line1 = a.flat;
    line2 = a.building;
  }
  if (a.flat !== null) line2 = line2 ? `${line2}, ${a.street}` : a.street;
  let lines = [line1, line2];
  if (random() < n.abbreviated) lines = lines.map((l) => l.replace(/\b(\w+)\b/g, (w) => ABBREVIATIONS[w] ?? w));
  if (random() < n.streetTypo) {
    const first = a.street.split(" ")[0];
    lines = lines.map((l) => l.replace(first, typo(first, random)));
  }
  if (random() < n.capitals) lines = lines.map((l) => l.toUpperCase());
  return [lines[0], lines[1], random() < n.townMissing ? "" : a.town];
}

/** The labelled CSV: the other system's records under other source names, with addresses unless `withAddress` is false. */
export function councilFile(families: number, seed: number, withAddress: boolean): string {
  const truth = generateBorough({ seed, referenceDate: "2025-06-01", families, noise: "default" }).truth;
  const held: TruthRecord[] = otherSystemExtract(truth, seed).records;
  const random = seededRandom(seed * 7919 + 17);
  const header = [
    "source",
    "local_id",
    ...STANDARD_COLUMNS,
    ...(withAddress ? ["address_1", "address_2", "town"] : []),
    "cluster_id",
  ];
  const rows = held.map((r, i) => {
    const address = truth[i].postcode ? heldAs(addressOf(truth[i].familyId, truth[i].postcode!), random) : ["", "", ""];
    return [
      SOURCE_NAMES[r.source] ?? r.source,
      r.localId,
      r.givenName,
      r.familyName,
      r.dateOfBirth,
      r.sex,
      r.postcode,
      r.nhsNumber,
      ...(withAddress ? address : []),
      r.personId,
    ]
      .map(csvField)
      .join(",");
  });
  return [header.join(","), ...rows].join("\n") + "\n";
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    if (i < 0) return fallback;
    const v = Number(args.splice(i, 2)[1]);
    if (!Number.isInteger(v) || v < 0) throw new Error(`${name} must be a whole number`);
    return v;
  };
  const families = option("--families", 2000);
  const seed = option("--seed", 1);
  const noAddress = args.indexOf("--no-address");
  if (noAddress >= 0) args.splice(noAddress, 1);
  if (args.length !== 1) {
    process.stderr.write("Usage: council-file [--families N] [--seed S] [--no-address] FILE\n");
    process.exitCode = 2;
  } else writeFileSync(args[0], councilFile(families, seed, noAddress < 0));
}
