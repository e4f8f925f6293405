import { AGENCIES, type Agency } from "@ffd/shared";
import { dayFromParts, daysInMonth, partsOfDay, type Day } from "./days";
import { nicknamesOf, spellingVariants } from "./names";
import type { Rng } from "./random";
import type { NoiseLevel } from "./types";

// Globals bound once: global lookups are slow inside test sandboxes (vm contexts).
const M = Math;

/**
 * Identity noise: how each agency's records of a person differ from the truth, as in real
 * life. Each kind has a probability per agency, applied among the records it can apply to
 * (its "eligible" records); the generator counts both so tests can check the rates, and
 * `classifyRecord` measures them again from the published truth.
 */
export type NoiseKind =
  | "givenTypo"
  | "givenNickname"
  | "givenVariant"
  | "familyTypo"
  | "familyVariant"
  | "familyHyphen"
  | "familyStale"
  | "familyOtherParent"
  | "dobError"
  | "dobMissing"
  | "postcodeStale"
  | "postcodeFormat"
  | "nhsMissing"
  | "nhsSpaced";

export const NOISE_KINDS: readonly NoiseKind[] = [
  "givenTypo",
  "givenNickname",
  "givenVariant",
  "familyTypo",
  "familyVariant",
  "familyHyphen",
  "familyStale",
  "familyOtherParent",
  "dobError",
  "dobMissing",
  "postcodeStale",
  "postcodeFormat",
  "nhsMissing",
  "nhsSpaced",
];

export const NOISE_DESCRIPTIONS: Readonly<Record<NoiseKind, string>> = {
  givenTypo:
    "given name with one typing slip (a wrong, doubled, dropped or swapped letter); among given names not otherwise changed",
  givenNickname: "given name as a short form (Elizabeth -> Liz, Mohammed -> Mo); among adults' names that have one",
  givenVariant: "given name in another spelling (Mohammed/Muhammad, Amira/Amirah); among names that have one",
  familyTypo: "family name with one typing slip; among family names not otherwise changed",
  familyVariant: "family name in another spelling (Hussain/Husain, Clarke/Clark); among names that have one",
  familyHyphen:
    "double-barrelled surname held differently (space instead of hyphen, run together, or the parts swapped); among double-barrelled surnames",
  familyStale:
    "earlier surname (maiden name before a marriage) held because the record predates the change and was not updated; among records created before the change",
  familyOtherParent: "child held under the other parent's surname; among children whose parents' surnames differ",
  dobError: "wrong date of birth: day and month transposed, or one digit mistyped; among all records",
  dobMissing: "date of birth not recorded; among adults",
  postcodeStale: "older postcode held after a move; among records created before the move",
  postcodeFormat:
    "postcode keyed in another form (no space, lower case, extra spaces): form only, normalised in the truth; among all records",
  nhsMissing: "NHS number not held; among all records",
  nhsSpaced:
    "NHS number keyed with spaces ('943 476 5919'): form only, digits in the truth; among records that hold one",
};

export type AgencyNoiseRates = Readonly<Record<NoiseKind, number>> & {
  readonly givenNicknameChild: number;
  readonly nhsMissingChild: number;
};

