import { HEALTH_VISITING_IDENTITY_CHANGE_LOG, HEALTH_VISITING_SCHEMA } from "../agencies/health-visiting.schema";
import { addMonthsDay, ukDateOf, type Day } from "../days";
import { postcodeForm, spacedNhs, wrongDate } from "../noise";
import { HERITAGE_GROUPS } from "../names";
import { personAddressOn, type Birth, type Family, type Person } from "../population";
import { Rng } from "../random";
import type { ReviewPlan, ReviewType } from "../stories";
import type { AgencyDatabase, TruthRecord } from "../types";
import { Presenter, table, truthRecord, type BuildContext, type Value } from "./common";

// Globals bound once: global lookups are slow inside test sandboxes (vm contexts).
const M = Math;
const Str = String;
const NEG_INF = Number.NEGATIVE_INFINITY;

/** The mandated reviews' windows, in the health visiting subgraph's schedule. */
export interface ReviewWindow {
  opens: Day;
  dueBy: Day;
  missedAfter: Day;
}

export function reviewWindow(type: ReviewType, birth: Day): ReviewWindow {
  switch (type) {
    case "ANT":
      return { opens: birth - 84, dueBy: birth, missedAfter: birth };
    case "NBV":
      return { opens: birth, dueBy: birth + 14, missedAfter: birth + 56 };
    case "68W":
      return { opens: birth + 42, dueBy: birth + 56, missedAfter: birth + 84 };
    case "1YR":
      return { opens: addMonthsDay(birth, 9), dueBy: addMonthsDay(birth, 12), missedAfter: addMonthsDay(birth, 15) };
    case "2YR":
      return { opens: addMonthsDay(birth, 24), dueBy: addMonthsDay(birth, 30), missedAfter: addMonthsDay(birth, 36) };
  }
}

/**
 * When a child's review happens (days from birth), as the national figures go: about 85% of new
 * birth visits by day 14, 80% of 6-8 week reviews by 8 weeks, 75% of 1 year reviews by 12
 * months, 73% of 2-2.5 year reviews by 30 months; 70% of births had an antenatal contact.
 */
function plannedReview(type: ReviewType, birth: Birth, rng: Rng): Day | null {
  const b = birth.day;
  const r = rng.float();
  const between = (from: Day, to: Day) => from + rng.int(0, M.max(0, to - from));
  switch (type) {
    case "ANT":
      return r < 0.7 ? between(b - 84, b - 7) : null;
    case "NBV":
      return r < 0.85 ? b + rng.int(5, 14) : r < 0.95 ? b + rng.int(15, 30) : null;
    case "68W":
      return r < 0.8 ? b + rng.int(42, 56) : r < 0.92 ? b + rng.int(57, 84) : null;
    case "1YR": {
      const w = reviewWindow("1YR", b);
      return r < 0.75 ? between(w.opens, w.dueBy) : r < 0.85 ? between(w.dueBy + 1, w.missedAfter) : null;
    }
    case "2YR": {
      const w = reviewWindow("2YR", b);
      return r < 0.73 ? between(w.opens, w.dueBy) : r < 0.85 ? between(w.dueBy + 1, w.missedAfter) : null;
    }
  }
}

function bfStatus(birth: Birth, rng: Rng): "T" | "P" | "N" {
  if (birth.firstFeed === "02") return "N";
  // Overall about 30% totally, 18% partially breastfed at 6-8 weeks.
  const r = rng.float();
  return r < 0.385 ? "T" : r < 0.615 ? "P" : "N";
}

/** Surnames of the borough's early years staff (health visitors, centre key workers). */
export const STAFF_SURNAMES = [
  "Mitchell",
  "Harding",
  "Kaur",
  "Okoye",
  "Price",
  "Doyle",
  "Bhatti",
  "Reeves",
  "Lawson",
  "Nash",
  "Begum",
  "Fisher",
  "Kowalska",
  "Stone",
  "Barker",
  "Hale",
  "Patel",
  "Walsh",
];

interface Caseload {
  id: number;
  namedHv: string;
  team: string[];
}

/**
 * The health visiting service's patient system: caseloads by locality, children under five,
 * their parents and carers, expectant mothers, and contacts (mandated reviews among them).
 */
