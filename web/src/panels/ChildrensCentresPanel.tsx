import { graphql } from "../gql";
import type { ChildrensCentresPanelFragment } from "../gql/graphql";
import { dateLabel, enumLabel } from "../components/labels";
import type { PanelBodyProps } from "./contract";
import { Detail, Row, yesNo } from "./Detail";

export const ChildrensCentresPanelFields = graphql(`
  fragment ChildrensCentresPanel on Person {
    childrensCentres {
      registrations {
        memberRef
        role
        registeredOn
        consentToShare
        sessionsAttended
        lastAttendedOn
        centre {
          code
          name
        }
      }
    }
  }
`);

type Record = NonNullable<ChildrensCentresPanelFragment["childrensCentres"]>;

export function ChildrensCentresBody({ record, withheld }: PanelBodyProps<Record>) {
  if (record.registrations.length === 0) return <p>Not registered at a children's centre.</p>;
  return (
    <>
      {record.registrations.map((r) => (
        <dl className="nhsuk-summary-list" key={r.memberRef}>
          <Row label="Centre">{r.centre.name}</Row>
          <Row label="Registered on">{dateLabel(r.registeredOn)}</Row>
          <Row label="Role in the household">{enumLabel(r.role)}</Row>
          <Row label="Consent to share">{yesNo(r.consentToShare)}</Row>
          <Row label="Sessions attended">
            <Detail value={r.sessionsAttended} withheld={withheld} />
          </Row>
          <Row label="Last attended">
            <Detail value={r.lastAttendedOn} withheld={withheld}>
              {dateLabel(r.lastAttendedOn)}
            </Detail>
          </Row>
        </dl>
      ))}
    </>
  );
}
