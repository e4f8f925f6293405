import type { IsoDate } from "@ffd/shared";

// Globals bound once: global lookups are slow inside test sandboxes (vm contexts).
const M = Math;
const Str = String;
const Num = Number;

/**
 * Calendar days as integers (days since 1970-01-01), which is what the generator computes with:
 * fast, exact and free of time zones. Conversions agree with @ffd/shared's ISO date helpers
 * (addMonths clamps to the month's last day the same way); days.test.ts checks it.
 */
export type Day = number;

// Howard Hinnant's days_from_civil / civil_from_days.
export function dayFromParts(y: number, m: number, d: number): Day {
  const yy = m <= 2 ? y - 1 : y;
  const era = M.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = M.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + M.floor(yoe / 4) - M.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function partsOfDay(day: Day): [number, number, number] {
  civil(day);
  return [cy, cm, cd];
}

// The last civil() result, so hot paths avoid allocating an array.
let cy = 0;
let cm = 0;
let cd = 0;

function civil(day: Day): void {
  const z = day + 719468;
  const era = M.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = M.floor((doe - M.floor(doe / 1460) + M.floor(doe / 36524) - M.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + M.floor(yoe / 4) - M.floor(yoe / 100));
  const mp = M.floor((5 * doy + 2) / 153);
  const d = doy - M.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  cy = yoe + era * 400 + (m <= 2 ? 1 : 0);
  cm = m;
  cd = d;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayOf(iso: IsoDate): Day {
  const m = ISO.exec(iso);
  if (!m) throw new RangeError(`not an ISO calendar date: ${iso}`);
  const day = dayFromParts(Num(m[1]), Num(m[2]), Num(m[3]));
  const [y, mo, d] = partsOfDay(day);
  if (y !== Num(m[1]) || mo !== Num(m[2]) || d !== Num(m[3])) throw new RangeError(`not an ISO calendar date: ${iso}`);
  return day;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : Str(n);
}

function pad4(n: number): string {
  return Str(n).padStart(4, "0");
}

// Dates repeat a lot (a borough has a few thousand distinct days), so their strings are
// shared: cached by day from 1900 to 2199.
const CACHE_FROM = dayFromParts(1900, 1, 1);
const CACHE_SIZE = dayFromParts(2200, 1, 1) - CACHE_FROM;
const isoCache: string[] = new Array<string>(CACHE_SIZE).fill("");
const ukCache: string[] = new Array<string>(CACHE_SIZE).fill("");
const midnightCache: string[] = new Array<string>(CACHE_SIZE).fill("");

function formatIso(day: Day): string {
  const [y, m, d] = partsOfDay(day);
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

function cached(cache: string[], day: Day, format: (day: Day) => string): string {
  const i = day - CACHE_FROM;
  if (i < 0 || i >= CACHE_SIZE) return format(day);
  let s = cache[i];
  if (s === "") {
    s = format(day);
    cache[i] = s;
  }
  return s;
}

export function isoOf(day: Day): IsoDate {
  return cached(isoCache, day, formatIso);
}

function formatUk(day: Day): string {
  const [y, m, d] = partsOfDay(day);
  return `${pad2(d)}/${pad2(m)}/${pad4(y)}`;
}

/** 'DD/MM/YYYY', the health visiting system's date format. */
export function ukDateOf(day: Day): string {
  return cached(ukCache, day, formatUk);
}

/** 'YYYY-MM-DD 00:00:00': a date kept as a timestamp at midnight. */
export function midnightOf(day: Day): string {
  return cached(midnightCache, day, (d) => `${isoOf(d)} 00:00:00`);
}

/** 'YYYY-MM-DD HH:MM:SS' from a day and minutes after its midnight. */
export function timestampOf(day: Day, minutes = 0, seconds = 0): string {
  const extraDays = M.floor(minutes / 1440);
  const m = minutes - extraDays * 1440;
  return `${isoOf(day + extraDays)} ${pad2(M.floor(m / 60))}:${pad2(m % 60)}:${pad2(seconds)}`;
}

export function timeOf(minutes: number, seconds = 0): string {
  return `${pad2(M.floor(minutes / 60))}:${pad2(minutes % 60)}:${pad2(seconds)}`;
}

/** Adds calendar months, clamping to the month's last day (as @ffd/shared addMonths). */
export function addMonthsDay(day: Day, months: number): Day {
  civil(day);
  const y = cy;
  const m = cm;
  const d = cd;
  const total = y * 12 + (m - 1) + months;
  const ny = M.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const last = daysInMonth(ny, nm);
  return dayFromParts(ny, nm, M.min(d, last));
}

export function daysInMonth(y: number, m: number): number {
  return dayFromParts(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - dayFromParts(y, m, 1);
}

export function weekdayOf(day: Day): number {
  // 1970-01-01 was a Thursday; 0 = Monday.
  return (((day + 3) % 7) + 7) % 7;
}
