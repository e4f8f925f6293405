import type { IsoDate } from "@ffd/shared";
import { addMonthsDay, dayOf, isoOf, type Day } from "./days";
import type { Geography } from "./geography";
import { HERITAGE_GROUPS, type Heritage } from "./names";
import {
  FamilyBuilder,
  reservedKey,
  type Birth,
  type Family,
  type FamilyKind,
  type Person,
  type PopulationContext,
  type Sex,
} from "./population";
import { Rng } from "./random";

/**
 * Story families: always in the borough, whatever the seed and size, with fixed names, dates
 * (some relative to the reference date), NHS numbers and local ids, so that demos and tests can
 * rely on them. See borough/README.md.
 */
export type ReviewType = "ANT" | "NBV" | "68W" | "1YR" | "2YR";

/** When a mandated review happened, in days from the birth (negative before it); null: not done. */
export interface ReviewPlan {
  day: number | null;
  dna?: number[];
  bf?: "T" | "P" | "N";
  asq3?: "Y" | "N";
}

export type StoryDate = IsoDate | { monthsBefore?: number; daysBefore?: number; yearsBefore?: number };

export interface StoryPersonSpec {
  personId: string;
  role: Person["role"];
  given: string;
  surname: string;
  birthSurname?: string;
  dateOfBirth: StoryDate;
  sex: Sex;
  nhsNumber: string;
  send?: boolean;
  inHealthVisiting: boolean;
  /** Name the children's centre holds (null: not a centre member). */
  childrensCentres: { given: string; surname: string; relationship: string } | null;
  /** Child's mandated reviews as recorded by health visiting. */
  reviews?: Partial<Record<ReviewType, ReviewPlan>>;
  /** Child's birth registration: days after the birth, and whether at a children's centre. */
  registration?: { delayDays: number; atCentre: boolean; informant: string };
  /** Health visiting keyed this person's NHS number with spaces. */
  nhsSpacedInHealthVisiting?: boolean;
  /** Child born in the borough's trust (maternity and registration). */
  bornInBorough?: boolean;
  /**
   * Children's social care: an open plan that started `daysBefore` the reference date, with its
   * category of abuse (CIN census code). `UCPP` is an unborn child's plan, held on the mother.
   */
  socialCare?: { episode: "CPP" | "UCPP"; daysBefore: number; abuseCategory: "NEG" | "PHY" | "EMO" | "SAB" | "MUL" };
}

export interface StoryFamilySpec {
  key: "hussain" | "nowak" | "campbell" | "bennett" | "okafor" | "patel";
  familyId: string;
  summary: string;
  heritage: Heritage;
  kind: FamilyKind;
  centreCode: string;
  addressLine1: string;
  postcode: string;
  /** The household's registration at its centre; null: no children's centre knows the family. */
  ccRegistered: { daysBefore: number; activities: string[] } | null;
  pregnancy?: { eddDaysAfter: number; bookingGestation: number; complexSocialFactors: "Y" | "N" };
  /** Health visiting: when an expectant mother was added (days before the reference date). */
  people: StoryPersonSpec[];
}

