import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { mayBreakGlass } from "@ffd/shared/policy";
import { errorsUnder, execute, RequestError, type GraphQLErrorShape } from "../api/client";
import { BreakGlassDialog } from "../components/BreakGlassDialog";
import { ErrorSummary } from "../components/ErrorSummary";
import { dateLabel, enumLabel, nhsNumberLabel } from "../components/labels";
import { usePageTitle } from "../components/title";
import { graphql } from "../gql";
import type { PersonPageQuery } from "../gql/graphql";
import { Chronology } from "../chronology/Chronology";
import { InvolvedServices } from "./InvolvedServices";
import { PanelFrame } from "../panels/PanelFrame";
import { PANELS } from "../panels/panels";
import { NOT_VISIBLE } from "../panels/Detail";
import { Link } from "../router";
import type { Session } from "../session";

/** The linked records with Unlink, for those who review record linkage: loaded only for them. */
const UnlinkRecords = lazy(() => import("./review/UnlinkRecords"));

/** The person page's one request: identity, family, and every agency panel's fragment. */
export const PersonPage = graphql(`
  query PersonPage($id: ID!) {
    person(id: $id) {
      id
      nhsNumber
      givenName
      familyName
      dateOfBirth
      sex
      family {
        id
        members {
          relationship
          person {
            id
            givenName
            familyName
            dateOfBirth
          }
        }
      }
      ...HealthVisitingPanel
      ...MaternityPanel
      ...ChildrensCentresPanel
      ...BirthRegistrationPanel
      ...ChildrensSocialCarePanel
      ...InvolvedServices
    }
  }
`);

type Answer = { data: PersonPageQuery | null; errors: GraphQLErrorShape[] };

/** /people/<id>: who the person is, their family, and what each agency holds about them. */
export function Person({
  session,
  id,
  onSignedOut,
}: {
  session: Session;
  id: string;
  onSignedOut: (message: string) => void;
}) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Break-glass holds for this view only: this person, until the page is left or reloaded. The
  // reason lives in this component's state, never in storage.
  const [glass, setGlass] = useState<{ id: string; reason: string } | null>(null);
  const [asking, setAsking] = useState(false);
  const [shownId, setShownId] = useState(id);
  const opener = useRef<HTMLButtonElement>(null);
  if (shownId !== id) {
    setShownId(id);
    setGlass(null);
    setAsking(false);
  }
  const reason = glass && glass.id === id ? glass.reason : null;
  usePageTitle(reason ? "Person and family (break glass)" : "Person and family");

  useEffect(() => {
    let current = true;
    setAnswer(null);
    setProblem(null);
    execute(PersonPage, { id }, session, undefined, reason ? { breakGlassReason: reason } : {})
      .then((a) => current && setAnswer(a))
      .catch((err: unknown) => {
        if (!current) return;
        if (err instanceof RequestError && err.code === "UNAUTHENTICATED") onSignedOut(err.message);
        else setProblem(err instanceof Error ? err.message : "The page could not be loaded.");
      });
    return () => {
      current = false;
    };
  }, [id, session.token, session.purpose, reason]);

  const banner = reason ? <BreakGlassBanner reason={reason} onEnd={() => setGlass(null)} /> : null;
  if (problem)
    return (
      <>
        {banner}
        <ErrorSummary messages={[problem]} />
      </>
    );
  if (!answer)
    return (
      <>
        {banner}
        <p aria-live="polite">Loading…</p>
      </>
    );
  const person = answer.data?.person;
  if (!person) {
    const messages = answer.errors.map((e) => e.message);
    return messages.length > 0 ? (
      <ErrorSummary messages={messages} />
    ) : (
      <>
        <h1 className="nhsuk-heading-l">Person not found</h1>
        <p>
          No one has this id. Search again from the <Link href="/">search page</Link>.
        </p>
      </>
    );
  }
  const name = `${person.givenName ?? ""} ${person.familyName ?? ""}`.trim();
  const identityWithheld = errorsUnder(answer.errors, ["person", "givenName"]).find(
    (e) => e.extensions?.code === "FORBIDDEN",
  );
  const closeDialog = () => {
    setAsking(false);
    // Focus back where it was: the button that opened the dialog (still there after cancelling).
    setTimeout(() => opener.current?.focus(), 0);
  };
  return (
    <>
      {banner}
      <h1 className="nhsuk-heading-l">{name || "Person"}</h1>
      {!reason && mayBreakGlass(session.role, session.purpose) ? (
        <p>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary ffd-small-button"
            ref={opener}
            onClick={() => setAsking(true)}
          >
            See full record (break glass)
          </button>
        </p>
      ) : null}
      {session.role === "ig-auditor" ? (
        <p>
          <Link href={`/audit/trail?person=${encodeURIComponent(person.id)}`}>Who has seen this record</Link>
        </p>
      ) : null}
      {asking ? (
        <BreakGlassDialog
          onCancel={closeDialog}
          onConfirm={(given) => {
            setAsking(false);
            setGlass({ id, reason: given });
          }}
        />
      ) : null}
      {identityWithheld ? (
        <div className="nhsuk-inset-text">
          <p>
            <strong>{NOT_VISIBLE}.</strong> {identityWithheld.message}
          </p>
        </div>
      ) : (
        <dl className="nhsuk-summary-list">
          <Fact label="NHS number" value={nhsNumberLabel(person.nhsNumber)} />
          <Fact label="Date of birth" value={dateLabel(person.dateOfBirth)} />
          <Fact label="Sex" value={person.sex ? enumLabel(person.sex) : ""} />
        </dl>
      )}
      <Family person={person} errors={answer.errors} />
      <InvolvedServices involvements={person.involvements} errors={answer.errors} path={["person"]} />
      {session.role === "data-steward" ? (
        <Suspense fallback={<p aria-live="polite">Loading the linked records…</p>}>
          <UnlinkRecords session={session} personId={person.id} onSignedOut={onSignedOut} />
        </Suspense>
      ) : null}
      {PANELS.map((panel) => (
        <PanelFrame key={panel.agency} panel={panel} person={person} errors={answer.errors} path={["person"]} />
      ))}
      <Chronology person={person} errors={answer.errors} path={["person"]} panels={PANELS} />
    </>
  );
}

