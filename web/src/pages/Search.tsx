import { useEffect, useState } from "react";
import { execute, RequestError } from "../api/client";
import { ErrorSummary } from "../components/ErrorSummary";
import { dateLabel } from "../components/labels";
import { usePageTitle } from "../components/title";
import { graphql } from "../gql";
import type { SearchPeopleQuery } from "../gql/graphql";
import { Link, navigate } from "../router";
import type { Session } from "../session";
import { SearchForm } from "./SearchForm";
import { fieldsOfParams, searchInputOf, searchParamsOf } from "./search-input";

export const SearchPeople = graphql(`
  query SearchPeople($query: PersonSearchInput!) {
    searchPeople(query: $query) {
      score
      matchedOn
      person {
        id
        givenName
        familyName
        dateOfBirth
        postcode
      }
    }
  }
`);

type Matches = SearchPeopleQuery["searchPeople"];

/** "givenName:jaro-winkler" → "given name (similar spelling)". */
const FIELD_WORDS: Record<string, string> = {
  givenName: "given name",
  familyName: "family name",
  dateOfBirth: "date of birth",
  nhsNumber: "NHS number",
  postcode: "postcode",
  sex: "sex",
};
const LEVEL_WORDS: Record<string, string> = {
  exact: "exact",
  "other-forename": "another forename",
  nickname: "nickname",
  "jaro-winkler": "similar spelling",
  phonetic: "sounds alike",
  part: "part of the name",
  "day-month-transposed": "day and month swapped",
  "one-digit": "one digit different",
  sector: "same sector",
  "one-character": "one character different",
  transposed: "given the other way round",
  district: "same district",
};
export function matchedOnLabel(matchedOn: readonly string[]): string {
  return matchedOn
    .map((m) => {
      const [field, level] = m.split(":");
      return `${FIELD_WORDS[field] ?? field} (${LEVEL_WORDS[level] ?? level})`;
    })
    .join(", ");
}

/** An answer with fewer people than this, to a search giving a name, offers the weaker candidates. */
export const SHORT_ANSWER = 3;

/** The URL parameter that asks for the weaker candidates too (`&weaker=1`). */
const WEAKER_PARAM = "weaker";

const NAME_OR_NHS = /^(givenName|familyName|nhsNumber):/;

/**
 * Whether a match is a weaker candidate: the search gave a name and the person agrees with it on
 * no name nor the NHS number (only on the date of birth or the postcode), which the graph lists
 * only when asked for (`includeWeakerCandidates`).
 */
export function isWeakerCandidate(matchedOn: readonly string[], nameGiven: boolean): boolean {
  return nameGiven && !matchedOn.some((m) => NAME_OR_NHS.test(m));
}

/**
 * Search, the first page after signing in. The fields are kept in the URL (?givenName=…), so
 * the results survive a reload and the back button returns to them.
 */
export function Search({
  session,
  search,
  onSignedOut,
}: {
  session: Session;
  search: string;
  onSignedOut: (message: string) => void;
}) {
  const fields = fieldsOfParams(search);
  const weaker = new URLSearchParams(search).get(WEAKER_PARAM) === "1";
  const nameGiven = !!(fields.givenName.trim() || fields.familyName.trim());
  const [matches, setMatches] = useState<Matches | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  usePageTitle(search ? "Search results" : "Find a person");

  useEffect(() => {
    setMatches(null);
    setProblems([]);
    if (!search) return;
    const parsed = searchInputOf(fields);
    if ("problems" in parsed) {
      setProblems(parsed.problems);
      return;
    }
    let current = true;
    setBusy(true);
    const query = weaker ? { ...parsed.input, includeWeakerCandidates: true } : parsed.input;
    execute(SearchPeople, { query }, session)
      .then(({ data, errors }) => {
        if (!current) return;
        if (errors.length > 0 && !data) setProblems(errors.map((e) => e.message));
        else setMatches(data?.searchPeople ?? []);
      })
      .catch((err: unknown) => {
        if (!current) return;
        if (err instanceof RequestError && err.code === "UNAUTHENTICATED") onSignedOut(err.message);
        else setProblems([err instanceof Error ? err.message : "The search failed."]);
      })
      .finally(() => current && setBusy(false));
    return () => {
      current = false;
    };
    // The query string is the search: run it again whenever it (or the purpose) changes.
  }, [search, session.token, session.purpose]);

  return (
    <>
      <h1 className="nhsuk-heading-l">Find a person</h1>
      {problems.length > 0 ? <ErrorSummary messages={problems} /> : null}
      <SearchForm
        key={search}
        initial={fields}
        busy={busy}
        onSearch={(next) => {
          const parsed = searchInputOf(next);
          if ("problems" in parsed) setProblems(parsed.problems);
          else navigate(`/?${searchParamsOf(next)}`);
        }}
      />
      <div aria-live="polite">
        {busy ? <p>Searching…</p> : null}
        {matches ? <Results matches={matches} weaker={weaker} nameGiven={nameGiven} /> : null}
      </div>
      {matches && !busy && nameGiven ? (
        weaker ? (
          <p>
            <Link href={`/?${searchParamsOf(fields)}`}>Show only likely matches</Link>
          </p>
        ) : matches.length < SHORT_ANSWER ? (
          <div className="nhsuk-form-group">
            <p className="nhsuk-body" id="weaker-hint">
              Weaker candidates share the date of birth or the postcode but not a name or the NHS number. They are less
              likely to be the person: check them carefully.
            </p>
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              aria-describedby="weaker-hint"
              onClick={() => navigate(`/?${searchParamsOf(fields)}&${WEAKER_PARAM}=1`)}
            >
              Show weaker candidates
            </button>
          </div>
        ) : null
      ) : null}
    </>
  );
}

