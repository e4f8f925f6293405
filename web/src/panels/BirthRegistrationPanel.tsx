import { graphql } from "../gql";
import type { BirthRegistrationPanelFragment } from "../gql/graphql";
import { dateLabel } from "../components/labels";
import type { PanelBodyProps } from "./contract";
import { Detail, Row, yesNo } from "./Detail";

export const BirthRegistrationPanelFields = graphql(`
  fragment BirthRegistrationPanel on Person {
    birthRegistration {
      asChild {
        id
        district
        entryNumber
        registeredOn
        registeredWithinLegalPeriod
        placeOfBirth
      }
      asParent {
        id
        district
        entryNumber
        registeredOn
        registeredWithinLegalPeriod
      }
    }
  }
`);

type Record = NonNullable<BirthRegistrationPanelFragment["birthRegistration"]>;

export function BirthRegistrationBody({ record, withheld }: PanelBodyProps<Record>) {
  const own = record.asChild;
  return (
    <>
      {own ? (
        <dl className="nhsuk-summary-list">
          <Row label="Birth registered on">{dateLabel(own.registeredOn)}</Row>
          <Row label="District and entry">{`${own.district}, entry ${own.entryNumber}`}</Row>
          <Row label="Within 42 days">{yesNo(own.registeredWithinLegalPeriod)}</Row>
          <Row label="Place of birth">
            <Detail value={own.placeOfBirth} withheld={withheld} />
          </Row>
        </dl>
      ) : (
        <p>No birth registration of this person is held.</p>
      )}
      {record.asParent.length > 0 ? (
        <p>
          Named as a parent on {record.asParent.length} {record.asParent.length === 1 ? "entry" : "entries"}:{" "}
          {record.asParent.map((e) => `${e.district} ${e.entryNumber} (${dateLabel(e.registeredOn)})`).join("; ")}.
        </p>
      ) : null}
    </>
  );
}
