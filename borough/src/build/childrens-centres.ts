import { CHILDRENS_CENTRES_IDENTITY_CHANGE_LOG, CHILDRENS_CENTRES_SCHEMA } from "../agencies/childrens-centres.schema";
import { addMonthsDay, isoOf, midnightOf, partsOfDay, timestampOf, weekdayOf, type Day } from "../days";
import type { Centre } from "../geography";
import { postcodeForm, wrongDate } from "../noise";
import { addressOn, YEAR, type Person } from "../population";
import { Rng } from "../random";
import type { AgencyDatabase, TruthRecord } from "../types";
import { Presenter, table, truthRecord, type BuildContext } from "./common";
import { HERITAGE_GROUPS } from "../names";
import { otherParentSurname, STAFF_SURNAMES } from "./health-visiting";

// Globals bound once: global lookups are slow inside test sandboxes (vm contexts).
const M = Math;

/** Every centre runs these each week; busier boroughs add more from EXTRA_ACTIVITIES. */
const CORE_ACTIVITIES = ["Stay and Play", "Baby Massage", "Bumps and Babies", "Rhyme Time", "SEND Parent Support"];
const EXTRA_ACTIVITIES = [
  "Breastfeeding Support",
  "Messy Play",
  "Child Health Clinic",
  "Dads Group",
  "Speech and Language Drop-in",
  "Healthy Start Advice",
  "Parenting Course",
  "Antenatal Clinic",
  "Toddler Talk",
  "Sensory Play",
  "Stay and Play",
  "Baby Massage",
  "Rhyme Time",
];

/** How far back the centres' session records go. */
export const SESSION_WEEKS = 78;

interface CentreSessions {
  ids: number[];
  days: Day[];
  activities: string[];
}

/**
 * The children's centres' case system: centres, households registered with a centre, their
 * members (names as the family gave them, seldom an NHS number), weekly sessions and who came.
 */