function Results({ matches, weaker, nameGiven }: { matches: Matches; weaker: boolean; nameGiven: boolean }) {
  const weakerCount = weaker ? matches.filter((m) => isWeakerCandidate(m.matchedOn, nameGiven)).length : 0;
  if (matches.length === 0)
    return (
      <>
        <h2 className="nhsuk-heading-m">{weaker ? "No one found, not even a weaker candidate" : "No one found"}</h2>
        <p>Check the spelling and the date of birth, or search by NHS number.</p>
      </>
    );
  return (
    <>
      <h2 className="nhsuk-heading-m">
        {matches.length} {matches.length === 1 ? "person" : "people"} found
        {weaker ? `, ${weakerCount} of them ${weakerCount === 1 ? "a weaker candidate" : "weaker candidates"}` : ""}
      </h2>
      {weaker && weakerCount > 0 ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            Weaker candidates are marked. They share only the date of birth or the postcode with your search, not a name
            or the NHS number, and are less likely to be the person you are looking for.
          </p>
        </div>
      ) : null}
      <ul className="nhsuk-list ffd-results">
        {matches.map((m) => {
          const name = `${m.person.givenName ?? ""} ${m.person.familyName ?? ""}`.trim() || "Name not visible";
          const isWeaker = weaker && isWeakerCandidate(m.matchedOn, nameGiven);
          return (
            <li key={m.person.id} className="nhsuk-card nhsuk-card--clickable ffd-result">
              <div className="nhsuk-card__content">
                <h3 className="nhsuk-card__heading nhsuk-heading-s">
                  <Link className="nhsuk-card__link" href={`/people/${encodeURIComponent(m.person.id)}`}>
                    {name}
                  </Link>
                </h3>
                {isWeaker ? <strong className="nhsuk-tag nhsuk-tag--orange">Weaker candidate</strong> : null}
                <dl className="nhsuk-summary-list nhsuk-summary-list--no-border ffd-result__facts">
                  <div className="nhsuk-summary-list__row">
                    <dt className="nhsuk-summary-list__key">Date of birth</dt>
                    <dd className="nhsuk-summary-list__value">{dateLabel(m.person.dateOfBirth) || "Not recorded"}</dd>
                  </div>
                  <div className="nhsuk-summary-list__row">
                    <dt className="nhsuk-summary-list__key">Postcode</dt>
                    <dd className="nhsuk-summary-list__value">{m.person.postcode || "Not recorded"}</dd>
                  </div>
                  <div className="nhsuk-summary-list__row">
                    <dt className="nhsuk-summary-list__key">Score</dt>
                    <dd className="nhsuk-summary-list__value">{m.score.toFixed(2)}</dd>
                  </div>
                  <div className="nhsuk-summary-list__row">
                    <dt className="nhsuk-summary-list__key">Matched on</dt>
                    <dd className="nhsuk-summary-list__value">{matchedOnLabel(m.matchedOn) || "—"}</dd>
                  </div>
                </dl>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
