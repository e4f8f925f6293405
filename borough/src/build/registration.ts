import { REGISTRATION_IDENTITY_CHANGE_LOG, REGISTRATION_SCHEMA } from "../agencies/registration.schema";
import { isoOf, timeOf, type Day } from "../days";
import { DISTRICTS } from "../geography";
import { HERITAGE_GROUPS } from "../names";
import { wrongDate } from "../noise";
import { MATERNITY_WINDOW_DAYS, personAddressOn, type Birth, type Family, type Person } from "../population";
import { Rng } from "../random";
import type { AgencyDatabase, TruthRecord } from "../types";
import { Presenter, hubOf, truthRecord, type BuildContext, type Value } from "./common";

interface Entry {
  district: string;
  date: Day;
  order: number;
  row: Value[];
  /** Truth records of the child, mother and parent2, whose local ids wait for the entry number. */
  truth: TruthRecord[];
}

const ROLES = ["child", "mother", "parent2"] as const;

const UK_BIRTHPLACES = [
  "Brindleford",
  "Brindleford",
  "Brindleford",
  "Birmingham",
  "Wolverhampton",
  "Dudley",
  "Walsall",
  "London",
  "Manchester",
  "Stoke-on-Trent",
];

/** Registering at a children's centre: offered for the births of the last six years. */
const REGISTRAR_SURNAMES = ["Whitehouse", "Sandhu", "Parkes", "Oyelaran", "Hickman", "Rashid", "Tonks", "Begum"];
const registrarsByContext = new WeakMap<BuildContext, Map<string, string[]>>();

/**
 * The registrar who signed an entry: each district's three registrars, drawn from a stream of
 * their own (no other draw moves), take the entries in turn by day.
 */
function registrarOf(ctx: BuildContext, district: string, date: Day): string {
  let byDistrict = registrarsByContext.get(ctx);
  if (!byDistrict) {
    const rng = Rng.stream(ctx.seed, 62);
    byDistrict = new Map(
      DISTRICTS.map((d) => [
        d.name,
        [0, 1, 2].map(
          () => `${rng.pick(rng.pick(HERITAGE_GROUPS.slice(0, 8)).adultFemale)} ${rng.pick(REGISTRAR_SURNAMES)}`,
        ),
      ]),
    );
    registrarsByContext.set(ctx, byDistrict);
  }
  const list = byDistrict.get(district) ?? byDistrict.values().next().value!;
  return list[((date % list.length) + list.length) % list.length];
}

export const REGISTERED_AT_CENTRE_SHARE = 0.2;
export const REGISTERED_WITHIN_42_DAYS_SHARE = 0.96;

/**
 * Birth registration (Registration Online shapes): one entry per child born in the borough,
 * numbered in order of registration within each district.
 */
export function buildRegistration(ctx: BuildContext): { database: AgencyDatabase; truth: TruthRecord[] } {
  const R = ctx.reference;
  const pr = new Presenter("registration", ctx);
  const entries: Entry[] = [];
  let order = 0;

  for (const f of ctx.families) {
    const { story, rng } = pr.family(61, f);
    for (const b of f.births) {
      if (!b.inBorough) continue;
      const plan = story?.plan.byPerson.get(b.child.id)?.registration;
      const delay = plan
        ? plan.delayDays
        : rng.chance(REGISTERED_WITHIN_42_DAYS_SHARE)
          ? rng.normalInt(17, 9, 2, 42)
          : rng.int(43, 160);
      const date = b.day + delay;
      if (date > R) continue;
      entries.push(entry(ctx, f, b, date, ++order, plan, pr, rng));
    }
  }

  // Entry numbers run in order of registration within each district.
  const byDistrict = new Map<string, Entry[]>(DISTRICTS.map((d) => [d.name, []]));
  for (const e of entries) byDistrict.get(e.district)!.push(e);
  const rows: Value[][] = [];
  const truth: TruthRecord[] = [];
  for (const [district, list] of byDistrict) {
    list.sort((a, b) => a.date - b.date || a.order - b.order);
    list.forEach((e, i) => {
      const n = i + 1;
      e.row[1] = n;
      rows.push(e.row);
      e.truth.forEach((t, k) => {
        t.localId = `${district}:${n}:${ROLES[k]}`;
        truth.push(t);
      });
    });
  }
  return {
    database: {
      agency: "registration",
      schema: REGISTRATION_SCHEMA,
      changeLog: REGISTRATION_IDENTITY_CHANGE_LOG,
      tables: [
        {
          table: "ron_birth_reg",
          columns: [
            "reg_district",
            "entry_no",
            "date_of_reg",
            "child_forenames",
            "child_surname",
            "child_sex",
            "child_dob",
            "child_tob",
            "place_of_birth",
            "child_nhs_no",
            "mother_forenames",
            "mother_surname",
            "mother_maiden_surname",
            "mother_dob",
            "mother_birthplace",
            "mother_usual_addr_postcode",
            "parent2_type",
            "parent2_forenames",
            "parent2_surname",
            "parent2_dob",
            "informant_qual",
            "reg_venue",
            "reg_at_cc_ind",
            "registrar_name",
          ],
          rows,
        },
      ],
    },
    truth,
  };
}

