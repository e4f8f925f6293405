import {
  CHILDRENS_SOCIAL_CARE_IDENTITY_CHANGE_LOG,
  CHILDRENS_SOCIAL_CARE_SCHEMA,
} from "../agencies/childrens-social-care.schema";
import { addMonthsDay, isoOf, type Day } from "../days";
import { HERITAGE_GROUPS } from "../names";
import { personAddressOn, type Family, type Person } from "../population";
import { Rng } from "../random";
import type { StoryPersonSpec } from "../stories";
import type { AgencyDatabase, TruthRecord } from "../types";
import { Presenter, table, truthRecord, type BuildContext } from "./common";

/**
 * Children's social care (a council case management system): children in need, on a child
 * protection plan or looked after, and expectant mothers whose unborn child has a protection plan.
 * Rates per child under 18 at the reference date, as England's statutory returns give them:
 * about 40 in 10,000 on a plan, 70 looked after, 330 in need (the plans and care included).
 */
export const CHILD_PROTECTION_RATE = 0.004;
export const LOOKED_AFTER_RATE = 0.007;
export const CHILD_IN_NEED_RATE = 0.033;
/** Current pregnancies with an unborn child protection plan (held on the mother, as CP-IS does). */
export const UNBORN_PLAN_RATE = 0.006;
/** Children whose episode closed in the last three years (some still shown: 12 months after the end). */
export const CLOSED_EPISODE_RATE = 0.02;

const ABUSE_CATEGORIES = [
  ["NEG", 50],
  ["EMO", 35],
  ["PHY", 7],
  ["SAB", 4],
  ["MUL", 4],
] as const;
const NEED_CODES = [
  ["N1", 55],
  ["N2", 10],
  ["N3", 8],
  ["N4", 8],
  ["N5", 12],
  ["N6", 2],
  ["N7", 1],
  ["N8", 3],
  ["N9", 1],
] as const;
const LEGAL_STATUSES = [
  ["C2", 70],
  ["V2", 20],
  ["E1", 8],
  ["L1", 2],
] as const;
const WORKER_SURNAMES = ["Mensah", "Clarke", "Begum", "Walsh", "Kowalski", "Reid", "Ahmed", "Hughes", "Bello", "Price"];

/** The system's own date convention: 'YYYYMMDD' text. */
export function cscDate(day: Day): string {
  return isoOf(day).replace(/-/g, "");
}

type EpisodeType = "CIN" | "CPP" | "UCPP" | "LAC";
interface PlannedEpisode {
  type: EpisodeType;
  start: Day;
  end: Day | null;
}