export const STORY_FAMILIES: readonly StoryFamilySpec[] = [
  {
    key: "hussain",
    familyId: "STORY-HUSSAIN",
    summary:
      "Amira Hussain and her daughter Zara, 45 days old, known to all four agencies. The children's centre spells the mother 'Amirah Husain' and holds no NHS numbers; Zara's centre record matches exactly. Zara's birth was registered at a children's centre.",
    heritage: "pakistani",
    kind: "cohabiting",
    centreCode: "CC01",
    addressLine1: "14 Cedar Road",
    postcode: "DY1 4QT",
    ccRegistered: { daysBefore: 150, activities: ["Bumps and Babies", "Baby Massage"] },
    people: [
      {
        personId: "STORY-HUSSAIN-AMIRA",
        role: "mother",
        given: "Amira",
        surname: "Hussain",
        dateOfBirth: "1994-03-12",
        sex: "F",
        nhsNumber: "4857773457",
        inHealthVisiting: true,
        childrensCentres: { given: "Amirah", surname: "Husain", relationship: "Self" },
      },
      {
        personId: "STORY-HUSSAIN-BILAL",
        role: "father",
        given: "Bilal",
        surname: "Ahmed",
        dateOfBirth: "1991-08-03",
        sex: "M",
        nhsNumber: "4857773473",
        inHealthVisiting: true,
        childrensCentres: { given: "Bilal", surname: "Ahmed", relationship: "Partner" },
      },
      {
        personId: "STORY-HUSSAIN-ZARA",
        role: "child",
        given: "Zara",
        surname: "Hussain",
        dateOfBirth: { daysBefore: 45 },
        sex: "F",
        nhsNumber: "4857773465",
        inHealthVisiting: true,
        nhsSpacedInHealthVisiting: true,
        childrensCentres: { given: "Zara", surname: "Hussain", relationship: "Daughter" },
        reviews: {
          ANT: { day: -52 },
          NBV: { day: 11 },
          "68W": { day: null },
          "1YR": { day: null },
          "2YR": { day: null },
        },
        registration: { delayDays: 20, atCentre: true, informant: "Mother and father" },
        bornInBorough: true,
      },
    ],
  },
  {
    key: "nowak",
    familyId: "STORY-NOWAK",
    summary:
      "Katarzyna and Tomasz Nowak and their son Leo, 13 months old: his birth was registered late (58 days), his 1 year review is OVERDUE (a missed appointment at 11 months, none since). The centre knows his mother as 'Kasia'.",
    heritage: "polish",
    kind: "married",
    centreCode: "CC06",
    addressLine1: "27 Foundry Lane",
    postcode: "DY4 7PJ",
    ccRegistered: { daysBefore: 330, activities: ["Stay and Play", "Rhyme Time"] },
    people: [
      {
        personId: "STORY-NOWAK-KATARZYNA",
        role: "mother",
        given: "Katarzyna",
        surname: "Nowak",
        birthSurname: "Zielinska",
        dateOfBirth: "1990-07-04",
        sex: "F",
        nhsNumber: "4857773481",
        inHealthVisiting: true,
        childrensCentres: { given: "Kasia", surname: "Nowak", relationship: "Self" },
      },
      {
        personId: "STORY-NOWAK-TOMASZ",
        role: "father",
        given: "Tomasz",
        surname: "Nowak",
        dateOfBirth: "1988-02-19",
        sex: "M",
        nhsNumber: "4857773503",
        inHealthVisiting: false,
        childrensCentres: { given: "Tomasz", surname: "Nowak", relationship: "Partner" },
      },
      {
        personId: "STORY-NOWAK-LEO",
        role: "child",
        given: "Leo",
        surname: "Nowak",
        dateOfBirth: { monthsBefore: 13 },
        sex: "M",
        nhsNumber: "4857773511",
        inHealthVisiting: true,
        childrensCentres: { given: "Leo", surname: "Nowak", relationship: "Son" },
        // The 1 year review opens at 9 months: a DNA at 11 months (day 335), nothing since.
        reviews: {
          ANT: { day: -40 },
          NBV: { day: 9 },
          "68W": { day: 49, bf: "P" },
          "1YR": { day: null, dna: [335] },
          "2YR": { day: null },
        },
        registration: { delayDays: 58, atCentre: false, informant: "Mother and father" },
        bornInBorough: true,
      },
    ],
  },
  {
    key: "campbell",
    familyId: "STORY-CAMPBELL",
    summary:
      "Shanice and Marcus Campbell, their son Jayden (15, with special educational needs and disabilities) and daughter Nia (27 months), whose 2-2.5 year review is DUE. Jayden is too old for health visiting and born before maternity's records, so only registration and the children's centre know him.",
    heritage: "caribbean",
    kind: "married",
    centreCode: "CC10",
    addressLine1: "5 Wharf Close",
    postcode: "DY5 3RB",
    ccRegistered: { daysBefore: 700, activities: ["SEND Parent Support", "Stay and Play"] },
    people: [
      {
        personId: "STORY-CAMPBELL-SHANICE",
        role: "mother",
        given: "Shanice",
        surname: "Campbell",
        birthSurname: "Grant",
        dateOfBirth: "1987-11-23",
        sex: "F",
        nhsNumber: "4857773538",
        inHealthVisiting: true,
        childrensCentres: { given: "Shanice", surname: "Campbell", relationship: "Self" },
      },
      {
        personId: "STORY-CAMPBELL-MARCUS",
        role: "father",
        given: "Marcus",
        surname: "Campbell",
        dateOfBirth: "1985-06-14",
        sex: "M",
        nhsNumber: "4857773546",
        inHealthVisiting: false,
        childrensCentres: { given: "Marcus", surname: "Campbell", relationship: "Partner" },
      },
      {
        personId: "STORY-CAMPBELL-JAYDEN",
        role: "child",
        given: "Jayden",
        surname: "Campbell",
        dateOfBirth: { yearsBefore: 15, daysBefore: 100 },
        sex: "M",
        nhsNumber: "4857773554",
        send: true,
        inHealthVisiting: false,
        childrensCentres: { given: "Jayden", surname: "Campbell", relationship: "Son" },
        registration: { delayDays: 19, atCentre: false, informant: "Mother and father" },
        bornInBorough: true,
      },
      {
        personId: "STORY-CAMPBELL-NIA",
        role: "child",
        given: "Nia",
        surname: "Campbell",
        dateOfBirth: { monthsBefore: 27 },
        sex: "F",
        nhsNumber: "4857773562",
        inHealthVisiting: true,
        childrensCentres: { given: "Nia", surname: "Campbell", relationship: "Daughter" },
        reviews: {
          ANT: { day: -30 },
          NBV: { day: 10 },
          "68W": { day: 44, bf: "N" },
          "1YR": { day: 340 },
          "2YR": { day: null },
        },
        registration: { delayDays: 16, atCentre: false, informant: "Mother" },
        bornInBorough: true,
      },
    ],
  },
  {
    key: "bennett",
    familyId: "STORY-BENNETT",
    summary:
      "Chloe Bennett, expecting her first baby in 30 days (34 weeks pregnant), with her partner Ryan Taylor: booked with maternity (complex social factors), on the health visitor's caseload as an antenatal client whose antenatal contact is DUE, and registered at a family hub. No birth yet, so no registration.",
    heritage: "english",
    kind: "cohabiting",
    centreCode: "CC12",
    addressLine1: "Flat 3, Meadow House",
    postcode: "DY8 2LW",
    ccRegistered: { daysBefore: 60, activities: ["Bumps and Babies"] },
    pregnancy: { eddDaysAfter: 30, bookingGestation: 70, complexSocialFactors: "Y" },
    people: [
      {
        personId: "STORY-BENNETT-CHLOE",
        role: "mother",
        given: "Chloe",
        surname: "Bennett",
        dateOfBirth: "1999-05-30",
        sex: "F",
        nhsNumber: "4857773570",
        inHealthVisiting: true,
        childrensCentres: { given: "Chloe", surname: "Bennett", relationship: "Self" },
      },
      {
        personId: "STORY-BENNETT-RYAN",
        role: "father",
        given: "Ryan",
        surname: "Taylor",
        dateOfBirth: "1997-10-02",
        sex: "M",
        nhsNumber: "4857773589",
        inHealthVisiting: false,
        childrensCentres: { given: "Ryan", surname: "Taylor", relationship: "Partner" },
      },
    ],
  },
  {
    key: "okafor",
    familyId: "STORY-OKAFOR",
    summary:
      "Grace Okafor, pregnant (due in 60 days), and her son Daniel (born 2021-09-14). Children's social care holds both: an unborn child protection plan on Grace and a child protection plan on Daniel, each started 10 days before the reference date, with their allocated social worker. Health visiting knows Grace as an antenatal client and both are members of a children's centre.",
    heritage: "nigerian",
    kind: "single-mother",
    centreCode: "CC03",
    addressLine1: "22 Lock Street",
    postcode: "DY2 8NS",
    ccRegistered: { daysBefore: 400, activities: ["Stay and Play"] },
    pregnancy: { eddDaysAfter: 60, bookingGestation: 84, complexSocialFactors: "Y" },
    people: [
      {
        personId: "STORY-OKAFOR-GRACE",
        role: "mother",
        given: "Grace",
        surname: "Okafor",
        dateOfBirth: "1998-06-02",
        sex: "F",
        nhsNumber: "4857773597",
        inHealthVisiting: true,
        childrensCentres: { given: "Grace", surname: "Okafor", relationship: "Self" },
        socialCare: { episode: "UCPP", daysBefore: 10, abuseCategory: "NEG" },
      },
      {
        personId: "STORY-OKAFOR-DANIEL",
        role: "child",
        given: "Daniel",
        surname: "Okafor",
        dateOfBirth: "2021-09-14",
        sex: "M",
        nhsNumber: "4857773600",
        inHealthVisiting: true,
        childrensCentres: { given: "Daniel", surname: "Okafor", relationship: "Son" },
        registration: { delayDays: 21, atCentre: false, informant: "Mother" },
        bornInBorough: true,
        socialCare: { episode: "CPP", daysBefore: 10, abuseCategory: "NEG" },
      },
    ],
  },
  {
    key: "patel",
    familyId: "STORY-PATEL",
    summary:
      "Priya Patel and her son Arjun, 20 days old: known to maternity, health visiting (new birth visit on day 12) and registration (registered on day 15 at the register office), and to no children's centre. Arjun is on Brindleford Central's outreach list of new births not known to a centre; Zara Hussain, in the same locality, is known to one and is not.",
    heritage: "indian",
    kind: "single-mother",
    // The centre whose reach area the address is in (St Mark's, Brindleford Central); the family is not registered there.
    centreCode: "CC02",
    addressLine1: "9 Lime Grove",
    postcode: "DY1 1PN",
    ccRegistered: null,
    people: [
      {
        personId: "STORY-PATEL-PRIYA",
        role: "mother",
        given: "Priya",
        surname: "Patel",
        dateOfBirth: "1996-01-20",
        sex: "F",
        nhsNumber: "4857773619",
        inHealthVisiting: true,
        childrensCentres: null,
      },
      {
        personId: "STORY-PATEL-ARJUN",
        role: "child",
        given: "Arjun",
        surname: "Patel",
        dateOfBirth: { daysBefore: 20 },
        sex: "M",
        nhsNumber: "4857773627",
        inHealthVisiting: true,
        childrensCentres: null,
        reviews: {
          ANT: { day: -60 },
          NBV: { day: 12 },
          "68W": { day: null },
          "1YR": { day: null },
          "2YR": { day: null },
        },
        registration: { delayDays: 15, atCentre: false, informant: "Mother" },
        bornInBorough: true,
      },
    ],
  },
];