/** Each agency's rates; an agency with no builder yet has none (noiseRates gives it NO_NOISE). */
const DEFAULT_RATES: Readonly<Partial<Record<Agency, AgencyNoiseRates>>> = {
  maternity: {
    givenTypo: 0.01,
    givenNickname: 0,
    givenNicknameChild: 0,
    givenVariant: 0.02,
    familyTypo: 0.01,
    familyVariant: 0.02,
    familyHyphen: 0.05,
    familyStale: 0.5,
    // Babies are booked as 'Baby <mother's surname>': always the mother's surname.
    familyOtherParent: 1,
    dobError: 0.003,
    dobMissing: 0,
    postcodeStale: 0.25,
    postcodeFormat: 0,
    nhsMissing: 0.01,
    nhsMissingChild: 0,
    nhsSpaced: 0,
  },
  "health-visiting": {
    givenTypo: 0.015,
    givenNickname: 0.04,
    givenNicknameChild: 0.02,
    givenVariant: 0.05,
    familyTypo: 0.015,
    familyVariant: 0.04,
    familyHyphen: 0.1,
    familyStale: 0.25,
    familyOtherParent: 0.02,
    dobError: 0.005,
    dobMissing: 0,
    postcodeStale: 0.15,
    postcodeFormat: 0.05,
    nhsMissing: 0,
    nhsMissingChild: 0,
    nhsSpaced: 0.25,
  },
  "childrens-centres": {
    givenTypo: 0.03,
    givenNickname: 0.25,
    givenNicknameChild: 0.08,
    givenVariant: 0.1,
    familyTypo: 0.03,
    familyVariant: 0.08,
    familyHyphen: 0.35,
    familyStale: 0.6,
    familyOtherParent: 0.06,
    dobError: 0.01,
    dobMissing: 0.05,
    postcodeStale: 0.7,
    postcodeFormat: 0.35,
    nhsMissing: 0.9,
    nhsMissingChild: 0.9,
    nhsSpaced: 0,
  },
  registration: {
    givenTypo: 0.003,
    givenNickname: 0,
    givenNicknameChild: 0,
    givenVariant: 0.01,
    familyTypo: 0.003,
    familyVariant: 0.01,
    familyHyphen: 0,
    // The register records the mother's surname and address as they were on the day.
    familyStale: 1,
    familyOtherParent: 0,
    dobError: 0.003,
    dobMissing: 0,
    postcodeStale: 1,
    postcodeFormat: 0,
    nhsMissing: 0,
    nhsMissingChild: 0.005,
    nhsSpaced: 0,
  },
  // Case management keyed by social workers from referrals: NHS numbers held for most children.
  "childrens-social-care": {
    givenTypo: 0.02,
    givenNickname: 0.05,
    givenNicknameChild: 0.03,
    givenVariant: 0.05,
    familyTypo: 0.02,
    familyVariant: 0.05,
    familyHyphen: 0.15,
    familyStale: 0.3,
    familyOtherParent: 0.03,
    dobError: 0.008,
    dobMissing: 0,
    postcodeStale: 0.2,
    postcodeFormat: 0.1,
    nhsMissing: 0.25,
    nhsMissingChild: 0.08,
    nhsSpaced: 0.1,
  },
};

/** "hard" multiplies the rates of slips and choices by 3.5 (capped), and loses NHS numbers. */
function harden(r: AgencyNoiseRates, agency: Agency): AgencyNoiseRates {
  const x = (v: number, cap = 0.9) => (v >= 1 ? v : M.min(cap, v * 3.5));
  return {
    givenTypo: x(r.givenTypo),
    givenNickname: x(r.givenNickname, 0.6),
    givenNicknameChild: x(r.givenNicknameChild, 0.3),
    givenVariant: x(r.givenVariant, 0.4),
    familyTypo: x(r.familyTypo),
    familyVariant: x(r.familyVariant, 0.3),
    familyHyphen: x(r.familyHyphen, 0.7),
    familyStale: x(r.familyStale),
    familyOtherParent: x(r.familyOtherParent, 0.2),
    dobError: x(r.dobError),
    dobMissing: x(r.dobMissing, 0.15),
    postcodeStale: x(r.postcodeStale),
    postcodeFormat: x(r.postcodeFormat, 0.6),
    nhsMissing:
      agency === "maternity"
        ? 0.06
        : agency === "health-visiting"
          ? 0.05
          : agency === "childrens-centres"
            ? 0.96
            : agency === "childrens-social-care"
              ? 0.4
              : 0,
    nhsMissingChild:
      agency === "health-visiting"
        ? 0.03
        : agency === "registration"
          ? 0.03
          : agency === "maternity"
            ? 0.02
            : agency === "childrens-social-care"
              ? 0.15
              : 0.96,
    nhsSpaced: x(r.nhsSpaced, 0.6),
  };
}

/** No noise of any kind: the rates of an agency whose builder is not written yet (it has no records). */
const NO_NOISE: AgencyNoiseRates = {
  ...(Object.fromEntries(Object.keys(NOISE_DESCRIPTIONS).map((k) => [k, 0])) as Record<NoiseKind, number>),
  givenNicknameChild: 0,
  nhsMissingChild: 0,
};

