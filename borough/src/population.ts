import type { Day } from "./days";
import { DISTRICTS, randomAddress, type Address, type Centre, type District, type Geography } from "./geography";
import { HERITAGE_GROUPS, type HeritageGroup } from "./names";
import { Rng } from "./random";
import type { NoiseLevel } from "./types";

// Globals bound once: global lookups are slow inside test sandboxes (vm contexts).
const M = Math;
const Str = String;
const Num = Number;
const NEG_INF = Number.NEGATIVE_INFINITY;

/**
 * The borough's true population: families, the people in them and the events of their lives
 * (births, pregnancies, moves, marriages). Agency systems are views of this truth, each with
 * its own coverage, timing and noise (see build/*.ts).
 */
export type Sex = "F" | "M";
export type Role = "mother" | "father" | "parent2" | "grandparent" | "child";
export type FamilyKind =
  "married" | "cohabiting" | "single-mother" | "same-sex" | "grandparent-carers" | "single-father";

export interface Person {
  id: string;
  familyId: string;
  role: Role;
  /** First forename, as the person is known legally. */
  given: string;
  middle: string | null;
  /** Current legal surname. */
  surname: string;
  /** Surname before `surnameChangedOn` (the maiden name of a married mother). */
  birthSurname: string;
  surnameChangedOn: Day | null;
  dob: Day;
  sex: Sex;
  nhs: string;
  heritage: HeritageGroup;
  /** Lives in the family's household (an absent father or a mother living elsewhere does not). */
  inHousehold: boolean;
  /** Special educational needs and disabilities (recorded in none of the four systems). */
  send: boolean;
  /** Own address, for a parent living outside the household. */
  ownAddress: Address | null;
}

export interface Birth {
  child: Person;
  day: Day;
  /** Minutes after midnight. */
  minutes: number;
  gestation: number;
  weight: number | null;
  delivery: string;
  firstFeed: string;
  /** Twins share a pregnancy (same `pregnancy` number). */
  pregnancy: number;
  twin: boolean;
  /** Born in the borough's trust, so known to maternity and registered in the borough. */
  inBorough: boolean;
  district: District;
  placeOfBirth: string;
  bookingGestation: number;
  complexSocialFactors: "Y" | "N" | "X";
  /** The registered father or second parent (null: not registered). */
  registeredParent2: Person | null;
}

export interface CurrentPregnancy {
  edd: Day;
  bookingGestation: number;
  complexSocialFactors: "Y" | "N" | "X";
}

export interface PregnancyLoss {
  booking: Day;
  bookingGestation: number;
  edd: Day;
}

export interface Family {
  id: string;
  index: number;
  story: string | null;
  heritage: HeritageGroup;
  kind: FamilyKind;
  centre: Centre;
  address: Address;
  /** The family's address before `movedOn` (a move within the borough). */
  previousAddress: Address | null;
  movedOn: Day | null;
  /** Moved into the borough on this day (children born before it were born elsewhere). */
  arrivedOn: Day | null;
  mother: Person;
  /** Father or second parent, in the household or not. */
  partner: Person | null;
  grandparents: Person[];
  /** Children, oldest first, with their births in the same order. */
  children: Person[];
  births: Birth[];
  pregnancy: CurrentPregnancy | null;
  losses: PregnancyLoss[];
  /** Registered with a children's centre on this day (null: never registered). */
  ccRegisteredOn: Day | null;
  /** How keen the family is on centre activities: 0 never, 1 now and then, 2 often. */
  ccEngagement: 0 | 1 | 2;
}

export interface PopulationContext {
  seed: number;
  reference: Day;
  noise: NoiseLevel;
  geography: Geography;
  nhs: NhsAllocator;
  /** (given|surname|dob) of story people, which random people must not repeat. */
  reserved: Set<string>;
  /** Given names of story people (a quick test before building a reserved key). */
  reservedGivens: Set<string>;
}

export const YEAR = 365.25;
/** Maternity's extract covers births and bookings of the last six years. */
export const MATERNITY_WINDOW_DAYS = M.round(6 * YEAR);