function entry(
  ctx: BuildContext,
  f: Family,
  b: Birth,
  date: Day,
  order: number,
  plan: { delayDays: number; atCentre: boolean; informant: string } | undefined,
  pr: Presenter,
  rng: Rng,
): Entry {
  const R = ctx.reference;
  const c = b.child;
  const m = f.mother;
  const forenames = (p: Person, child: boolean) => {
    const first = pr.given(p.given, child);
    return p.middle && !pr.quiet ? `${first} ${p.middle}` : first;
  };
  const childForenames = forenames(c, true);
  const childSurname = pr.familyForm(c.surname);
  const childNhs = pr.happens("nhsMissingChild", pr.rates.nhsMissingChild) ? null : c.nhs;
  const motherForenames = forenames(m, false);
  const motherSurname = pr.familyForm(pr.surnameAsCaptured(m, date));
  const motherDob = pr.happens("dobError") ? wrongDate(m.dob, rng) : m.dob;
  const then = personAddressOn(f, m, date) ?? f.address;
  const now = personAddressOn(f, m, R) ?? f.address;
  const moved = then.postcode !== now.postcode;
  const stale = moved && pr.happens("postcodeStale");
  pr.inherit("postcodeStale", moved, stale); // the child's record carries it too
  const postcode = stale ? then.postcode : now.postcode;
  const birthplace = rng.chance(m.heritage.ukBorn) ? rng.pick(UK_BIRTHPLACES) : rng.pick(m.heritage.birthplaces);
  const p2 = b.registeredParent2;
  let p2Forenames: string | null = null;
  let p2Surname: string | null = null;
  let p2Dob: Day | null = null;
  if (p2) {
    p2Forenames = forenames(p2, false);
    p2Surname = pr.familyForm(pr.surnameAsCaptured(p2, date));
    p2Dob = pr.happens("dobError") ? wrongDate(p2.dob, rng) : p2.dob;
  }
  const p2Type = p2 ? (p2.role === "parent2" ? "P" : "F") : null;
  const informant =
    plan?.informant ??
    (p2Type === "F"
      ? rng.weighted([
          ["Mother and father", 50],
          ["Mother", 30],
          ["Father", 20],
        ] as const)
      : p2Type === "P"
        ? rng.weighted([
            ["Both parents", 60],
            ["Mother", 30],
            ["Parent", 10],
          ] as const)
        : "Mother");
  const recent = b.day > R - MATERNITY_WINDOW_DAYS;
  const atCentre = plan ? plan.atCentre : recent && rng.chance(0.2);
  const venue = atCentre ? hubOf(ctx.geography, then.centre.locality.index).name : "Register Office";
  const place = b.placeOfBirth === "Home" ? `${then.line1}, ${then.town}` : b.placeOfBirth;
  const district = b.placeOfBirth === "Home" ? then.centre.locality.district.name : b.district.name;
  const row: Value[] = [
    district,
    0,
    isoOf(date),
    childForenames,
    childSurname,
    c.sex === "M" ? "1" : "2",
    isoOf(b.day),
    b.twin ? timeOf(b.minutes) : null,
    place,
    childNhs,
    motherForenames,
    motherSurname,
    m.birthSurname,
    isoOf(motherDob),
    birthplace,
    postcode,
    p2Type,
    p2Forenames,
    p2Surname,
    p2Dob === null ? null : isoOf(p2Dob),
    informant,
    venue,
    atCentre ? "Y" : "N",
    registrarOf(ctx, district, date),
  ];
  const truth = [
    truthRecord("registration", "", c, {
      given: childForenames,
      family: childSurname,
      dob: b.day,
      sex: c.sex,
      postcode,
      nhs: childNhs,
    }),
    truthRecord("registration", "", m, {
      given: motherForenames,
      family: motherSurname,
      dob: motherDob,
      sex: "F",
      postcode,
      nhs: null,
    }),
  ];
  if (p2)
    truth.push(
      truthRecord("registration", "", p2, {
        given: p2Forenames,
        family: p2Surname,
        dob: p2Dob,
        sex: p2.sex,
        postcode: null,
        nhs: null,
      }),
    );
  return { district, date, order, row, truth };
}
