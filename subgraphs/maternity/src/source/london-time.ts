/**
 * The maternity system records times of birth and notification as the clock on the ward
 * showed them: UK local time (Europe/London), with no offset. This turns such a wall-clock
 * time into the instant it names, as ISO 8601 UTC.
 *
 * Twice a year the wall clock is not one-to-one with instants. As Temporal's "compatible"
 * rule does: a time that occurs twice (the autumn hour repeated, 01:00-01:59) is taken as the
 * first occurrence (still BST); a time that never occurs (the spring hour skipped) is read
 * with the offset in force before the change, so 01:30 on that day is 01:30Z (02:30 BST).
 */
const ZONE = "Europe/London";

const formatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Minutes London is ahead of UTC at this instant (0 in winter, 60 in summer). */
function offsetMinutesAt(epochMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(epochMs))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return Math.round((wall - wholeSecond) / 60_000);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/;
const DAY_MS = 86_400_000;

/** Wall-clock date (YYYY-MM-DD) and time (HH:MM[:SS[.ffffff]]) in London, as ISO UTC. */
export function londonToUtcIso(date: string, time: string): string {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) throw new RangeError("not a wall-clock date and time");
  const [year, month, day, hour, minute, second] = [d[1], d[2], d[3], t[1], t[2], t[3] ?? "0"].map(Number);
  const millis = t[4] ? Math.floor(Number(`0.${t[4]}`) * 1000) : 0;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new RangeError("not a wall-clock date and time");
  }
  const before = offsetMinutesAt(wall - DAY_MS);
  const after = offsetMinutesAt(wall + DAY_MS);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => wall - offsetMinutesAt(instant) * 60_000 === instant)
    .sort((a, b) => a - b);
  const instant = candidates.length > 0 ? candidates[0] : wall - before * 60_000;
  return isoUtc(instant);
}

/** A PostgreSQL TIMESTAMP (without time zone) as printed, 'YYYY-MM-DD HH:MM:SS[.ffffff]', read as London time. */
export function londonTimestampToUtcIso(timestamp: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)$/.exec(timestamp);
  if (!m) throw new RangeError("not a timestamp without time zone");
  return londonToUtcIso(m[1], m[2]);
}

/** ISO 8601 UTC, without milliseconds when there are none: 2024-07-28T22:30:00Z. */
function isoUtc(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}
