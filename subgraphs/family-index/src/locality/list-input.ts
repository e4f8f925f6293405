import { addMonths, badUserInput, requireWithinBounds, type IsoDate, type LocalityRef } from "@ffd/shared";
import type { FamilyIndexContext } from "../context";

/** How far back a locality list may be asked for: a year. */
export const LIST_MAX_MONTHS = 12;

/**
 * The input every locality list of family-index checks before reading anything: the locality
 * within its bound and known to the reference, and the list's date (`field`) not after today and
 * at most a year back; BAD_USER_INPUT naming the argument otherwise.
 */
export function requireListInput(
  ctx: FamilyIndexContext,
  query: string,
  locality: string,
  field: string,
  date: IsoDate,
): void {
  requireListLocality(ctx, query, locality);
  const today = ctx.deps.referenceDate;
  if (date > today) throw badUserInput(`${field} (${date}) is after today (${today}).`, field);
  const earliest = addMonths(today, -LIST_MAX_MONTHS);
  if (date < earliest)
    throw badUserInput(`${field} (${date}) is more than a year back; the earliest is ${earliest}.`, field);
}

/** The locality a list asks for, within its bound and known to the reference; BAD_USER_INPUT otherwise. */
export function requireListLocality(ctx: FamilyIndexContext, query: string, locality: string): LocalityRef {
  requireWithinBounds(`Query.${query}(locality:)`, locality);
  const known = ctx.deps.localities.locality(locality);
  if (!known) throw badUserInput(`No locality has the id "${locality}"; Query.localities lists them.`, "locality");
  return known;
}
