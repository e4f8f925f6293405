import type { GraphQLErrorShape } from "../api/client";
import { dateLabel } from "../components/labels";
import type { AnyAgencyPanel } from "../panels/contract";
import type { PersonPanelsData } from "../panels/fields";
import { buildChronology } from "./chronology";

/**
 * The person's chronology across agencies: an ordered list, newest first, each event with its
 * date (`<time datetime>`), the agency that recorded it and what happened. Built from the page's
 * one answer (buildChronology), so it adds no request; agencies whose events are missing or
 * partial are named below it with the reason their panel gives.
 */
export function Chronology({
  person,
  errors,
  path,
  panels,
}: {
  person: PersonPanelsData;
  errors: readonly GraphQLErrorShape[];
  /** Where the person sits in the answer, e.g. ["person"]. */
  path: readonly (string | number)[];
  panels: readonly AnyAgencyPanel[];
}) {
  const { events, gaps } = buildChronology(person, errors, path, panels);
  return (
    <section aria-labelledby="chronology-heading" className="ffd-chronology">
      <h2 className="nhsuk-heading-m" id="chronology-heading">
        Chronology
      </h2>
      <p className="nhsuk-body-s">Dated events from every agency on this page, newest first.</p>
      {events.length === 0 ? (
        <p>No dated events are visible for this person.</p>
      ) : (
        <ol className="ffd-timeline" aria-labelledby="chronology-heading">
          {events.map((e, i) => (
            <li className="ffd-timeline__event" key={`${e.date}-${e.agency}-${i}`} data-agency={e.agency}>
              <time className="ffd-timeline__date" dateTime={e.date}>
                {dateLabel(e.date)}
              </time>
              <span className="ffd-timeline__agency">{e.agencyTitle}</span>
              <span className="ffd-timeline__what">
                {e.what}
                {e.status ? (
                  <>
                    {" "}
                    <strong className={`nhsuk-tag ${e.status.modifier}`}>{e.status.label}</strong>
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ol>
      )}
      {gaps.length > 0 ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Not every agency&apos;s events are in this chronology:</p>
          <ul>
            {gaps.map((g) => (
              <li key={g.agency}>
                <strong>{g.agencyTitle}</strong>: {g.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