/** Hands out valid, unique NHS numbers (England's 4xx, 6xx and 7xx ranges). */
export class NhsAllocator {
  private readonly usedKeys = new Set<number>();
  private readonly rng: Rng;
  constructor(seed: number) {
    this.rng = Rng.stream(seed, 11);
  }
  reserve(nhs: string): void {
    this.usedKeys.add(Num(nhs.slice(0, 9)));
  }
  next(rng: Rng = this.rng): string {
    for (;;) {
      const first = NHS_FIRST_DIGITS[rng.int(0, 2)];
      const rest = rng.int(0, 99_999_999);
      // Modulus 11 over the nine digits, weights 10 down to 2.
      let sum = first * 10;
      let r = rest;
      for (let w = 2; w <= 9; w++) {
        sum += (r % 10) * w;
        r = (r - (r % 10)) / 10;
      }
      let check = 11 - (sum % 11);
      if (check === 11) check = 0;
      if (check === 10) continue;
      // The first nine digits decide the tenth, so they identify the number (a small integer key).
      const key = first * 100_000_000 + rest;
      if (this.usedKeys.has(key)) continue;
      this.usedKeys.add(key);
      return `${first}${Str(rest).padStart(8, "0")}${check}`;
    }
  }
}

const NHS_FIRST_DIGITS = [4, 6, 7] as const;

/** Polish surnames agree with the person's sex: Kowalski (m), Kowalska (f). */
export function surnameFor(surname: string, sex: Sex): string {
  const from = sex === "F" ? /(sk|ck|dzk)i$/ : /(sk|ck|dzk)a$/;
  if (!from.test(surname) && !surname.includes("-")) return surname;
  return surname
    .split("-")
    .map((part) => (from.test(part) ? `${part.slice(0, -1)}${sex === "F" ? "a" : "i"}` : part))
    .join("-");
}

export function reservedKey(given: string, surname: string, dob: Day): string {
  return `${given}|${surname}|${dob}`;
}

// ---------------------------------------------------------------------------------------------

const KIND_WEIGHTS: readonly (readonly [FamilyKind, number])[] = [
  ["married", 0.43],
  ["cohabiting", 0.28],
  ["single-mother", 0.21],
  ["same-sex", 0.02],
  ["grandparent-carers", 0.035],
  ["single-father", 0.025],
];

const DELIVERY: readonly (readonly [string, number])[] = [
  ["0", 58],
  ["1", 2],
  ["2", 3],
  ["3", 2],
  ["4", 7],
  ["5", 0.5],
  ["6", 0.2],
  ["7", 12],
  ["8", 15],
  ["9", 0.3],
];

const FIRST_FEED: readonly (readonly [string, number])[] = [
  ["01", 70],
  ["03", 8],
  ["02", 22],
];

/** Median birth weight (g) by completed week of gestation. */
const WEIGHT_BY_WEEK: readonly (readonly [number, number])[] = [
  [22, 500],
  [24, 650],
  [26, 900],
  [28, 1150],
  [30, 1450],
  [32, 1800],
  [34, 2250],
  [36, 2700],
  [37, 2950],
  [38, 3150],
  [39, 3350],
  [40, 3480],
  [41, 3600],
  [42, 3700],
  [43, 3750],
];

export function medianWeight(gestationDays: number): number {
  const w = gestationDays / 7;
  if (w <= WEIGHT_BY_WEEK[0][0]) return WEIGHT_BY_WEEK[0][1];
  for (let i = 1; i < WEIGHT_BY_WEEK.length; i++) {
    const [w1, g1] = WEIGHT_BY_WEEK[i];
    if (w <= w1) {
      const [w0, g0] = WEIGHT_BY_WEEK[i - 1];
      return g0 + ((g1 - g0) * (w - w0)) / (w1 - w0);
    }
  }
  return WEIGHT_BY_WEEK[WEIGHT_BY_WEEK.length - 1][1];
}

export function gestationFor(rng: Rng, twin: boolean): number {
  if (twin) return rng.normalInt(252, 14, 196, 280);
  const r = rng.float();
  if (r < 0.01) return rng.int(168, 223);
  if (r < 0.075) return rng.int(224, 258);
  if (r < 0.08) return rng.int(295, 301);
  return rng.normalInt(279, 8, 259, 294);
}

