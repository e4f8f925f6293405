import { errorsUnder, type GraphQLErrorShape } from "../api/client";
import type { AgencyName } from "./contract";

/** What a panel shows, decided the same way for every agency. */
export type PanelState =
  | { kind: "agency-down" }
  | { kind: "not-visible"; reason: string }
  | { kind: "failed"; message: string }
  | { kind: "empty" }
  | { kind: "data"; withheld: string | null };

/**
 * A panel's state from its field's value and the answer's errors:
 * - the agency reported unavailable (AGENCY_UNAVAILABLE naming it): its information is missing;
 * - the field null with a FORBIDDEN error at it: not visible to this role for this purpose;
 * - the field null with another error: it could not be read;
 * - the field null and no error: the agency holds nothing for this person;
 * - otherwise data, with the reason detail is withheld when FORBIDDEN errors sit under it (a summary).
 */
export function panelState(
  value: unknown,
  errors: readonly GraphQLErrorShape[],
  path: readonly (string | number)[],
  agency: AgencyName,
): PanelState {
  const mine = errorsUnder(errors, path);
  const down = errors.some((e) => e.extensions?.code === "AGENCY_UNAVAILABLE" && e.extensions.agency === agency);
  if (down && (value === null || value === undefined)) return { kind: "agency-down" };
  const forbidden = mine.filter((e) => e.extensions?.code === "FORBIDDEN");
  if (value === null || value === undefined) {
    if (forbidden.length > 0) return { kind: "not-visible", reason: forbidden[0].message };
    if (mine.length > 0) return { kind: "failed", message: mine[0].message };
    return { kind: "empty" };
  }
  return { kind: "data", withheld: forbidden[0]?.message ?? null };
}
