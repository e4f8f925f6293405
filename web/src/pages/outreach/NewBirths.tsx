import { useEffect, useState, type FormEvent } from "react";
import { execute, RequestError, type GraphQLErrorShape } from "../../api/client";
import { ErrorSummary } from "../../components/ErrorSummary";
import { dateLabel } from "../../components/labels";
import { usePageTitle } from "../../components/title";
import { graphql } from "../../gql";
import type { NewBirthsNotKnownToCentresQuery, OutreachLocalitiesQuery } from "../../gql/graphql";
import { PANELS } from "../../panels/panels";
import { Link, navigate, NEW_BIRTHS_PATH } from "../../router";
import type { Session } from "../../session";
import { isoDate } from "../search-input";

export const OutreachLocalities = graphql(`
  query OutreachLocalities {
    localities {
      id
      name
    }
  }
`);

/**
 * The outreach list: family-index finds the babies; the registration and the named health
 * visitor are the agencies' own fields on the child, each shown as the policy allows that agency.
 */
export const NewBirthsNotKnownToCentres = graphql(`
  query NewBirthsNotKnownToCentres($locality: ID!, $since: Date) {
    newBirthsNotKnownToCentres(locality: $locality, since: $since) {
      dateOfBirth
      child {
        id
        givenName
        familyName
        birthRegistration {
          asChild {
            district
            registeredOn
          }
        }
        healthVisiting {
          namedHealthVisitor
          team
        }
      }
      mother {
        id
        givenName
        familyName
      }
    }
  }
`);

type Localities = OutreachLocalitiesQuery["localities"];
type Entry = NewBirthsNotKnownToCentresQuery["newBirthsNotKnownToCentres"][number];
type Answer = { entries: Entry[]; errors: GraphQLErrorShape[] };

const nameOf = (p: { givenName?: string | null; familyName?: string | null } | null | undefined) =>
  `${p?.givenName ?? ""} ${p?.familyName ?? ""}`.trim();

/** The agencies that did not answer, as the panels title them ("Health visiting"), once each. */
export function agenciesNotAnswering(errors: readonly GraphQLErrorShape[]): string[] {
  const down = new Set(
    errors.filter((e) => e.extensions?.code === "AGENCY_UNAVAILABLE").map((e) => e.extensions?.agency),
  );
  return PANELS.filter((p) => down.has(p.agency)).map((p) => p.title);
}

/**
 * /work-lists/new-births?locality=…&since=…: the babies born in the window (default the last 8
 * weeks) whose family no children's centre knows, for one locality. The choice is kept in the
 * URL, so the list survives a reload and can be shared within the team.
 */
export default function NewBirths({
  session,
  search,
  onSignedOut,
}: {
  session: Session;
  search: string;
  onSignedOut: (message: string) => void;
}) {
  usePageTitle("New births not known to a centre");
  const params = new URLSearchParams(search);
  const locality = params.get("locality") ?? "";
  const since = params.get("since") ?? "";
  const [localities, setLocalities] = useState<Localities | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const refused = (err: unknown, fallback: string) => {
    if (err instanceof RequestError && err.code === "UNAUTHENTICATED") onSignedOut(err.message);
    else setProblems([err instanceof Error ? err.message : fallback]);
  };

  useEffect(() => {
    let current = true;
    execute(OutreachLocalities, {}, session)
      .then(({ data, errors }) => {
        if (!current) return;
        if (data) setLocalities(data.localities);
        else setProblems(errors.map((e) => e.message));
      })
      .catch((err: unknown) => current && refused(err, "The localities could not be loaded."));
    return () => {
      current = false;
    };
  }, [session.token, session.purpose]);

  useEffect(() => {
    setAnswer(null);
    setProblems([]);
    if (!locality) return;
    const sinceDate = since ? isoDate(since) : null;
    if (since && !sinceDate) {
      setProblems(["Enter the earliest date of birth as day/month/year, for example 01/05/2025"]);
      return;
    }
    let current = true;
    setBusy(true);
    execute(NewBirthsNotKnownToCentres, { locality, since: sinceDate }, session)
      .then(({ data, errors }) => {
        if (!current) return;
        if (!data) setProblems(errors.map((e) => e.message));
        else setAnswer({ entries: data.newBirthsNotKnownToCentres, errors });
      })
      .catch((err: unknown) => current && refused(err, "The list could not be loaded."))
      .finally(() => current && setBusy(false));
    return () => {
      current = false;
    };
  }, [locality, since, session.token, session.purpose]);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    const chosen = String(form.get("locality") ?? "");
    const from = String(form.get("since") ?? "").trim();
    if (!chosen) {
      setProblems(["Choose a locality"]);
      return;
    }
    next.set("locality", chosen);
    if (from) next.set("since", from);
    navigate(`${NEW_BIRTHS_PATH}?${next.toString()}`);
  };
  const localityName = localities?.find((l) => l.id === locality)?.name ?? locality;

  return (
    <>
      <h1 className="nhsuk-heading-l">New births not known to a centre</h1>
      <p>
        Babies born recently whose family no children&apos;s centre knows yet, so that the locality team can reach them.
        Every person on the list is recorded in the audit trail as read by you.
      </p>
      {problems.length > 0 ? <ErrorSummary messages={problems} /> : null}
      {localities === null && problems.length === 0 ? <p aria-live="polite">Loading localities…</p> : null}
      {localities ? (
        <form key={search} className="ffd-outreach-form" onSubmit={submit} noValidate>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="outreach-locality">
              Locality
            </label>
            <select className="nhsuk-select" id="outreach-locality" name="locality" defaultValue={locality}>
              <option value="">Choose a locality</option>
              {localities.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="outreach-since">
              Born on or after (optional)
            </label>
            <div className="nhsuk-hint" id="outreach-since-hint">
              For example, 01/05/2025. Leave empty for the last 8 weeks.
            </div>
            <input
              className="nhsuk-input nhsuk-input--width-10"
              id="outreach-since"
              name="since"
              type="text"
              aria-describedby="outreach-since-hint"
              defaultValue={since}
            />
          </div>
          <button className="nhsuk-button" type="submit" disabled={busy}>
            Show the list
          </button>
        </form>
      ) : null}
      <div aria-live="polite">
        {busy ? <p>Loading the list…</p> : null}
        {answer ? <List entries={answer.entries} errors={answer.errors} localityName={localityName} /> : null}
      </div>
    </>
  );
}

