import type { Agency } from "@ffd/shared";
import { addMonthsDay, dayOf, type Day } from "./days";
import type { ReviewType } from "./stories";
import type { AgencyDatabase, Borough, TableRows } from "./types";

/**
 * Helpers for tests of the generator (and of code that reads its databases): reading rows by
 * column name and working out mandated review statuses with the health visiting schedule.
 */
export function tableOf(db: AgencyDatabase, name: string): TableRows {
  const t = db.tables.find((x) => x.table === name);
  if (!t) throw new Error(`no table ${name} in ${db.agency}`);
  return t;
}

export type Row = Record<string, string | number | boolean | null>;

export function rowsOf(borough: Borough, agency: Agency, name: string): Row[] {
  const t = tableOf(borough.databases[agency], name);
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));
}

/** 'DD/MM/YYYY' to a day number. */
export function ukDay(s: string): Day {
  const [d, m, y] = s.split("/");
  return dayOf(`${y}-${m}-${d}`);
}

export type ReviewStatus = "COMPLETED" | "DUE" | "OVERDUE" | "NOT_YET_DUE" | "MISSED";

export interface Window {
  opens: Day;
  dueBy: Day;
  missedAfter: Day;
}

export function scheduleWindow(type: ReviewType, birthOrEdd: Day): Window {
  const b = birthOrEdd;
  switch (type) {
    case "ANT":
      return { opens: b - 84, dueBy: b, missedAfter: b };
    case "NBV":
      return { opens: b, dueBy: b + 14, missedAfter: b + 56 };
    case "68W":
      return { opens: b + 42, dueBy: b + 56, missedAfter: b + 84 };
    case "1YR":
      return { opens: addMonthsDay(b, 9), dueBy: addMonthsDay(b, 12), missedAfter: addMonthsDay(b, 15) };
    case "2YR":
      return { opens: addMonthsDay(b, 24), dueBy: addMonthsDay(b, 30), missedAfter: addMonthsDay(b, 36) };
  }
}

/** Status as of `reference` from the attended contact dates of that review type. */
export function reviewStatus(
  type: ReviewType,
  birthOrEdd: Day,
  attended: readonly Day[],
  reference: Day,
): { status: ReviewStatus; completedOn: Day | null } {
  const w = scheduleWindow(type, birthOrEdd);
  const done = attended
    .filter((d) => d >= w.opens && d <= Math.max(w.missedAfter, w.dueBy) && d <= reference)
    .sort((a, b) => a - b);
  if (done.length) return { status: "COMPLETED", completedOn: done[0] };
  if (reference < w.opens) return { status: "NOT_YET_DUE", completedOn: null };
  if (reference <= w.dueBy) return { status: "DUE", completedOn: null };
  if (reference <= w.missedAfter) return { status: "OVERDUE", completedOn: null };
  return { status: "MISSED", completedOn: null };
}
