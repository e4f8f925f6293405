import { useState } from "react";
import { useQuery } from "../../api/query";
import { ErrorSummary } from "../../components/ErrorSummary";
import { agencyLabel, dateTimeLabel, enumLabel, purposeLabel } from "../../components/labels";
import { usePageTitle } from "../../components/title";
import { graphql } from "../../gql";
import { Link, navigate } from "../../router";
import { isoDate } from "../search-input";
import type { AuditScreenProps } from "./AuditScreens";

export const AccessReportQuery = graphql(`
  query AccessReport($actor: String!, $from: DateTime!, $to: DateTime!) {
    accessReport(actor: $actor, from: $from, to: $to) {
      actor
      reads
      people {
        personId
        reads
        firstAt
        lastAt
        agencies
        purposes
        outcomes
      }
    }
  }
`);

/** The longest period one report covers, as the audit API allows. */
export const MAX_REPORT_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReportFields {
  actor: string;
  from: string;
  to: string;
}

type FieldName = keyof ReportFields;

/** A date as written (1/3/2026 or 2026-03-01) as midnight UTC that day; null when no such day. */
function dayOf(text: string): number | null {
  const iso = isoDate(text);
  if (!iso) return null;
  const [y, m, d] = iso.split("-").map(Number);
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? t : null;
}

/**
 * The report's arguments from the form, or what is wrong with each field. The end date is
 * included: the period runs from midnight UTC at the start of the first day to midnight at the
 * end of the last, at most 366 days.
 */
export function reportArgumentsOf(
  fields: ReportFields,
): { variables: { actor: string; from: string; to: string } } | { errors: Partial<Record<FieldName, string>> } {
  const errors: Partial<Record<FieldName, string>> = {};
  const actor = fields.actor.trim();
  if (!actor) errors.actor = "Enter the user's id";
  const from = fields.from.trim() ? dayOf(fields.from) : null;
  const to = fields.to.trim() ? dayOf(fields.to) : null;
  if (!fields.from.trim()) errors.from = "Enter the start date";
  else if (from === null) errors.from = "Start date must be a real date, for example 1/3/2026";
  if (!fields.to.trim()) errors.to = "Enter the end date";
  else if (to === null) errors.to = "End date must be a real date, for example 31/3/2026";
  if (from !== null && to !== null) {
    const days = Math.round((to - from) / DAY_MS) + 1;
    if (days < 1) errors.to = "End date must be the same as or after the start date";
    else if (days > MAX_REPORT_DAYS)
      errors.to = `The period must be ${MAX_REPORT_DAYS} days or fewer: this one is ${days} days`;
  }
  if (Object.keys(errors).length > 0 || from === null || to === null) return { errors };
  return {
    variables: { actor, from: new Date(from).toISOString(), to: new Date(to + DAY_MS).toISOString() },
  };
}

const FIELDS: { name: FieldName; label: string; hint: string; width: string }[] = [
  { name: "actor", label: "User", hint: "Their user id, as the audit trail shows it", width: "nhsuk-input--width-20" },
  { name: "from", label: "Start date", hint: "For example, 1/3/2026", width: "nhsuk-input--width-10" },
  {
    name: "to",
    label: "End date",
    hint: "Included in the report. At most 366 days after the start",
    width: "nhsuk-input--width-10",
  },
];

/** /audit/access-report?actor=…&from=…&to=…: whose records one user read in a period. */
export function AccessReport({ session, search, onSignedOut }: AuditScreenProps) {
  usePageTitle("Access report");
  const params = new URLSearchParams(search);
  const asked: ReportFields = {
    actor: params.get("actor") ?? "",
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  };
  const parsed = search ? reportArgumentsOf(asked) : null;
  const [fields, setFields] = useState(asked);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>(
    parsed && "errors" in parsed ? parsed.errors : {},
  );
  const [load] = useQuery(
    AccessReportQuery,
    parsed && "variables" in parsed ? parsed.variables : null,
    session,
    onSignedOut,
  );
  const messages = FIELDS.map((f) => errors[f.name]).filter((m): m is string => !!m);

  return (
    <>
      <h1 className="nhsuk-heading-l">Access report</h1>
      {messages.length > 0 ? <ErrorSummary messages={messages} /> : null}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const checked = reportArgumentsOf(fields);
          if ("errors" in checked) {
            setErrors(checked.errors);
            return;
          }
          setErrors({});
          navigate(`/audit/access-report?${new URLSearchParams({ ...fields }).toString()}`);
        }}
      >
        {FIELDS.map((f) => {
          const error = errors[f.name];
          return (
            <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`} key={f.name}>
              <label className="nhsuk-label" htmlFor={`report-${f.name}`}>
                {f.label}
              </label>
              <div className="nhsuk-hint" id={`report-${f.name}-hint`}>
                {f.hint}
              </div>
              {error ? (
                <span className="nhsuk-error-message" id={`report-${f.name}-error`}>
                  <span className="nhsuk-u-visually-hidden">Error:</span> {error}
                </span>
              ) : null}
              <input
                className={`nhsuk-input ${f.width}${error ? " nhsuk-input--error" : ""}`}
                id={`report-${f.name}`}
                name={f.name}
                type="text"
                spellCheck={false}
                autoComplete="off"
                aria-describedby={`report-${f.name}-hint${error ? ` report-${f.name}-error` : ""}`}
                value={fields[f.name]}
                onChange={(e) => setFields({ ...fields, [f.name]: e.target.value })}
              />
            </div>
          );
        })}
        <button className="nhsuk-button" type="submit">
          Show the report
        </button>
      </form>
      <div aria-live="polite">
        {load.status === "loading" ? <p>Loading the report…</p> : null}
        {load.status === "error" ? <ErrorSummary messages={load.messages} /> : null}
        {load.status === "data" && load.data.accessReport.people.length === 0 ? (
          <>
            <h2 className="nhsuk-heading-m">No reads in this period</h2>
            <p>{load.data.accessReport.actor} read no one&apos;s record in this period.</p>
          </>
        ) : null}
      </div>
      {load.status === "data" && load.data.accessReport.people.length > 0 ? (
        <>
          <h2 className="nhsuk-heading-m">
            {load.data.accessReport.reads} {load.data.accessReport.reads === 1 ? "read" : "reads"} of{" "}
            {load.data.accessReport.people.length} {load.data.accessReport.people.length === 1 ? "person" : "people"}
          </h2>
          <table className="nhsuk-table">
            <caption className="nhsuk-u-visually-hidden">
              People whose records {load.data.accessReport.actor} read
            </caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                {["Person", "Reads", "First read", "Last read", "Agencies", "Purposes", "Outcomes"].map((h) => (
                  <th scope="col" className="nhsuk-table__header" key={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {load.data.accessReport.people.map((p) => (
                <tr className="nhsuk-table__row" key={p.personId}>
                  <td className="nhsuk-table__cell">
                    <Link href={`/audit/trail?person=${encodeURIComponent(p.personId)}`}>{p.personId}</Link>
                  </td>
                  <td className="nhsuk-table__cell">{p.reads}</td>
                  <td className="nhsuk-table__cell">{dateTimeLabel(p.firstAt)}</td>
                  <td className="nhsuk-table__cell">{dateTimeLabel(p.lastAt)}</td>
                  <td className="nhsuk-table__cell">{p.agencies.map(agencyLabel).join(", ") || "None"}</td>
                  <td className="nhsuk-table__cell">{p.purposes.map(purposeLabel).join(", ")}</td>
                  <td className="nhsuk-table__cell">{p.outcomes.map((o) => enumLabel(o)).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