export function noiseRates(level: NoiseLevel): Readonly<Record<Agency, AgencyNoiseRates>> {
  return Object.fromEntries(
    AGENCIES.map((a) => {
      const rates = DEFAULT_RATES[a];
      return [a, !rates ? NO_NOISE : level === "default" ? rates : harden(rates, a)];
    }),
  ) as Record<Agency, AgencyNoiseRates>;
}

/** Counts, per agency and kind, of records that could carry the noise and records that do. */
export class NoiseStats {
  private readonly byAgency = new Map<string, Map<string, { eligible: number; applied: number }>>();
  note(agency: Agency, kind: NoiseKind | "givenNicknameChild" | "nhsMissingChild", applied: boolean): boolean {
    let kinds = this.byAgency.get(agency);
    if (!kinds) {
      kinds = new Map();
      this.byAgency.set(agency, kinds);
    }
    let c = kinds.get(kind);
    if (!c) {
      c = { eligible: 0, applied: 0 };
      kinds.set(kind, c);
    }
    c.eligible++;
    if (applied) c.applied++;
    return applied;
  }
  get(agency: Agency, kind: string): { eligible: number; applied: number } {
    return this.byAgency.get(agency)?.get(kind) ?? { eligible: 0, applied: 0 };
  }
  /** Every counter, as `agency:kind`. */
  get counts(): Map<string, { eligible: number; applied: number }> {
    const out = new Map<string, { eligible: number; applied: number }>();
    for (const [a, kinds] of this.byAgency) for (const [k, c] of kinds) out.set(`${a}:${k}`, { ...c });
    return out;
  }
}

// --------------------------------------------------------------------------------------------

const KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
const NEIGHBOURS: Record<string, string> = (() => {
  const m: Record<string, string> = {};
  for (let r = 0; r < KEYBOARD_ROWS.length; r++) {
    const row = KEYBOARD_ROWS[r];
    for (let i = 0; i < row.length; i++) {
      let n = "";
      if (i > 0) n += row[i - 1];
      if (i < row.length - 1) n += row[i + 1];
      m[row[i]] = n;
    }
  }
  return m;
})();

function matchCase(template: string, c: string): string {
  return template === template.toUpperCase() && template !== template.toLowerCase() ? c.toUpperCase() : c;
}

/** One typing slip: a neighbouring key, a doubled letter, a dropped letter or two letters swapped. */
export function typo(name: string, rng: Rng): string {
  for (let attempt = 0; attempt < 10; attempt++) {
    const letters: number[] = [];
    for (let i = 0; i < name.length; i++) if (/[a-z]/i.test(name[i])) letters.push(i);
    if (letters.length < 3) return name;
    // Keep the first letter (people rarely get the initial wrong).
    const i = letters[1 + M.floor(rng.float() * (letters.length - 1))];
    const r = rng.float();
    let out: string;
    if (r < 0.35) {
      const n = NEIGHBOURS[name[i].toLowerCase()];
      if (!n) continue;
      out = name.slice(0, i) + matchCase(name[i], n[M.floor(rng.float() * n.length)]) + name.slice(i + 1);
    } else if (r < 0.6) {
      out = name.slice(0, i + 1) + name[i].toLowerCase() + name.slice(i + 1);
    } else if (r < 0.8) {
      if (name.replace(/[^a-z]/gi, "").length < 4) continue;
      out = name.slice(0, i) + name.slice(i + 1);
    } else {
      if (i + 1 >= name.length || !/[a-z]/i.test(name[i + 1]) || name[i] === name[i + 1]) continue;
      out = name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
    }
    if (out !== name && !spellingVariants(name).includes(out)) return out;
  }
  return name;
}

/** Damerau-Levenshtein distance (optimal string alignment), for classifying slips. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = M.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = M.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Other ways a double-barrelled surname is held: 'Smith Jones', 'SmithJones' or 'Jones-Smith'. */
export function hyphenVariant(surname: string, rng: Rng): string {
  const [a, b] = surname.split("-");
  const r = rng.float();
  if (r < 0.5) return `${a} ${b}`;
  if (r < 0.7) return `${a}${b}`;
  return `${b}-${a}`;
}

export function isHyphenVariantOf(held: string, surname: string): boolean {
  if (!surname.includes("-")) return false;
  const [a, b] = surname.split("-");
  return held === `${a} ${b}` || held === `${a}${b}` || held === `${b}-${a}`;
}

