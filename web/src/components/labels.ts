import { AGENCY_SERVICES } from "@ffd/shared/services";

/** Words for the graph's codes, as staff say them. */

export function purposeLabel(purpose: string): string {
  return purpose.charAt(0).toUpperCase() + purpose.slice(1).replace(/-/g, " ");
}

export function roleLabel(role: string): string {
  return purposeLabel(role);
}

/** An enum value (SIX_TO_EIGHT_WEEK) as words (Six to eight week); specific labels first. */
export function enumLabel(value: string, specific: Record<string, string> = {}): string {
  if (specific[value]) return specific[value];
  const words = value.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * An agency, by its name (health-visiting) or its AgencyName value (HEALTH_VISITING), as its
 * service registry row titles it (Health visiting); any other code (record-links) as words.
 */
export function agencyLabel(code: string): string {
  const row = AGENCY_SERVICES.find((a) => a.name === code || a.enumValue === code);
  return row ? row.title : enumLabel(code.replace(/-/g, "_"));
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** 2025-05-16 → 16 May 2025 (dates stay dates: no time zone moves them). */
export function dateLabel(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** 2026-03-12T14:05:09.123Z → 12 March 2026, 14:05 UTC (the audit trail's times are UTC). */
export function dateTimeLabel(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`;
}

/** 4857773457 → 485 777 3457, as NHS numbers are written. */
export function nhsNumberLabel(n: string | null | undefined): string {
  if (!n) return "";
  return n.length === 10 ? `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` : n;
}