export function buildChildrensCentres(ctx: BuildContext): { database: AgencyDatabase; truth: TruthRecord[] } {
  const R = ctx.reference;
  const geo = ctx.geography;
  const centres = table("cc_centre", [
    "centre_code",
    "centre_name",
    "cluster_name",
    "locality_name",
    "postcode",
    "in_most_deprived_30pct",
    "centre_phone",
  ]);
  // Reception lines numbered by centre, and key workers from a stream of their own, so that no
  // draw of the other streams (and no value built from them) moves.
  const staffRng = Rng.stream(ctx.seed, 53);
  const keyWorkers = new Map<string, string[]>();
  geo.centres.forEach((c, i) => {
    centres.rows.push([c.code, c.name, c.cluster, c.locality.name, c.postcode, c.deprived, `01384 ${815001 + i}`]);
    const names: string[] = [];
    for (let k = 0; k < 3; k++) {
      const g = staffRng.pick(HERITAGE_GROUPS.slice(0, 8));
      names.push(`${staffRng.pick(g.adultFemale)} ${staffRng.pick(STAFF_SURNAMES)}`);
    }
    keyWorkers.set(c.code, names);
  });
  const households = table("cc_household", [
    "hh_ref",
    "centre_code",
    "addr_line_1",
    "addr_town",
    "postcode",
    "date_registered",
    "consent_share",
    "key_worker",
  ]);
  const members = table("cc_member", [
    "member_ref",
    "hh_ref",
    "first_name",
    "last_name",
    "date_of_birth",
    "gender",
    "member_role",
    "relationship",
    "nhs_num",
  ]);
  const sessions = table("cc_session", ["session_id", "centre_code", "session_date", "activity"]);
  const attendance = table("cc_attendance", ["session_id", "member_ref"]);
  const truth: TruthRecord[] = [];

  // --- weekly sessions at every centre for the last 78 weeks (none over Christmas)
  const perCentre = buildSessions(ctx, geo.centres, sessions);

  const pr = new Presenter("childrens-centres", ctx);
  let hhNo = 100_000;
  let memberNo = 1_000_000;

  for (const f of ctx.families) {
    if (f.ccRegisteredOn === null) continue;
    const { story, rng } = pr.family(51, f);
    const regOn = f.ccRegisteredOn;
    const atReg = addressOn(f, regOn) ?? f.address;
    // Every member record carries the household's postcode (counted per member below).
    const moved = atReg.postcode !== f.address.postcode;
    const stale = moved && !pr.quiet && rng.chance(pr.rates.postcodeStale);
    const addr = stale ? atReg : f.address;
    const hhRef = `HH${++hhNo}`;
    const rawPc = pr.happens("postcodeFormat") ? postcodeForm(addr.postcode, rng) : addr.postcode;
    const centre = atReg.centre;
    households.rows.push([
      hhRef,
      centre.code,
      addr.line1,
      addr.town,
      rawPc,
      timestampOf(regOn, story ? 600 : rng.int(9 * 60, 16 * 60 + 30)),
      story || rng.chance(0.85) ? "Y" : "N",
      staffRng.pick(keyWorkers.get(centre.code)!),
    ]);

    // --- who is in the household as the centre knows it
    const list: { person: Person; role: "CARER" | "CHILD"; relationship: string }[] = [];
    const lead = f.kind === "grandparent-carers" ? f.grandparents[0] : f.mother.inHousehold ? f.mother : f.partner!;
    const grand = f.kind === "grandparent-carers";
    if (story) {
      for (const person of [f.mother, f.partner, ...f.children]) {
        const spec = person ? story.plan.byPerson.get(person.id) : undefined;
        if (person && spec?.childrensCentres)
          list.push({
            person,
            role: person.role === "child" ? "CHILD" : "CARER",
            relationship: spec.childrensCentres.relationship,
          });
      }
    } else {
      list.push({ person: lead, role: "CARER", relationship: "Self" });
      if (grand) {
        for (const g of f.grandparents.slice(1)) list.push({ person: g, role: "CARER", relationship: "Partner" });
      } else {
        if (f.partner && f.partner.inHousehold && f.partner !== lead && rng.chance(0.75))
          list.push({ person: f.partner, role: "CARER", relationship: "Partner" });
        for (const g of f.grandparents)
          if (rng.chance(0.5)) list.push({ person: g, role: "CARER", relationship: "Grandparent" });
      }
      for (const c of f.children) {
        const under5AtReg = c.dob <= regOn && addMonthsDay(c.dob, 60) > regOn;
        const bornSince = c.dob > regOn && c.dob <= R;
        const olderSibling = c.dob <= regOn && regOn - c.dob < 11 * YEAR;
        const include =
          under5AtReg || (bornSince && rng.chance(0.85)) || (olderSibling && !under5AtReg && rng.chance(0.4));
        if (!include) continue;
        const rel = grand ? (c.sex === "F" ? "Granddaughter" : "Grandson") : c.sex === "F" ? "Daughter" : "Son";
        list.push({ person: c, role: "CHILD", relationship: rel });
      }
    }

    const refs = new Map<Person, string>();
    for (const { person, role, relationship } of list) {
      const ref = `M${++memberNo}`;
      pr.inherit("postcodeStale", moved, stale);
      refs.set(person, ref);
      const child = role === "CHILD";
      const spec = story?.plan.byPerson.get(person.id)?.childrensCentres;
      const given = spec ? spec.given : pr.given(person.given, child);
      let familyName: string;
      if (spec) familyName = spec.surname;
      else {
        let base = pr.surnameAsCaptured(person, regOn);
        if (child) {
          const other = otherParentSurname(f, person);
          if (other !== null && pr.happens("familyOtherParent")) base = other;
        }
        familyName = pr.familyForm(base);
      }
      let dob: Day | null = person.dob;
      if (!child && pr.happens("dobMissing")) dob = null;
      else if (pr.happens("dobError")) dob = wrongDate(person.dob, rng);
      const gender = child && !story && rng.chance(0.01) ? "Unknown" : person.sex === "F" ? "Female" : "Male";
      const nhs = story
        ? null
        : pr.happens(child ? "nhsMissingChild" : "nhsMissing", child ? pr.rates.nhsMissingChild : pr.rates.nhsMissing)
          ? null
          : person.nhs;
      members.rows.push([
        ref,
        hhRef,
        given,
        familyName,
        dob === null ? null : midnightOf(dob),
        gender,
        role,
        relationship,
        nhs,
      ]);
      truth.push(
        truthRecord("childrens-centres", ref, person, {
          given,
          family: familyName,
          dob,
          sex: gender === "Unknown" ? null : person.sex,
          postcode: rawPc,
          nhs,
        }),
      );
    }

    // --- attendance: the lead carer with the children under five that day
    const cs = perCentre.get(centre.code)!;
    const firstIdx = lowerBound(cs.days, regOn);
    if (firstIdx >= cs.days.length) continue;
    const chosen = new Set<number>();
    if (story) {
      for (const activity of story.plan.spec.ccRegistered?.activities ?? []) {
        let n = 0;
        for (let i = firstIdx; i < cs.days.length && n < 4; i++) {
          if (cs.activities[i] !== activity) continue;
          if (activity === "Baby Massage" && !f.children.some((c) => c.dob <= cs.days[i] && cs.days[i] - c.dob < 365))
            continue;
          chosen.add(i);
          n++;
        }
      }
    } else {
      const visits = f.ccEngagement === 0 ? 0 : f.ccEngagement === 1 ? rng.int(1, 5) : rng.int(8, 40);
      for (let k = 0; k < visits; k++) chosen.add(firstIdx + rng.int(0, cs.days.length - 1 - firstIdx));
    }
    const leadRef = refs.get(list[0].person)!;
    const kids: { ref: string; from: Day; until: Day }[] = [];
    for (const [person, ref] of refs)
      if (person.role === "child") kids.push({ ref, from: person.dob, until: addMonthsDay(person.dob, 60) });
    for (const i of [...chosen].sort((a, b) => a - b)) {
      const day = cs.days[i];
      attendance.rows.push([cs.ids[i], leadRef]);
      for (const k of kids) if (k.from <= day && k.until > day) attendance.rows.push([cs.ids[i], k.ref]);
    }
  }
  return {
    database: {
      agency: "childrens-centres",
      schema: CHILDRENS_CENTRES_SCHEMA,
      changeLog: CHILDRENS_CENTRES_IDENTITY_CHANGE_LOG,
      tables: [centres, households, members, sessions, attendance],
    },
    truth,
  };
}