export function buildHealthVisiting(ctx: BuildContext): { database: AgencyDatabase; truth: TruthRecord[] } {
  const R = ctx.reference;
  const geo = ctx.geography;
  const caseloadTable = table("hv_caseload", ["caseload_id", "team_name", "named_hv", "hv_base", "team_phone"]);
  const patients = table("hv_patient", [
    "pat_id",
    "nhs_no",
    "forename",
    "surname",
    "dob",
    "gender_cd",
    "post_cd",
    "caseload_id",
    "pat_type",
    "edd",
    "reg_dt",
  ]);
  const rels = table("hv_family_rel", ["pat_id", "rel_pat_id", "rel_cd"]);
  const contacts = table("hv_contact", [
    "contact_id",
    "pat_id",
    "contact_dt",
    "contact_type_cd",
    "outcome_cd",
    "bf_status_cd",
    "asq3_cd",
    "staff_name",
  ]);
  const truth: TruthRecord[] = [];

  // Caseloads: about one health visitor for 300 families, at least two per locality.
  const perLocality = geo.localities.map(() => 0);
  for (const f of ctx.families) perLocality[f.address.centre.locality.index]++;
  const staffRng = Rng.stream(ctx.seed, 31);
  const caseloads: Caseload[][] = [];
  let caseloadId = 0;
  const staffName = () => {
    const g = staffRng.pick(HERITAGE_GROUPS.slice(0, 8));
    return `${staffRng.pick(g.adultFemale)} ${staffRng.pick(STAFF_SURNAMES)}`;
  };
  for (const l of geo.localities) {
    const n = M.max(2, M.round(perLocality[l.index] / 300));
    const list: Caseload[] = [];
    for (let i = 0; i < n; i++) {
      const c: Caseload = { id: ++caseloadId, namedHv: staffName(), team: [staffName(), staffName()] };
      // The duty line is numbered by caseload, so no random draw moves the names after it.
      caseloadTable.rows.push([c.id, `${l.name} Locality HV Team`, c.namedHv, l.hvBase, `01384 ${814000 + c.id}`]);
      list.push(c);
    }
    caseloads.push(list);
  }

  const pr = new Presenter("health-visiting", ctx);
  let patId = 10_000;
  let contactId = 0;

  for (const f of ctx.families) {
    const { story, rng } = pr.family(41, f);
    const under5 = f.births.filter((b) => addMonthsDay(b.day, 60) > R);
    const p = f.pregnancy;
    const expectant = p !== null && 280 - (p.edd - R) >= 140 && (story !== null || rng.chance(0.95));
    if (under5.length === 0 && !expectant) continue;
    const caseload = rng.pick(caseloads[f.address.centre.locality.index]);
    const staff = () => (rng.chance(0.7) ? caseload.namedHv : rng.pick(caseload.team));

    // Children are added when the birth is notified (or when they move in).
    const childReg = under5.map((b) => M.min(R, M.max(b.day + (story ? 1 : rng.int(0, 3)), f.arrivedOn ?? NEG_INF)));
    const firstEvent = under5.length ? M.min(...under5.map((b) => b.day)) : p!.edd;
    let adultReg = M.min(R, firstEvent - (story ? 100 : rng.int(70, 130)));
    if (f.arrivedOn !== null) adultReg = M.max(adultReg, f.arrivedOn);
    if (under5.length === 0) adultReg = M.min(R, p!.edd - 280 + (story ? 140 : rng.int(112, 168)));

    const emitPatient = (person: Person, type: "C" | "P" | "A", regDt: Day, edd: Day | null): number => {
      const id = ++patId;
      const child = type === "C";
      const spec = story?.plan.byPerson.get(person.id);
      const missing = pr.happens(
        child ? "nhsMissingChild" : "nhsMissing",
        child ? pr.rates.nhsMissingChild : pr.rates.nhsMissing,
      );
      let nhs: string | null = missing ? null : person.nhs;
      if (nhs !== null && (spec ? spec.nhsSpacedInHealthVisiting === true : pr.happens("nhsSpaced")))
        nhs = spacedNhs(nhs);
      const forename = pr.given(person.given, child);
      let surnameBase = pr.surnameAsCaptured(person, regDt);
      if (child && !pr.quiet) {
        const other = otherParentSurname(f, person);
        if (other !== null && pr.happens("familyOtherParent")) surnameBase = other;
      }
      const surname = pr.familyForm(surnameBase);
      const dob = pr.happens("dobError") ? wrongDate(person.dob, rng) : person.dob;
      const atReg = personAddressOn(f, person, regDt) ?? f.address;
      const now = personAddressOn(f, person, R) ?? f.address;
      const pc = atReg.postcode !== now.postcode && pr.happens("postcodeStale") ? atReg.postcode : now.postcode;
      const rawPc = pr.happens("postcodeFormat") ? postcodeForm(pc, rng) : pc;
      patients.rows.push([
        id,
        nhs,
        forename,
        surname,
        ukDateOf(dob),
        person.sex,
        rawPc,
        caseload.id,
        type,
        edd === null ? null : ukDateOf(edd),
        ukDateOf(regDt),
      ]);
      truth.push(
        truthRecord("health-visiting", Str(id), person, {
          given: forename,
          family: surname,
          dob,
          sex: person.sex,
          postcode: rawPc,
          nhs,
        }),
      );
      return id;
    };
    const contact = (
      pat: number,
      day: Day,
      type: string,
      outcome: string,
      bf: string | null = null,
      asq: string | null = null,
    ) => {
      if (day > R) return;
      const row: Value[] = [
        ++contactId,
        pat,
        ukDateOf(day),
        type,
        outcome,
        bf,
        asq,
        story ? caseload.namedHv : staff(),
      ];
      contacts.rows.push(row);
    };

    // --- adults: mother, father or second parent, grandparent carers
    const adults: { pat: number; person: Person; rel: string }[] = [];
    const m = f.mother;
    let motherPat: number | null = null;
    if (m.inHousehold) {
      motherPat = emitPatient(m, expectant ? "A" : "P", adultReg, expectant ? p!.edd : null);
      adults.push({ pat: motherPat, person: m, rel: "MTH" });
    }
    const partner = f.partner;
    if (partner && partner.inHousehold && under5.length > 0) {
      const include = story
        ? story.plan.byPerson.get(partner.id)?.inHealthVisiting === true
        : f.kind === "single-father" || rng.chance(0.45);
      if (include)
        adults.push({
          pat: emitPatient(partner, "P", M.max(adultReg, M.min(R, under5[0].day + rng.int(0, 60))), null),
          person: partner,
          rel: partner.role === "parent2" ? "PAR" : "FTH",
        });
    }
    if (f.kind === "grandparent-carers" && under5.length > 0) {
      for (const g of f.grandparents) adults.push({ pat: emitPatient(g, "P", adultReg, null), person: g, rel: "CRR" });
    }

    // --- children under five and their reviews
    const antDone = new Set<number>();
    under5.forEach((b, i) => {
      const child = b.child;
      const pat = emitPatient(child, "C", childReg[i], null);
      for (const a of adults) rels.rows.push([a.pat, pat, a.rel]);
      const plan = story?.plan.byPerson.get(child.id)?.reviews;
      for (const type of ["ANT", "NBV", "68W", "1YR", "2YR"] as const) {
        if (type === "ANT") {
          // Recorded against the mother, once per pregnancy (not for twins twice).
          if (motherPat === null || antDone.has(b.pregnancy)) continue;
          antDone.add(b.pregnancy);
        }
        const reviewPlan: ReviewPlan = plan?.[type] ?? { day: null };
        const day = plan ? (reviewPlan.day === null ? null : b.day + reviewPlan.day) : plannedReview(type, b, rng);
        const target = type === "ANT" ? motherPat! : pat;
        const earliest = type === "ANT" ? adultReg : childReg[i];
        const opens = reviewWindow(type, b.day).opens;
        const dnas = plan
          ? (reviewPlan.dna ?? []).map((d) => b.day + d)
          : day !== null && rng.chance(0.08)
            ? [day - rng.int(3, 10)]
            : [];
        for (const d of dnas) if (d >= opens && d >= earliest) contact(target, d, type, "DNA");
        if (day === null || day < earliest) continue;
        const bf = type === "68W" ? (reviewPlan.bf ?? bfStatus(b, rng)) : null;
        const asq = type === "2YR" ? (reviewPlan.asq3 ?? (rng.chance(0.93) ? "Y" : "N")) : null;
        contact(target, day, type, "ATT", bf, asq);
      }
      if (!story) {
        const others = rng.int(0, 3);
        for (let k = 0; k < others; k++) {
          const day = childReg[i] + rng.int(0, M.max(0, R - childReg[i]));
          const r = rng.float();
          contact(
            pat,
            day,
            r < 0.5 ? "HV" : r < 0.85 ? "CLN" : "TEL",
            rng.weighted([
              ["ATT", 85],
              ["DNA", 8],
              ["CAN", 7],
            ] as const),
          );
        }
      }
    });

    // --- an expectant mother's antenatal contact (28 weeks to the due date)
    if (expectant && motherPat !== null) {
      const plan = story?.plan;
      if (!plan && rng.chance(0.7)) {
        const opens = p!.edd - 84;
        const day = opens + rng.int(0, 77);
        if (rng.chance(0.08)) contact(motherPat, day - rng.int(3, 10), "ANT", "DNA");
        contact(motherPat, day, "ANT", "ATT");
      }
      if (!plan && rng.chance(0.3)) contact(motherPat, adultReg + rng.int(0, M.max(0, R - adultReg)), "TEL", "ATT");
    }
  }
  return {
    database: {
      agency: "health-visiting",
      schema: HEALTH_VISITING_SCHEMA,
      changeLog: HEALTH_VISITING_IDENTITY_CHANGE_LOG,
      tables: [caseloadTable, patients, rels, contacts],
    },
    truth,
  };
}

/** A child's other parent's surname (when the parents' surnames differ from the child's). */
export function otherParentSurname(f: Family, child: Person): string | null {
  const candidates = [f.mother.surname, f.partner?.surname].filter((s): s is string => !!s && s !== child.surname);
  return candidates.length ? candidates[0] : null;
}