function List({
  entries,
  errors,
  localityName,
}: {
  entries: Entry[];
  errors: GraphQLErrorShape[];
  localityName: string;
}) {
  const down = agenciesNotAnswering(errors);
  const warning =
    down.length > 0 ? (
      <div className="nhsuk-warning-callout">
        <h2 className="nhsuk-warning-callout__label">
          <span role="text">
            <span className="nhsuk-u-visually-hidden">Important: </span>Part of this list is missing
          </span>
        </h2>
        {down.map((title) => (
          <p key={title}>{title} is not answering: what it holds is missing from this list. Try again later.</p>
        ))}
      </div>
    ) : null;
  if (entries.length === 0)
    return (
      <>
        {warning}
        <h2 className="nhsuk-heading-m">No new births to reach in {localityName}</h2>
        <p>Every family with a baby born in this window is known to a children&apos;s centre.</p>
      </>
    );
  const downTitles = new Set(down);
  const unavailable = (title: string) => (downTitles.has(title) ? "Not available" : null);
  return (
    <>
      {warning}
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">
          {entries.length} {entries.length === 1 ? "baby" : "babies"} in {localityName} not known to a children&apos;s
          centre
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Baby
            </th>
            <th scope="col" className="nhsuk-table__header">
              Date of birth
            </th>
            <th scope="col" className="nhsuk-table__header">
              Mother
            </th>
            <th scope="col" className="nhsuk-table__header">
              Birth registered
            </th>
            <th scope="col" className="nhsuk-table__header">
              Named health visitor
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {entries.map((e) => {
            const registration = e.child.birthRegistration?.asChild;
            const hv = e.child.healthVisiting;
            return (
              <tr key={e.child.id} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">
                  <Link href={`/people/${encodeURIComponent(e.child.id)}`}>
                    {nameOf(e.child) || "Name not visible"}
                  </Link>
                </td>
                <td className="nhsuk-table__cell">{dateLabel(e.dateOfBirth)}</td>
                <td className="nhsuk-table__cell">
                  {e.mother ? (
                    <Link href={`/people/${encodeURIComponent(e.mother.id)}`}>
                      {nameOf(e.mother) || "Name not visible"}
                    </Link>
                  ) : (
                    "Not recorded"
                  )}
                </td>
                <td className="nhsuk-table__cell">
                  {registration
                    ? `Yes, ${registration.district}, on ${dateLabel(registration.registeredOn)}`
                    : (unavailable("Birth registration") ?? "Not yet registered")}
                </td>
                <td className="nhsuk-table__cell">
                  {hv
                    ? [hv.namedHealthVisitor, hv.team].filter(Boolean).join(", ") || "None named"
                    : (unavailable("Health visiting") ?? "Not known to health visiting")}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