function buildSessions(
  ctx: BuildContext,
  centres: readonly Centre[],
  sessions: ReturnType<typeof table>,
): Map<string, CentreSessions> {
  const R = ctx.reference;
  const rng = Rng.stream(ctx.seed, 52);
  const slotsPerWeek = M.max(CORE_ACTIVITIES.length, M.min(30, M.round(ctx.families.length / 300)));
  const schedule = centres.map((c) => {
    const slots: { weekday: number; activity: string }[] = CORE_ACTIVITIES.map((activity) => ({
      weekday: rng.int(0, 4),
      activity,
    }));
    while (slots.length < slotsPerWeek) slots.push({ weekday: rng.int(0, 5), activity: rng.pick(EXTRA_ACTIVITIES) });
    return { centre: c, slots };
  });
  const all: { day: Day; centre: number; slot: number; activity: string }[] = [];
  const monday = R - weekdayOf(R);
  for (let w = SESSION_WEEKS - 1; w >= 0; w--) {
    const weekStart = monday - 7 * w;
    for (const { centre, slots } of schedule) {
      slots.forEach((s, slot) => {
        const day = weekStart + s.weekday;
        if (day > R || christmas(day)) return;
        all.push({ day, centre: centre.index, slot, activity: s.activity });
      });
    }
  }
  all.sort((a, b) => a.day - b.day || a.centre - b.centre || a.slot - b.slot);
  const per = new Map<string, CentreSessions>(centres.map((c) => [c.code, { ids: [], days: [], activities: [] }]));
  all.forEach((s, i) => {
    const id = i + 1;
    const c = centres[s.centre];
    sessions.rows.push([id, c.code, isoOf(s.day), s.activity]);
    const cs = per.get(c.code)!;
    cs.ids.push(id);
    cs.days.push(s.day);
    cs.activities.push(s.activity);
  });
  return per;
}

function christmas(day: Day): boolean {
  const [, m, d] = partsOfDay(day);
  return (m === 12 && d >= 22) || (m === 1 && d <= 3);
}

function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
