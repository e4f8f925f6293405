import { graphql } from "../gql";
import type { MaternityPanelFragment } from "../gql/graphql";
import { dateLabel, enumLabel } from "../components/labels";
import type { PanelBodyProps } from "./contract";
import { Detail, Row } from "./Detail";

export const MaternityPanelFields = graphql(`
  fragment MaternityPanel on Person {
    maternity {
      provider
      pregnancies {
        id
        agreedDueDate
        bookedOn
        outcome
      }
      birth {
        localId
        bornAt
        birthWeightGrams
        deliveryMethod
      }
    }
  }
`);

type Record = NonNullable<MaternityPanelFragment["maternity"]>;

export function MaternityBody({ record, withheld }: PanelBodyProps<Record>) {
  return (
    <>
      <dl className="nhsuk-summary-list">
        <Row label="Maternity provider">
          <Detail value={record.provider} withheld={withheld} />
        </Row>
        {record.birth || withheld ? (
          <Row label="Birth">
            <Detail value={record.birth} withheld={withheld}>
              {record.birth
                ? `${dateLabel(record.birth.bornAt)}, ${record.birth.birthWeightGrams ?? "weight not recorded"}${
                    record.birth.birthWeightGrams ? " g" : ""
                  }, ${enumLabel(record.birth.deliveryMethod).toLowerCase()}`
                : null}
            </Detail>
          </Row>
        ) : null}
      </dl>
      {record.pregnancies.length === 0 ? (
        <p>No pregnancies recorded.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">Pregnancies</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Due date
              </th>
              <th scope="col" className="nhsuk-table__header">
                Booked on
              </th>
              <th scope="col" className="nhsuk-table__header">
                Outcome
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {record.pregnancies.map((p) => (
              <tr className="nhsuk-table__row" key={p.id}>
                <td className="nhsuk-table__cell">{dateLabel(p.agreedDueDate)}</td>
                <td className="nhsuk-table__cell">
                  <Detail value={p.bookedOn} withheld={withheld}>
                    {dateLabel(p.bookedOn)}
                  </Detail>
                </td>
                <td className="nhsuk-table__cell">
                  <Detail value={p.outcome} withheld={withheld}>
                    {enumLabel(p.outcome ?? "")}
                  </Detail>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