export function weightFor(rng: Rng, gestation: number, sex: Sex, twin: boolean): number {
  let mean = medianWeight(gestation) * (twin ? 0.85 : 1) + (sex === "M" ? 60 : -60);
  mean = rng.normal(mean, mean * 0.12);
  return M.max(350, M.min(5800, M.round(mean)));
}

function bookingGestation(rng: Rng): number {
  const r = rng.float();
  if (r < 0.05) return rng.int(42, 55);
  if (r < 0.9) return rng.int(56, 84);
  return rng.int(85, 140);
}

function complexSocialFactors(rng: Rng, deprived: boolean): "Y" | "N" | "X" {
  const r = rng.float();
  if (r < 0.02) return "X";
  return r < 0.02 + (deprived ? 0.2 : 0.11) ? "Y" : "N";
}

// ---------------------------------------------------------------------------------------------

interface PersonInit {
  role: Role;
  given: string;
  middle?: string | null;
  surname: string;
  birthSurname?: string;
  surnameChangedOn?: Day | null;
  dob: Day;
  sex: Sex;
  heritage: HeritageGroup;
  inHousehold?: boolean;
  send?: boolean;
  nhs?: string;
  ownAddress?: Address | null;
}

export class FamilyBuilder {
  private personCount = 0;
  constructor(
    readonly ctx: PopulationContext,
    readonly familyId: string,
    readonly rng: Rng,
    private readonly personIdPrefix: string,
  ) {}

  person(init: PersonInit): Person {
    this.personCount++;
    let dob = init.dob;
    // No random person may share a story person's name and date of birth.
    if (this.ctx.reservedGivens.has(init.given) && !this.personIdPrefix.startsWith("STORY")) {
      while (this.ctx.reserved.has(reservedKey(init.given, init.surname, dob))) dob += 1;
    }
    return {
      id: `${this.personIdPrefix}${this.personCount}`,
      familyId: this.familyId,
      role: init.role,
      given: init.given,
      middle: init.middle ?? null,
      surname: init.surname,
      birthSurname: init.birthSurname ?? init.surname,
      surnameChangedOn: init.surnameChangedOn ?? null,
      dob,
      sex: init.sex,
      nhs: init.nhs ?? this.ctx.nhs.next(this.rng),
      heritage: init.heritage,
      inHousehold: init.inHousehold ?? true,
      send: init.send ?? false,
      ownAddress: init.ownAddress ?? null,
    };
  }
}

const HERITAGE_WEIGHTS = HERITAGE_GROUPS.map((g) => g.weight);

function pickHeritage(rng: Rng): HeritageGroup {
  return HERITAGE_GROUPS[rng.weightedIndex(HERITAGE_WEIGHTS)];
}

function pickCentre(geo: Geography, rng: Rng): Centre {
  return geo.centres[rng.weightedIndex(geo.centreWeights)];
}

function childName(rng: Rng, groups: readonly HeritageGroup[], sex: Sex, avoid: readonly string[]): string {
  for (let i = 0; i < 20; i++) {
    const g = rng.pick(groups);
    const name = rng.pick(sex === "F" ? g.girls : g.boys);
    if (!avoid.includes(name)) return name;
  }
  return rng.pick(sex === "F" ? groups[0].girls : groups[0].boys);
}

function adultName(rng: Rng, group: HeritageGroup, sex: Sex): string {
  return rng.pick(sex === "F" ? group.adultFemale : group.adultMale);
}

