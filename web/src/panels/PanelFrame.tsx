import type { GraphQLErrorShape } from "../api/client";
import type { ComponentType } from "react";
import type { AnyAgencyPanel, PanelBodyProps } from "./contract";
import type { PersonPanelsData } from "./fields";
import { NOT_VISIBLE } from "./Detail";
import { panelState } from "./state";

/**
 * One agency's panel as an NHS card, in whichever state the answer puts it (see state.ts): the
 * same frame for every agency, with the agency's own Body for its data.
 */
export function PanelFrame({
  panel,
  person,
  errors,
  path,
}: {
  panel: AnyAgencyPanel;
  person: PersonPanelsData;
  errors: readonly GraphQLErrorShape[];
  /** Where the person sits in the answer, e.g. ["person"]. */
  path: readonly (string | number)[];
}) {
  const value = person[panel.field];
  const state = panelState(value, errors, [...path, panel.field], panel.agency);
  const headingId = `panel-${panel.agency}`;
  // Each entry of PANELS pairs a field with the Body for that field's type (definePanel).
  const Body = panel.Body as ComponentType<PanelBodyProps<unknown>>;
  return (
    <section className="nhsuk-card" aria-labelledby={headingId} data-agency={panel.agency}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m" id={headingId}>
          {panel.title}
          {state.kind === "data" && state.withheld ? (
            <>
              {" "}
              <strong className="nhsuk-tag nhsuk-tag--grey">Summary</strong>
            </>
          ) : null}
        </h2>
        {state.kind === "agency-down" ? (
          <div className="nhsuk-warning-callout">
            <h3 className="nhsuk-warning-callout__label">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {panel.system} is not answering
            </h3>
            <p>
              {panel.system} is not answering: its information is missing from this page. The rest of the page is shown.
              Try again later.
            </p>
          </div>
        ) : null}
        {state.kind === "not-visible" ? (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>
              <strong>{NOT_VISIBLE}.</strong> {state.reason}
            </p>
          </div>
        ) : null}
        {state.kind === "failed" ? <p>{state.message}</p> : null}
        {state.kind === "empty" ? <p>{panel.title} holds no record of this person.</p> : null}
        {state.kind === "data" ? (
          <>
            {state.withheld ? (
              <div className="nhsuk-inset-text">
                <span className="nhsuk-u-visually-hidden">Information: </span>
                <p>Summary only: some details are not visible to your role for this purpose. {state.withheld}</p>
              </div>
            ) : null}
            <Body record={value} withheld={state.withheld} />
          </>
        ) : null}
      </div>
    </section>
  );
}
