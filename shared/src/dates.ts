/**
 * Calendar dates as ISO strings (YYYY-MM-DD), computed in UTC so that no server's time zone
 * can move a child's date of birth by a day.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

export function toDate(iso: IsoDate): Date {
  if (!isIsoDate(iso)) throw new RangeError(`not an ISO calendar date: ${iso}`);
  return new Date(`${iso}T00:00:00.000Z`);
}

export function fromDate(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

export function todayIso(now: Date = new Date()): IsoDate {
  return fromDate(now);
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  const d = toDate(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return fromDate(d);
}

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: IsoDate, months: number): IsoDate {
  const d = toDate(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return fromDate(d);
}

/** The first day of the 12 months up to and including `asOf` (the day after 12 months before it). */
export function yearStartingBefore(asOf: IsoDate): IsoDate {
  return addDays(addMonths(asOf, -12), 1);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000);
}

/** Whole years of age on a date. */
export function ageInYears(dateOfBirth: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number);
  const [oy, om, od] = on.split("-").map(Number);
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}