/** Says plainly that this view broke glass, with the reason given, and offers the way back. */
function BreakGlassBanner({ reason, onEnd }: { reason: string; onEnd: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The dialog that confirmed it is gone: focus starts here, where the page says what changed.
    ref.current?.focus();
  }, []);
  return (
    <div
      className="nhsuk-warning-callout ffd-break-glass-view"
      role="region"
      aria-label="Break-glass view"
      tabIndex={-1}
      ref={ref}
    >
      <h2 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          Break-glass view
        </span>
      </h2>
      <p>
        You broke glass to see the full record. This access is recorded with your reason and reviewed by information
        governance. It ends when you leave or reload this page.
      </p>
      <p>
        Your reason: <q>{reason}</q>
      </p>
      <button type="button" className="nhsuk-button nhsuk-button--secondary ffd-small-button" onClick={onEnd}>
        Return to normal access
      </button>
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{value || "Not recorded"}</dd>
    </div>
  );
}

type PersonData = NonNullable<PersonPageQuery["person"]>;

/** The family: each member with how they are related, each a link to their own page. */
function Family({ person, errors }: { person: PersonData; errors: GraphQLErrorShape[] }) {
  const forbidden = errorsUnder(errors, ["person", "family"]).find((e) => e.extensions?.code === "FORBIDDEN");
  return (
    <section aria-labelledby="family-heading" className="ffd-family">
      <h2 className="nhsuk-heading-m" id="family-heading">
        Family
      </h2>
      {forbidden ? (
        <div className="nhsuk-inset-text">
          <p>
            <strong>{NOT_VISIBLE}.</strong> {forbidden.message}
          </p>
        </div>
      ) : !person.family ? (
        <p>No agency records this person with a family.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-u-visually-hidden">Members of the family</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Name
              </th>
              <th scope="col" className="nhsuk-table__header">
                Relationship
              </th>
              <th scope="col" className="nhsuk-table__header">
                Date of birth
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {person.family.members.map((m) => {
              const memberName =
                `${m.person.givenName ?? ""} ${m.person.familyName ?? ""}`.trim() || "Name not visible";
              return (
                <tr className="nhsuk-table__row" key={m.person.id}>
                  <td className="nhsuk-table__cell">
                    {m.person.id === person.id ? (
                      <span aria-current="page">{memberName} (this person)</span>
                    ) : (
                      <Link href={`/people/${encodeURIComponent(m.person.id)}`}>{memberName}</Link>
                    )}
                  </td>
                  <td className="nhsuk-table__cell">{enumLabel(m.relationship)}</td>
                  <td className="nhsuk-table__cell">{dateLabel(m.person.dateOfBirth)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