/** Makes one random family: index is 1-based among random families. */
export function randomFamily(ctx: PopulationContext, index: number): Family {
  const R = ctx.reference;
  const rng = Rng.stream(ctx.seed, 1, index);
  const id = `F${Str(index).padStart(6, "0")}`;
  const fb = new FamilyBuilder(ctx, id, rng, `P${Str(index).padStart(6, "0")}-`);
  const geo = ctx.geography;
  const hard = ctx.noise === "hard";

  const heritage = pickHeritage(rng);
  const partnerHeritage = rng.chance(0.07) ? pickHeritage(rng) : heritage;
  const kind = rng.weighted(KIND_WEIGHTS);
  const centre = pickCentre(geo, rng);
  const address = randomAddress(geo, centre, rng);

  // --- births: a focus child under five (or a first pregnancy), older and younger siblings
  const birthDays: Day[] = [];
  const pregnantOnly =
    (kind === "married" || kind === "cohabiting" || kind === "single-mother" || kind === "same-sex") &&
    rng.chance(0.07);
  let pregnancy: CurrentPregnancy | null = null;
  const deprived = centre.deprived;
  if (pregnantOnly) {
    pregnancy = {
      edd: R + rng.int(1, 245),
      bookingGestation: bookingGestation(rng),
      complexSocialFactors: complexSocialFactors(rng, deprived),
    };
  } else {
    const focus = R - rng.int(0, M.floor(5 * YEAR) - 1);
    birthDays.push(focus);
    const older = rng.weightedIndex([0.48, 0.32, 0.14, 0.06]);
    let d = focus;
    for (let i = 0; i < older; i++) {
      d -= rng.int(15 * 30, 72 * 30);
      if (R - d > 19 * YEAR) break;
      birthDays.unshift(d);
    }
    if (R - focus > 2 * YEAR && rng.chance(0.25)) {
      const y = focus + rng.int(14 * 30, 40 * 30);
      if (y <= R) birthDays.push(y);
    }
    const youngest = birthDays[birthDays.length - 1];
    if (R - youngest > 270 && kind !== "grandparent-carers" && kind !== "single-father" && rng.chance(0.07)) {
      pregnancy = {
        edd: R + rng.int(1, 245),
        bookingGestation: bookingGestation(rng),
        complexSocialFactors: complexSocialFactors(rng, deprived),
      };
    }
  }

  // --- mother, her age at her first birth (or pregnancy)
  const first = birthDays.length ? birthDays[0] : pregnancy!.edd;
  const last = pregnancy ? pregnancy.edd : birthDays[birthDays.length - 1];
  const span = (last - first) / YEAR;
  let ageAtFirst = rng.normal(28.5, 5.5);
  ageAtFirst = M.max(16.5, M.min(ageAtFirst, 45 - span));
  const motherDob = first - M.floor(ageAtFirst * YEAR) - rng.int(0, 200);
  const motherBirthSurname = surnameFor(rng.pick(heritage.surnames), "F");

  // --- the partner (father or second parent)
  const hasPartnerInHousehold =
    kind === "married" || kind === "cohabiting" || kind === "same-sex" || kind === "single-father";
  const partnerSex: Sex = kind === "same-sex" ? "F" : "M";
  const partnerDob = motherDob - M.round(rng.normal(2.5, 3.5) * YEAR);
  const partnerSurname = rng.pick(partnerHeritage.surnames);

  // --- marriage: the mother takes her husband's name (now and then double-barrels or keeps hers)
  let motherSurname = motherBirthSurname;
  let changedOn: Day | null = null;
  if (kind === "married") {
    const r = rng.float();
    const taken = surnameFor(partnerSurname, "F");
    const newName = r < 0.84 ? taken : r < 0.92 ? `${motherBirthSurname}-${taken}` : null;
    if (newName && newName !== motherBirthSurname) {
      motherSurname = newName;
      // Most married before their first child; some married since, so older records hold the
      // maiden name.
      const since = hard ? 0.3 : 0.12;
      changedOn = rng.chance(since)
        ? M.min(R - 30, first + rng.int(60, M.max(61, R - first)))
        : first - rng.int(100, 2500);
    }
  }
  const motherInHousehold = kind !== "grandparent-carers" && kind !== "single-father";
  const motherAddress = motherInHousehold ? null : randomAddress(geo, pickCentre(geo, rng), rng);
  const mother = fb.person({
    role: "mother",
    given: adultName(rng, heritage, "F"),
    middle: rng.chance(0.15) ? adultName(rng, heritage, "F") : null,
    surname: motherSurname,
    birthSurname: motherBirthSurname,
    surnameChangedOn: changedOn,
    dob: motherDob,
    sex: "F",
    heritage,
    inHousehold: motherInHousehold,
    ownAddress: motherAddress,
  });
  if (mother.middle === mother.given) mother.middle = null;

  const registersFather =
    kind === "married" || kind === "cohabiting" || kind === "single-father" || kind === "grandparent-carers"
      ? rng.chance(0.93)
      : kind === "single-mother"
        ? rng.chance(0.3)
        : true;
  let partner: Person | null = null;
  if (hasPartnerInHousehold || registersFather) {
    partner = fb.person({
      role: kind === "same-sex" ? "parent2" : "father",
      given: adultName(rng, partnerHeritage, partnerSex),
      middle: rng.chance(0.15) ? adultName(rng, partnerHeritage, partnerSex) : null,
      surname: kind === "same-sex" ? surnameFor(rng.pick(partnerHeritage.surnames), "F") : partnerSurname,
      dob: partnerDob,
      sex: partnerSex,
      heritage: partnerHeritage,
      inHousehold: hasPartnerInHousehold,
      ownAddress: hasPartnerInHousehold ? null : randomAddress(geo, pickCentre(geo, rng), rng),
    });
  }

  // --- grandparents: carers, or living with the family
  const grandparents: Person[] = [];
  const gpSurname = mother.birthSurname;
  if (
    kind === "grandparent-carers" ||
    rng.chance(
      heritage.heritage === "pakistani" || heritage.heritage === "bangladeshi" || heritage.heritage === "indian"
        ? 0.15
        : 0.03,
    )
  ) {
    const gmDob = motherDob - M.round(rng.normal(26, 4) * YEAR);
    grandparents.push(
      fb.person({
        role: "grandparent",
        given: adultName(rng, heritage, "F"),
        surname: surnameFor(gpSurname, "F"),
        dob: gmDob,
        sex: "F",
        heritage,
      }),
    );
    if (kind === "grandparent-carers" && rng.chance(0.5)) {
      grandparents.push(
        fb.person({
          role: "grandparent",
          given: adultName(rng, heritage, "M"),
          surname: gpSurname,
          dob: gmDob - rng.int(0, 5 * 365),
          sex: "M",
          heritage,
        }),
      );
    }
  }

  // --- where they lived: moved within the borough, or moved into it
  let previousAddress: Address | null = null;
  let movedOn: Day | null = null;
  let arrivedOn: Day | null = null;
  if (rng.chance(0.05) && birthDays.length > 0) {
    arrivedOn = R - rng.int(30, M.floor(4 * YEAR));
  } else if (rng.chance(hard ? 0.25 : 0.15)) {
    movedOn = R - rng.int(14, M.floor(4 * YEAR));
    previousAddress = randomAddress(geo, rng.chance(0.6) ? centre : pickCentre(geo, rng), rng);
    if (previousAddress.postcode === address.postcode) {
      previousAddress = null;
      movedOn = null;
    }
  }

  // --- the children
  const groups = heritage === partnerHeritage ? [heritage] : [heritage, partnerHeritage];
  const children: Person[] = [];
  const births: Birth[] = [];
  const names: string[] = [];
  let pregnancyNo = 0;
  for (const day of birthDays) {
    const twins = rng.chance(0.015) ? 2 : 1;
    pregnancyNo++;
    const gestation = gestationFor(rng, twins === 2);
    const inBorough = arrivedOn === null || day >= arrivedOn;
    const homeDistrict = (
      motherAddress ?? (movedOn !== null && day < movedOn && previousAddress ? previousAddress : address)
    ).centre.locality.district;
    const atHome = rng.chance(0.02);
    const district = atHome
      ? homeDistrict
      : rng.chance(0.9)
        ? homeDistrict
        : DISTRICTS[(DISTRICTS.indexOf(homeDistrict) + 1) % DISTRICTS.length];
    const bookingG = bookingGestation(rng);
    const csf = complexSocialFactors(rng, deprived);
    for (let t = 0; t < twins; t++) {
      const sex: Sex = rng.chance(0.512) ? "M" : "F";
      const given = childName(rng, groups, sex, names);
      names.push(given);
      const middle = rng.chance(0.3) ? childName(rng, groups, sex, [...names]) : null;
      const surname = surnameFor(childSurname(rng, kind, mother, partner, day), sex);
      const child = fb.person({ role: "child", given, middle, surname, dob: day, sex, heritage });
      children.push(child);
      births.push({
        child,
        day,
        minutes: rng.int(0, 1439),
        gestation,
        weight: rng.chance(0.005) ? null : weightFor(rng, gestation, sex, twins === 2),
        delivery: rng.weighted(DELIVERY),
        firstFeed: rng.weighted(FIRST_FEED),
        pregnancy: pregnancyNo,
        twin: twins === 2,
        inBorough,
        district,
        placeOfBirth: atHome ? "Home" : district.hospital,
        bookingGestation: bookingG,
        complexSocialFactors: csf,
        registeredParent2: partner && (hasPartnerInHousehold || registersFather) ? partner : null,
      });
    }
  }
  // Older children now and then have special educational needs (0-25 with SEND).
  for (const c of children) if (R - c.dob > 5 * YEAR && rng.chance(0.08)) c.send = true;

  // --- a pregnancy lost after booking, now and then
  const losses: PregnancyLoss[] = [];
  if (rng.chance(0.03)) {
    const anchor = birthDays.find((d) => d > R - MATERNITY_WINDOW_DAYS) ?? pregnancy?.edd ?? R;
    const bg = rng.int(56, 84);
    const booking = anchor - 280 - rng.int(120, 400);
    if (booking > R - MATERNITY_WINDOW_DAYS && booking > arrivedOnOr(arrivedOn))
      losses.push({ booking, bookingGestation: bg, edd: booking - bg + 280 });
  }

  // --- children's centre registration: more likely in the most deprived areas
  const under5 = birthDays.filter((d) => R - d < 5 * YEAR);
  let ccRegisteredOn: Day | null = null;
  if (rng.chance(centre.deprived ? 0.77 : 0.54)) {
    const earliest = under5.length ? under5[0] - 120 : pregnancy!.edd - 280 + 84;
    const start = M.max(R - M.floor(5 * YEAR), earliest, arrivedOnOr(arrivedOn));
    if (start <= R) ccRegisteredOn = M.min(R, start + M.floor(rng.float() ** 2 * (R - start)));
  }
  const ccEngagement = rng.weightedIndex([0.35, 0.45, 0.2]) as 0 | 1 | 2;

  return {
    id,
    index,
    story: null,
    heritage,
    kind,
    centre,
    address,
    previousAddress,
    movedOn,
    arrivedOn,
    mother,
    partner,
    grandparents,
    children,
    births,
    pregnancy,
    losses,
    ccRegisteredOn,
    ccEngagement,
  };
}

