import { useEffect, useState } from "react";
import { errorsUnder, execute, RequestError, type GraphQLErrorShape } from "../api/client";
import { ErrorSummary } from "../components/ErrorSummary";
import { dateLabel, enumLabel, nhsNumberLabel } from "../components/labels";
import { usePageTitle } from "../components/title";
import { graphql } from "../gql";
import type { PersonPageQuery } from "../gql/graphql";
import { PanelFrame } from "../panels/PanelFrame";
import { PANELS } from "../panels/panels";
import { NOT_VISIBLE } from "../panels/Detail";
import { Link } from "../router";
import type { Session } from "../session";

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
  usePageTitle("Person and family");

  useEffect(() => {
    let current = true;
    setAnswer(null);
    setProblem(null);
    execute(PersonPage, { id }, session)
      .then((a) => current && setAnswer(a))
      .catch((err: unknown) => {
        if (!current) return;
        if (err instanceof RequestError && err.code === "UNAUTHENTICATED") onSignedOut(err.message);
        else setProblem(err instanceof Error ? err.message : "The page could not be loaded.");
      });
    return () => {
      current = false;
    };
  }, [id, session.token, session.purpose]);

  if (problem) return <ErrorSummary messages={[problem]} />;
  if (!answer) return <p aria-live="polite">Loading…</p>;
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
  return (
    <>
      <h1 className="nhsuk-heading-l">{name || "Person"}</h1>
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
      {PANELS.map((panel) => (
        <PanelFrame key={panel.agency} panel={panel} person={person} errors={answer.errors} path={["person"]} />
      ))}
    </>
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