/** A wrong date of birth: day and month swapped when that makes a date, else one digit mistyped. */
export function wrongDate(day: Day, rng: Rng): Day {
  const [y, m, d] = partsOfDay(day);
  if (d <= 12 && d !== m && rng.chance(0.6)) return dayFromParts(y, d, m);
  for (let attempt = 0; attempt < 20; attempt++) {
    const which = rng.int(0, 2);
    if (which === 0) {
      // a day digit
      const nd = rng.chance(0.5) ? M.floor(d / 10) * 10 + rng.int(0, 9) : rng.int(0, 3) * 10 + (d % 10);
      if (nd >= 1 && nd <= daysInMonth(y, m) && nd !== d) return dayFromParts(y, m, nd);
    } else if (which === 1) {
      // a month digit
      const nm = m < 10 ? rng.int(1, 9) : rng.int(10, 12);
      if (nm !== m && d <= daysInMonth(y, nm)) return dayFromParts(y, nm, d);
    } else {
      // the year's last digit
      const ny = M.floor(y / 10) * 10 + rng.int(0, 9);
      if (ny !== y && d <= daysInMonth(ny, m)) return dayFromParts(ny, m, d);
    }
  }
  return day + 1;
}

export function isTransposition(held: Day, truth: Day): boolean {
  const [y, m, d] = partsOfDay(truth);
  const [hy, hm, hd] = partsOfDay(held);
  return hy === y && hm === d && hd === m;
}

/** Keys a postcode the way people and clerks do: 'dy14qt', 'DY14QT', 'dy1 4qt', 'DY1  4QT'. */
export function postcodeForm(pc: string, rng: Rng): string {
  const compact = pc.replace(" ", "");
  const r = rng.float();
  if (r < 0.35) return compact;
  if (r < 0.6) return compact.toLowerCase();
  if (r < 0.8) return pc.toLowerCase();
  if (r < 0.9) return pc.replace(" ", "  ");
  return `${pc.slice(0, 1)}${pc.slice(1).toLowerCase()}`;
}

export function spacedNhs(nhs: string): string {
  return `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`;
}

/**
 * Applies one agency's given-name noise: at most one of short form, other spelling or slip.
 * Story records pass `quiet` and stay exact.
 */
export function presentGiven(
  name: string,
  agency: Agency,
  rates: AgencyNoiseRates,
  stats: NoiseStats,
  rng: Rng,
  child: boolean,
): string {
  const nick = child ? rates.givenNicknameChild : rates.givenNickname;
  const nicks = nicknamesOf(name);
  if (
    nick > 0 &&
    nicks.length > 0 &&
    stats.note(agency, child ? "givenNicknameChild" : "givenNickname", rng.chance(nick))
  )
    return rng.pick(nicks);
  const variants = spellingVariants(name);
  if (
    rates.givenVariant > 0 &&
    variants.length > 0 &&
    stats.note(agency, "givenVariant", rng.chance(rates.givenVariant))
  )
    return rng.pick(variants);
  if (name.length >= 3) {
    const t = rng.chance(rates.givenTypo) ? typo(name, rng) : name;
    stats.note(agency, "givenTypo", t !== name);
    return t;
  }
  return name;
}

/** Spelling-level family-name noise (after the choice of which surname the record holds). */
export function presentFamilyForm(
  name: string,
  agency: Agency,
  rates: AgencyNoiseRates,
  stats: NoiseStats,
  rng: Rng,
): string {
  if (
    name.includes("-") &&
    rates.familyHyphen > 0 &&
    stats.note(agency, "familyHyphen", rng.chance(rates.familyHyphen))
  )
    return hyphenVariant(name, rng);
  const variants = spellingVariants(name);
  if (
    variants.length > 0 &&
    rates.familyVariant > 0 &&
    stats.note(agency, "familyVariant", rng.chance(rates.familyVariant))
  )
    return rng.pick(variants);
  if (name.length >= 3) {
    const t = rng.chance(rates.familyTypo) ? typo(name, rng) : name;
    stats.note(agency, "familyTypo", t !== name);
    return t;
  }
  return name;
}