export function storyDay(d: StoryDate, reference: Day): Day {
  if (typeof d === "string") return dayOf(d);
  let day = addMonthsDay(reference, -((d.yearsBefore ?? 0) * 12 + (d.monthsBefore ?? 0)));
  day -= d.daysBefore ?? 0;
  return day;
}

/** A story person's date of birth as of a reference date. */
export function storyDateOfBirth(personId: string, referenceDate: IsoDate): IsoDate {
  for (const f of STORY_FAMILIES)
    for (const p of f.people) if (p.personId === personId) return isoOf(storyDay(p.dateOfBirth, dayOf(referenceDate)));
  throw new RangeError(`no story person ${personId}`);
}

export function storyPerson(personId: string): StoryPersonSpec {
  for (const f of STORY_FAMILIES) for (const p of f.people) if (p.personId === personId) return p;
  throw new RangeError(`no story person ${personId}`);
}

/** Reserves story people's NHS numbers and name/date-of-birth keys before any random person. */
export function reserveStories(ctx: PopulationContext): void {
  for (const f of STORY_FAMILIES) {
    for (const p of f.people) {
      ctx.nhs.reserve(p.nhsNumber);
      ctx.reserved.add(reservedKey(p.given, p.surname, storyDay(p.dateOfBirth, ctx.reference)));
      ctx.reservedGivens.add(p.given);
    }
  }
}