function arrivedOnOr(arrivedOn: Day | null): Day {
  return arrivedOn ?? NEG_INF;
}

/** Surname a child is registered with, by the family's situation at the birth. */
function childSurname(rng: Rng, kind: FamilyKind, mother: Person, partner: Person | null, day: Day): string {
  const motherName = surnameOn(mother, day);
  if (!partner) return motherName;
  const p = partner.surname;
  if (motherName === p) return p;
  const r = rng.float();
  if (kind === "same-sex") return r < 0.6 ? motherName : r < 0.85 ? `${motherName}-${p}` : p;
  if (kind === "single-mother") return r < 0.7 ? motherName : p;
  if (motherName.includes("-")) return r < 0.5 ? motherName : p;
  if (r < 0.55) return p;
  if (r < 0.8) return motherName;
  return rng.chance(0.7) ? `${motherName}-${p}` : `${p}-${motherName}`;
}

/** The surname a person had on a given day. */
export function surnameOn(p: Person, day: Day): string {
  return p.surnameChangedOn !== null && day < p.surnameChangedOn ? p.birthSurname : p.surname;
}

/** The family's address on a given day (null before it moved into the borough). */
export function addressOn(f: Family, day: Day): Address | null {
  if (f.arrivedOn !== null && day < f.arrivedOn) return null;
  if (f.movedOn !== null && f.previousAddress && day < f.movedOn) return f.previousAddress;
  return f.address;
}

/** A person's address on a day: their own for a parent living elsewhere. */
export function personAddressOn(f: Family, p: Person, day: Day): Address | null {
  return p.ownAddress ?? addressOn(f, day);
}
