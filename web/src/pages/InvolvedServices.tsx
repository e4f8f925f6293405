import { errorsUnder, type GraphQLErrorShape } from "../api/client";
import { agencyLabel, dateLabel } from "../components/labels";
import { graphql } from "../gql";
import type { InvolvedServicesFragment } from "../gql/graphql";

export const InvolvedServicesFields = graphql(`
  fragment InvolvedServices on Person {
    involvements {
      agency
      status
      leadPractitioner {
        name
        role
        team
        phone
      }
      since
      lastContactOn
    }
  }
`);

type Involvement = InvolvedServicesFragment["involvements"][number];

/** A phone number as a tel: link (spaces out of the link, kept in the text). */
function Phone({ phone }: { phone: string }) {
  return <a href={`tel:${phone.replace(/\s+/g, "")}`}>{phone}</a>;
}

function Practitioner({ lead }: { lead: Involvement["leadPractitioner"] }) {
  if (!lead) return <>None recorded</>;
  return (
    <>
      <strong>{lead.name}</strong>, {lead.role}
      {lead.team ? <>, {lead.team}</> : null}
      {lead.phone ? (
        <>
          <br />
          <Phone phone={lead.phone} />
        </>
      ) : null}
    </>
  );
}

/**
 * "Involved services": who is involved with the person, one row per agency the graph lists
 * (current or historic, the lead practitioner's work contact, since, the last contact). Agencies
 * the caller may not see are not in the answer and are not mentioned; an agency that did not
 * answer is named as not answering.
 */
export function InvolvedServices({
  involvements,
  errors,
  path,
}: {
  involvements: readonly Involvement[] | null | undefined;
  errors: readonly GraphQLErrorShape[];
  /** Where the person sits in the answer, e.g. ["person"]. */
  path: readonly (string | number)[];
}) {
  const down = errorsUnder(errors, [...path, "involvements"])
    .filter((e) => e.extensions?.code === "AGENCY_UNAVAILABLE")
    .map((e) => (typeof e.extensions?.agency === "string" ? e.extensions.agency : null));
  const list = involvements ?? [];
  return (
    <section aria-labelledby="involved-services">
      <h2 className="nhsuk-heading-m" id="involved-services">
        Involved services
      </h2>
      {down.map((agency, i) => (
        <div className="nhsuk-warning-callout" key={agency ?? i}>
          <h3 className="nhsuk-warning-callout__label">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            {agency ? agencyLabel(agency) : "A service"} is not answering
          </h3>
          <p>Whether it is involved, and who leads its work, is missing from this list. Try again later.</p>
        </div>
      ))}
      {list.length === 0 ? (
        <p>No service you can see is involved with this person.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
            Services involved with this person, with their lead practitioner and last contact
          </caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Status</th>
              <th scope="col">Lead practitioner</th>
              <th scope="col">Since</th>
              <th scope="col">Last contact</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {list.map((inv) => (
              <tr key={inv.agency}>
                <th scope="row">{agencyLabel(inv.agency)}</th>
                <td>
                  <strong className={`nhsuk-tag ${inv.status === "CURRENT" ? "nhsuk-tag--green" : "nhsuk-tag--grey"}`}>
                    {inv.status === "CURRENT" ? "Current" : "Historic"}
                  </strong>
                </td>
                <td>
                  <Practitioner lead={inv.leadPractitioner} />
                </td>
                <td>{dateLabel(inv.since) || "Not recorded"}</td>
                <td>{dateLabel(inv.lastContactOn) || "None recorded"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
