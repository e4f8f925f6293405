import type { ComponentType } from "react";
import { agencyService, type AgencyService } from "@ffd/shared/services";
import type { PersonPanelsData } from "./fields";

/**
 * THE AGENCY PANEL CONTRACT. The person page shows one panel per agency, each described by an
 * AgencyPanel: which agency (as the gateway names it in AGENCY_UNAVAILABLE and FORBIDDEN errors),
 * the Person field its data comes from, its title, the GraphQL fields it needs (a fragment on
 * Person, spread into the page's query) and the component that renders that data. The frame
 * around it (PanelFrame) handles every state the same way for every agency: loading, the
 * agency not answering, not visible to the caller's role for this purpose (with the reason),
 * nothing held, a summary only, or full detail. The field, title and system name come from the
 * agency's row of the service registry. A new agency's panel is one new component and one entry
 * in PANELS (panels.ts), its fragment spread into PersonPage.
 */

/** The agencies, as the gateway's errors name them (extensions.agency): the service registry's names. */
export type AgencyName = AgencyService["name"];

/** The Person fields panels read. */
export type PanelField = keyof PersonPanelsData;

/**
 * The Person field an agency's subgraph owns (its registry row's `personField`), among those the
 * panels read: `never` for an agency whose panel is not written yet (a scaffolded one), so the
 * app still compiles and panels.test.ts names the missing panel.
 */
type PersonFieldOf<A extends AgencyName> = Extract<AgencyService, { name: A }>["personField"] & PanelField;

export interface PanelBodyProps<R> {
  /** What the agency holds (never null here: PanelFrame shows the other states). */
  record: R;
  /**
   * Why detail fields are withheld (the first FORBIDDEN message under this panel's field), or
   * null when the caller sees full detail. A withheld field is null in the record.
   */
  withheld: string | null;
}

export interface AgencyPanel<F extends PanelField = PanelField> {
  agency: AgencyName;
  field: F;
  /** The panel's heading, e.g. "Health visiting". */
  title: string;
  /** How staff name the agency's system, e.g. "Maternity system". */
  system: string;
  Body: ComponentType<PanelBodyProps<NonNullable<PersonPanelsData[F]>>>;
}

/** Any one agency's panel (each typed against its own field). */
export type AnyAgencyPanel = { [F in PanelField]: AgencyPanel<F> }[PanelField];

/**
 * An agency's panel: its field, title ("Health visiting") and system ("Health visiting system") from
 * the agency's registry row, its Body typed against that field.
 */
export function definePanel<A extends AgencyName>(
  agency: A,
  Body: ComponentType<PanelBodyProps<NonNullable<PersonPanelsData[PersonFieldOf<A>]>>>,
): AgencyPanel<PersonFieldOf<A>> {
  const row = agencyService(agency);
  return { agency, field: row.personField as PersonFieldOf<A>, title: row.title, system: `${row.title} system`, Body };
}
