import { normaliseNhsNumber, normalisePostcode, type Agency } from "@ffd/shared";
import { isoOf, type Day } from "../days";
import type { Geography } from "../geography";
import { NoiseStats, presentFamilyForm, presentGiven, type AgencyNoiseRates } from "../noise";
import type { Family, Person } from "../population";
import { Rng } from "../random";
import { isStory, type StoryFamily } from "../stories";
import type { NoiseLevel, TableRows, TruthRecord } from "../types";

export type Value = string | number | boolean | null;

export interface BuildContext {
  seed: number;
  reference: Day;
  level: NoiseLevel;
  geography: Geography;
  rates: Readonly<Record<Agency, AgencyNoiseRates>>;
  stats: NoiseStats;
  families: readonly Family[];
}

export function table(name: string, columns: readonly string[]): TableRows {
  return { table: name, columns, rows: [] };
}

export interface HeldIdentity {
  given: string | null;
  family: string | null;
  dob: Day | null;
  sex: "F" | "M" | null;
  postcode: string | null;
  nhs: string | null;
}

const CANONICAL_POSTCODE = /^[A-Z0-9]{2,4} [0-9][A-Z]{2}$/;

export function truthRecord(source: Agency, localId: string, person: Person, held: HeldIdentity): TruthRecord {
  return {
    source,
    localId,
    givenName: held.given,
    familyName: held.family,
    dateOfBirth: held.dob === null ? null : isoOf(held.dob),
    sex: held.sex,
    postcode:
      held.postcode === null || CANONICAL_POSTCODE.test(held.postcode)
        ? held.postcode
        : normalisePostcode(held.postcode),
    nhsNumber: held.nhs === null || held.nhs.length === 10 ? held.nhs : normaliseNhsNumber(held.nhs),
    personId: person.id,
    familyId: person.familyId,
  };
}

/** Names and other demographics as one agency presents them, with its noise rates. */
export class Presenter {
  rng!: Rng;
  /** Story records: exact, no noise drawn and none counted. */
  quiet = false;
  readonly rates: AgencyNoiseRates;
  readonly stats: NoiseStats;
  private readonly seed: number;
  /** The agency's presenter, over the build's noise rates for it and its noise counts. */
  constructor(
    readonly agency: Agency,
    ctx: Pick<BuildContext, "seed" | "rates" | "stats">,
  ) {
    this.rates = ctx.rates[agency];
    this.stats = ctx.stats;
    this.seed = ctx.seed;
  }

  /**
   * Turns to one family: its own random stream (the builder's `stream` number and the family's
   * index, so each agency draws the same whatever the others do), quiet for a story family.
   */
  family(stream: number, f: Family): { story: StoryFamily | null; rng: Rng } {
    const story = isStory(f) ? f : null;
    this.rng = Rng.stream(this.seed, stream, f.index);
    this.quiet = story !== null;
    return { story, rng: this.rng };
  }

  given(name: string, child: boolean): string {
    if (this.quiet) return name;
    return presentGiven(name, this.agency, this.rates, this.stats, this.rng, child);
  }

  familyForm(name: string): string {
    if (this.quiet) return name;
    return presentFamilyForm(name, this.agency, this.rates, this.stats, this.rng);
  }

  /** Whether a possible noise happens (and counts it), with the rate of `kind`. */
  happens(kind: Parameters<NoiseStats["note"]>[1], rate?: number): boolean {
    if (this.quiet) return false;
    const r = rate ?? (this.rates as unknown as Record<string, number>)[kind];
    if (!(r > 0)) return false;
    return this.stats.note(this.agency, kind, this.rng.chance(r));
  }

  /** Counts a record that inherits another record's noise (a baby's postcode from its mother's record). */
  inherit(kind: Parameters<NoiseStats["note"]>[1], eligible: boolean, applied: boolean): void {
    if (!this.quiet && eligible) this.stats.note(this.agency, kind, applied);
  }

  /** The surname a record created on `capturedOn` holds: the earlier one if never updated. */
  surnameAsCaptured(p: Person, capturedOn: Day): string {
    if (p.surnameChangedOn !== null && capturedOn < p.surnameChangedOn && p.birthSurname !== p.surname) {
      // A record that is always as of its day (the register) holds the earlier name, story or not.
      if (this.quiet) return this.rates.familyStale >= 1 ? p.birthSurname : p.surname;
      if (this.happens("familyStale")) return p.birthSurname;
    }
    return p.surname;
  }
}

/** The hub (family hub) of a locality: where births are registered at a children's centre. */
export function hubOf(geo: Geography, localityIndex: number) {
  return geo.centres.find((c) => c.hub && c.locality.index === localityIndex)!;
}
