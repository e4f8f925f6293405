import { graphql } from "../gql";
import type { HealthVisitingPanelFragment } from "../gql/graphql";
import { dateLabel, enumLabel } from "../components/labels";
import type { PanelBodyProps } from "./contract";
import { Detail, Row } from "./Detail";

/** What the health visiting panel (and the chronology) need. */
export const HealthVisitingPanelFields = graphql(`
  fragment HealthVisitingPanel on Person {
    healthVisiting {
      clientType
      team
      namedHealthVisitor
      base
      onCaseloadSince
      expectedDeliveryDate
      breastfeedingAtSixToEightWeeks
      mandatedReviews {
        type
        dueFrom
        dueBy
        completedOn
        status
      }
    }
  }
`);

type Record = NonNullable<HealthVisitingPanelFragment["healthVisiting"]>;

export const REVIEW_LABELS: { [type: string]: string } = {
  ANTENATAL: "Antenatal contact",
  NEW_BIRTH_VISIT: "New birth visit",
  SIX_TO_EIGHT_WEEK: "6-8 week review",
  ONE_YEAR: "1 year review",
  TWO_TO_TWO_AND_A_HALF_YEAR: "2-2½ year review",
};

/** The review statuses as NHS tags: colour and words, never colour alone. */
export const STATUS_TAGS: { [status: string]: { label: string; modifier: string } } = {
  COMPLETED: { label: "Completed", modifier: "nhsuk-tag--green" },
  DUE: { label: "Due", modifier: "nhsuk-tag--yellow" },
  OVERDUE: { label: "Overdue", modifier: "nhsuk-tag--red" },
  NOT_YET_DUE: { label: "Not yet due", modifier: "nhsuk-tag--grey" },
  MISSED: { label: "Missed", modifier: "nhsuk-tag--orange" },
};

export function HealthVisitingBody({ record, withheld }: PanelBodyProps<Record>) {
  return (
    <>
      <dl className="nhsuk-summary-list">
        <Row label="Named health visitor">
          <Detail value={record.namedHealthVisitor} withheld={withheld} />
        </Row>
        <Row label="Team">
          <Detail value={record.team} withheld={withheld} />
        </Row>
        <Row label="Base">
          <Detail value={record.base} withheld={withheld} />
        </Row>
        <Row label="Client type">{enumLabel(record.clientType)}</Row>
        <Row label="On caseload since">
          <Detail value={record.onCaseloadSince} withheld={withheld}>
            {dateLabel(record.onCaseloadSince)}
          </Detail>
        </Row>
        {record.expectedDeliveryDate ? (
          <Row label="Expected delivery">{dateLabel(record.expectedDeliveryDate)}</Row>
        ) : null}
        <Row label="Breastfeeding at 6-8 weeks">
          <Detail value={record.breastfeedingAtSixToEightWeeks} withheld={withheld}>
            {enumLabel(record.breastfeedingAtSixToEightWeeks ?? "")}
          </Detail>
        </Row>
      </dl>
      {record.mandatedReviews.length === 0 ? (
        <p>No mandated reviews apply.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">Mandated reviews</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Review
              </th>
              <th scope="col" className="nhsuk-table__header">
                Due by
              </th>
              <th scope="col" className="nhsuk-table__header">
                Completed
              </th>
              <th scope="col" className="nhsuk-table__header">
                Status
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {record.mandatedReviews.map((r) => {
              const tag = STATUS_TAGS[r.status] ?? { label: enumLabel(r.status), modifier: "nhsuk-tag--grey" };
              return (
                <tr className="nhsuk-table__row" key={r.type}>
                  <td className="nhsuk-table__cell">{REVIEW_LABELS[r.type] ?? enumLabel(r.type)}</td>
                  <td className="nhsuk-table__cell">{dateLabel(r.dueBy)}</td>
                  <td className="nhsuk-table__cell">{r.completedOn ? dateLabel(r.completedOn) : "Not yet"}</td>
                  <td className="nhsuk-table__cell">
                    <strong className={`nhsuk-tag ${tag.modifier}`}>{tag.label}</strong>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