/** Health visiting / centre / registration plans of story people, by person id. */
export interface StoryPlan {
  spec: StoryFamilySpec;
  byPerson: Map<string, StoryPersonSpec>;
}

export interface StoryFamily extends Family {
  plan: StoryPlan;
}

export function buildStoryFamilies(ctx: PopulationContext): StoryFamily[] {
  return STORY_FAMILIES.map((spec, i) => buildStory(ctx, spec, i));
}

function buildStory(ctx: PopulationContext, spec: StoryFamilySpec, i: number): StoryFamily {
  const R = ctx.reference;
  const geo: Geography = ctx.geography;
  const rng = Rng.stream(ctx.seed, 3, i);
  const fb = new FamilyBuilder(ctx, spec.familyId, rng, `${spec.familyId}-`);
  const heritage = HERITAGE_GROUPS.find((g) => g.heritage === spec.heritage)!;
  const centre = geo.centres.find((c) => c.code === spec.centreCode)!;
  const address = { line1: spec.addressLine1, town: centre.locality.town, postcode: spec.postcode, centre };
  const byPerson = new Map(spec.people.map((p) => [p.personId, p]));
  const people = spec.people.map((p) => {
    const person = fb.person({
      role: p.role,
      given: p.given,
      surname: p.surname,
      birthSurname: p.birthSurname ?? p.surname,
      // Married twelve years before the reference date: after Jayden's birth, before Leo's.
      surnameChangedOn: p.birthSurname ? addMonthsDay(R, -144) : null,
      dob: storyDay(p.dateOfBirth, R),
      sex: p.sex,
      heritage,
      send: p.send ?? false,
      nhs: p.nhsNumber,
    });
    person.id = p.personId;
    return person;
  });
  const mother = people.find((p) => p.role === "mother")!;
  const partner = people.find((p) => p.role === "father" || p.role === "parent2") ?? null;
  const children = people.filter((p) => p.role === "child").sort((a, b) => a.dob - b.dob);
  const births: Birth[] = children.map((child, n) => ({
    child,
    day: child.dob,
    minutes: 277 + n * 311,
    gestation: 276 - n * 3,
    weight: child.sex === "F" ? 3290 : 3510,
    delivery: n === 0 ? "0" : "4",
    firstFeed: "01",
    pregnancy: n + 1,
    twin: false,
    inBorough: byPerson.get(child.id)?.bornInBorough ?? true,
    district: centre.locality.district,
    placeOfBirth: centre.locality.district.hospital,
    bookingGestation: 70 + n * 4,
    complexSocialFactors: "N",
    registeredParent2: partner,
  }));
  return {
    id: spec.familyId,
    index: -(i + 1),
    story: spec.key,
    heritage,
    kind: spec.kind,
    centre,
    address,
    previousAddress: null,
    movedOn: null,
    arrivedOn: null,
    mother,
    partner,
    grandparents: [],
    children,
    births,
    pregnancy: spec.pregnancy
      ? {
          edd: R + spec.pregnancy.eddDaysAfter,
          bookingGestation: spec.pregnancy.bookingGestation,
          complexSocialFactors: spec.pregnancy.complexSocialFactors,
        }
      : null,
    losses: [],
    ccRegisteredOn: spec.ccRegistered ? R - spec.ccRegistered.daysBefore : null,
    ccEngagement: 1,
    plan: { spec, byPerson },
  };
}

export function isStory(f: Family): f is StoryFamily {
  return f.story !== null;
}
