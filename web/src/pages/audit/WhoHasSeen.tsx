import { useState } from "react";
import { useQuery } from "../../api/query";
import { ErrorSummary } from "../../components/ErrorSummary";
import { agencyLabel, dateTimeLabel, enumLabel, purposeLabel, roleLabel } from "../../components/labels";
import { usePageTitle } from "../../components/title";
import { graphql } from "../../gql";
import { navigate } from "../../router";
import type { AuditScreenProps } from "./AuditScreens";

export const AuditTrail = graphql(`
  query AuditTrail($personId: ID!, $first: Int!) {
    auditTrail(personId: $personId, first: $first) {
      eventId
      occurredAt
      actor
      role
      organisation
      purpose
      agencies
      denied
      outcome
      breakGlassReason
      awaitingReview
      breakGlassReview {
        verdict
      }
    }
  }
`);

/** How many reads the trail shows, newest first (within the gateway's query cost limit). */
export const TRAIL_PAGE = 100;

/** The review of a break-glass access as a status tag. */
export function ReviewTag({ awaiting, verdict }: { awaiting: boolean; verdict: string | null | undefined }) {
  if (awaiting) return <strong className="nhsuk-tag nhsuk-tag--orange">Awaiting review</strong>;
  if (verdict === "APPROPRIATE") return <strong className="nhsuk-tag nhsuk-tag--green">Reviewed: appropriate</strong>;
  if (verdict === "INAPPROPRIATE") return <strong className="nhsuk-tag nhsuk-tag--red">Reviewed: inappropriate</strong>;
  return null;
}

/** /audit/trail?person=<id>: "who has seen this record", every read of it, newest first. */
export function WhoHasSeen({ session, search, onSignedOut }: AuditScreenProps) {
  usePageTitle("Who has seen this record");
  const personId = new URLSearchParams(search).get("person")?.trim() ?? "";
  const [field, setField] = useState(personId);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [load] = useQuery(AuditTrail, personId ? { personId, first: TRAIL_PAGE } : null, session, onSignedOut);

  return (
    <>
      <h1 className="nhsuk-heading-l">Who has seen this record</h1>
      {fieldError ? <ErrorSummary messages={[fieldError]} /> : null}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const id = field.trim();
          if (!id) {
            setFieldError("Enter the person id");
            return;
          }
          setFieldError(null);
          navigate(`/audit/trail?person=${encodeURIComponent(id)}`);
        }}
      >
        <div className={`nhsuk-form-group${fieldError ? " nhsuk-form-group--error" : ""}`}>
          <label className="nhsuk-label" htmlFor="audit-person">
            Person id
          </label>
          <div className="nhsuk-hint" id="audit-person-hint">
            The family index id of the person, as it appears in their page&apos;s address (/people/…)
          </div>
          {fieldError ? (
            <span className="nhsuk-error-message" id="audit-person-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {fieldError}
            </span>
          ) : null}
          <input
            className={`nhsuk-input nhsuk-input--width-30${fieldError ? " nhsuk-input--error" : ""}`}
            id="audit-person"
            name="person"
            type="text"
            spellCheck={false}
            autoComplete="off"
            aria-describedby={fieldError ? "audit-person-hint audit-person-error" : "audit-person-hint"}
            value={field}
            onChange={(e) => setField(e.target.value)}
          />
        </div>
        <button className="nhsuk-button" type="submit">
          Show who has seen this record
        </button>
      </form>
      <div aria-live="polite">
        {load.status === "loading" ? <p>Loading the audit trail…</p> : null}
        {load.status === "error" ? <ErrorSummary messages={load.messages} /> : null}
        {load.status === "data" && load.data.auditTrail.length === 0 ? (
          <>
            <h2 className="nhsuk-heading-m">No reads recorded</h2>
            <p>No one has read this record, or no person has this id.</p>
          </>
        ) : null}
      </div>
      {load.status === "data" && load.data.auditTrail.length > 0 ? (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption">
            {load.data.auditTrail.length === TRAIL_PAGE
              ? `The newest ${TRAIL_PAGE} reads`
              : `${load.data.auditTrail.length} ${load.data.auditTrail.length === 1 ? "read" : "reads"}, newest first`}
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              {["When", "Who", "Role", "Organisation", "Purpose", "Agencies", "Outcome", "Break glass"].map((h) => (
                <th scope="col" className="nhsuk-table__header" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {load.data.auditTrail.map((e) => (
              <tr className="nhsuk-table__row" key={e.eventId}>
                <td className="nhsuk-table__cell">{dateTimeLabel(e.occurredAt)}</td>
                <td className="nhsuk-table__cell">{e.actor}</td>
                <td className="nhsuk-table__cell">{roleLabel(e.role)}</td>
                <td className="nhsuk-table__cell">{e.organisation ?? "Not recorded"}</td>
                <td className="nhsuk-table__cell">{purposeLabel(e.purpose)}</td>
                <td className="nhsuk-table__cell">{e.agencies.map(agencyLabel).join(", ") || "None"}</td>
                <td className="nhsuk-table__cell">{enumLabel(e.outcome)}</td>
                <td className="nhsuk-table__cell">
                  {e.breakGlassReason ? (
                    <>
                      <strong className="nhsuk-tag nhsuk-tag--red">Break glass</strong>{" "}
                      <ReviewTag awaiting={e.awaitingReview} verdict={e.breakGlassReview?.verdict} />
                      <p className="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
                        Reason: <q>{e.breakGlassReason}</q>
                      </p>
                    </>
                  ) : (
                    "No"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
