import type { Agency } from "../errors";
import { AGENCY_SERVICES, type AgencyEntry } from "../services";

/** The agency's row of the service registry: its port, settings prefix, Person field, link list and field group. */
export function agencyEntryOf(agency: Agency): AgencyEntry {
  const entry = AGENCY_SERVICES.find((s) => s.name === agency);
  if (!entry) throw new Error(`${agency} is not an agency of the service registry`);
  return entry;
}
