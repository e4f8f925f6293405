/**
 * Calendar dates as ISO strings (YYYY-MM-DD), computed in UTC so that no server's time zone
 * can move a child's date of birth by a day.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Year, month (1-12) and day of an ISO date, or null when it is not one. Worked out without a
 * Date (reading a date is on every list's path, for every child). A year before 100 is not one:
 * Date.UTC would read it as 1900 and later.
 */
function partsOf(s: string): [number, number, number] | null {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const last = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= last ? [year, month, day] : null;
}

export function isIsoDate(s: string): boolean {
  return partsOf(s) !== null;
}

export function toDate(iso: IsoDate): Date {
  const parts = partsOf(iso);
  if (parts === null) throw new RangeError(`not an ISO calendar date: ${iso}`);
  return new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

export function fromDate(d: Date): IsoDate {
  const year = d.getUTCFullYear();
  // As toISOString: an invalid date, or a year it would write with a sign, is no ISO date.
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`not a date with an ISO calendar date: ${d.getTime()}`);
  return `${String(year).padStart(4, "0")}-${twoDigits(d.getUTCMonth() + 1)}-${twoDigits(d.getUTCDate())}`;
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