export function buildChildrensSocialCare(ctx: BuildContext): { database: AgencyDatabase; truth: TruthRecord[] } {
  const R = ctx.reference;
  const geo = ctx.geography;
  const workers = table("csc_worker", ["wkr_id", "wkr_name", "wkr_team", "wkr_phone"]);
  const clients = table("csc_client", [
    "client_no",
    "forename",
    "surname",
    "birth_dt",
    "gender_cd",
    "nhs_no",
    "postcode",
    "alloc_wkr_id",
  ]);
  const episodes = table("csc_episode", [
    "episode_id",
    "client_no",
    "episode_typ",
    "start_dt",
    "end_dt",
    "abuse_cat",
    "need_cd",
    "legal_status",
  ]);
  const reviews = table("csc_cp_review", ["episode_id", "review_dt"]);
  const truth: TruthRecord[] = [];

  // Social workers: about one for every 150 families, at least two per locality, in locality teams.
  const perLocality = geo.localities.map(() => 0);
  for (const f of ctx.families) perLocality[f.address.centre.locality.index]++;
  const staffRng = Rng.stream(ctx.seed, 81);
  const workersByLocality: number[][] = [];
  let workerId = 500;
  for (const l of geo.localities) {
    const list: number[] = [];
    for (let i = 0; i < Math.max(2, Math.round(perLocality[l.index] / 150)); i++) {
      const g = staffRng.pick(HERITAGE_GROUPS);
      const name = `${staffRng.pick(g.adultFemale)} ${staffRng.pick(WORKER_SURNAMES)}`;
      const phone = `01384 ${staffRng.int(100000, 999999)}`;
      workers.rows.push([++workerId, name, `${l.name} Safeguarding and Support Team`, phone]);
      list.push(workerId);
    }
    workersByLocality.push(list);
  }

  const pr = new Presenter("childrens-social-care", ctx);
  let clientNo = 1_000_000;
  let episodeId = 0;

  const emitClient = (f: Family, p: Person, planned: PlannedEpisode[], worker: number, details: Details) => {
    const localId = `C${++clientNo}`;
    const forename = pr.given(p.given, p.role === "child");
    const surname = pr.familyForm(p.surname);
    const nhs = pr.happens(p.role === "child" ? "nhsMissingChild" : "nhsMissing") ? null : p.nhs;
    const postcode = (personAddressOn(f, p, R) ?? f.address).postcode;
    clients.rows.push([localId, forename, surname, cscDate(p.dob), p.sex, nhs, postcode, worker]);
    truth.push(
      truthRecord("childrens-social-care", localId, p, {
        given: forename,
        family: surname,
        dob: p.dob,
        sex: p.sex,
        postcode,
        nhs,
      }),
    );
    for (const e of planned) {
      const id = ++episodeId;
      const plan = e.type === "CPP" || e.type === "UCPP";
      episodes.rows.push([
        id,
        localId,
        e.type,
        cscDate(e.start),
        e.end === null ? "" : cscDate(e.end),
        plan ? details.abuse() : null,
        e.type === "CIN" ? details.need() : null,
        e.type === "LAC" ? details.legal() : null,
      ]);
      // Review conferences: the first within three months of the plan, then every six months.
      if (plan)
        for (let d = addMonthsDay(e.start, 3); d <= (e.end ?? R); d = addMonthsDay(d, 6))
          reviews.rows.push([id, cscDate(d)]);
    }
  };

  for (const f of ctx.families) {
    const { story, rng } = pr.family(83, f);
    const worker = rng.pick(workersByLocality[f.address.centre.locality.index]);
    const details: Details = {
      abuse: () => rng.weighted(ABUSE_CATEGORIES),
      need: () => rng.weighted(NEED_CODES),
      legal: () => rng.weighted(LEGAL_STATUSES),
    };
    if (story) {
      for (const p of [f.mother, ...f.children]) {
        const spec: StoryPersonSpec | undefined = story.plan.byPerson.get(p.id);
        const care = spec?.socialCare;
        if (!care) continue;
        emitClient(f, p, [{ type: care.episode, start: R - care.daysBefore, end: null }], worker, {
          ...details,
          abuse: () => care.abuseCategory,
        });
      }
      continue;
    }
    if (f.pregnancy && rng.chance(UNBORN_PLAN_RATE))
      emitClient(f, f.mother, [{ type: "UCPP", start: R - rng.int(5, 120), end: null }], worker, details);
    for (const c of f.children) {
      if (c.dob > R || addMonthsDay(c.dob, 216) <= R) continue;
      const planned = childEpisodes(c, R, rng);
      if (planned.length) emitClient(f, c, planned, worker, details);
    }
  }

  return {
    database: {
      agency: "childrens-social-care",
      schema: CHILDRENS_SOCIAL_CARE_SCHEMA,
      changeLog: CHILDRENS_SOCIAL_CARE_IDENTITY_CHANGE_LOG,
      tables: [workers, clients, episodes, reviews],
    },
    truth,
  };
}

interface Details {
  abuse: () => string;
  need: () => string;
  legal: () => string;
}

/**
 * A child's episodes: at most one open (looked after, a plan, or in need, in those shares) and
 * sometimes one closed in the last three years. A plan or care starts after the child's birth.
 */
function childEpisodes(c: Person, R: Day, rng: Rng): PlannedEpisode[] {
  const out: PlannedEpisode[] = [];
  const ageDays = R - c.dob;
  const startWithin = (maxDays: number) => R - rng.int(1, Math.max(1, Math.min(maxDays, ageDays)));
  const u = rng.float();
  if (u < LOOKED_AFTER_RATE) out.push({ type: "LAC", start: startWithin(1500), end: null });
  else if (u < LOOKED_AFTER_RATE + CHILD_PROTECTION_RATE) out.push({ type: "CPP", start: startWithin(540), end: null });
  else if (u < CHILD_IN_NEED_RATE) out.push({ type: "CIN", start: startWithin(700), end: null });
  if (rng.chance(CLOSED_EPISODE_RATE) && ageDays > 400) {
    const end = R - rng.int(1, Math.min(1095, ageDays - 200));
    const start = Math.max(c.dob + 1, end - rng.int(90, 500));
    out.push({ type: rng.chance(0.7) ? "CIN" : "CPP", start, end });
  }
  return out;
}
