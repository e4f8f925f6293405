import type { FormEvent } from "react";
import { ErrorSummary } from "../../components/ErrorSummary";
import { dateLabel } from "../../components/labels";
import { usePageTitle } from "../../components/title";
import { graphql } from "../../gql";
import type { MandatedReviewWorklistQuery } from "../../gql/graphql";
import { Link, MANDATED_REVIEWS_PATH, navigate } from "../../router";
import type { Session } from "../../session";
import { agenciesNotAnswering, REVIEW_LABELS, ReviewLocalities, useQuery, type Localities } from "./load";

export const MandatedReviewWorklist = graphql(`
  query MandatedReviewWorklist($locality: ID!, $dueWithinDays: Int) {
    mandatedReviewWorklist(locality: $locality, dueWithinDays: $dueWithinDays) {
      child {
        person {
          id
          givenName
          familyName
          dateOfBirth
        }
      }
      review
      dueBy
      status
      team
      namedHealthVisitor
    }
  }
`);

type Item = MandatedReviewWorklistQuery["mandatedReviewWorklist"][number];

const DAYS = [0, 7, 14, 28, 60, 90];

/** The status as a tag: Overdue stands out. */
function StatusTag({ status }: { status: string }) {
  if (status === "OVERDUE") return <strong className="nhsuk-tag nhsuk-tag--red">Overdue</strong>;
  if (status === "DUE") return <strong className="nhsuk-tag nhsuk-tag--yellow">Due</strong>;
  return <strong className="nhsuk-tag nhsuk-tag--grey">Opens soon</strong>;
}

/**
 * /work-lists/mandated-reviews?locality=…&days=…: the children of a locality with a mandated
 * review overdue or due within the days chosen (default 14), with their named health visitor.
 * The choice is kept in the URL, so the list survives a reload.
 */
export default function MandatedReviews({
  session,
  search,
  onSignedOut,
}: {
  session: Session;
  search: string;
  onSignedOut: (message: string) => void;
}) {
  usePageTitle("Mandated reviews due");
  const params = new URLSearchParams(search);
  const locality = params.get("locality") ?? "";
  const days = Number(params.get("days") ?? "14");
  const localities = useQuery(ReviewLocalities, {}, session, onSignedOut, "The localities could not be loaded.");
  const list = useQuery(
    MandatedReviewWorklist,
    locality ? { locality, dueWithinDays: DAYS.includes(days) ? days : 14 } : null,
    session,
    onSignedOut,
    "The list could not be loaded.",
  );

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next = new URLSearchParams({
      locality: String(form.get("locality") ?? ""),
      days: String(form.get("days") ?? "14"),
    });
    navigate(`${MANDATED_REVIEWS_PATH}?${next.toString()}`);
  };
  const all: Localities = localities.status === "data" ? localities.data.localities : [];
  const localityName = all.find((l) => l.id === locality)?.name ?? locality;

  return (
    <>
      <h1 className="nhsuk-heading-l">Mandated reviews due</h1>
      <p>
        Children of a locality whose mandated health visiting review is overdue or falls due soon, with their named
        health visitor. Every child on the list is recorded in the audit trail as read by you.
      </p>
      {localities.status === "loading" ? <p aria-live="polite">Loading localities…</p> : null}
      {localities.status === "error" ? <ErrorSummary messages={localities.messages} /> : null}
      {localities.status === "data" ? (
        <form key={search} onSubmit={submit} noValidate>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="reviews-locality">
              Locality
            </label>
            <select
              className="nhsuk-select"
              id="reviews-locality"
              name="locality"
              defaultValue={locality || all[0]?.id}
            >
              {all.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="reviews-days">
              Due within
            </label>
            <select className="nhsuk-select" id="reviews-days" name="days" defaultValue={String(days)}>
              {DAYS.map((d) => (
                <option key={d} value={d}>
                  {d === 0 ? "Today (overdue and due today)" : `${d} days`}
                </option>
              ))}
            </select>
          </div>
          <button className="nhsuk-button" type="submit">
            Show the list
          </button>
        </form>
      ) : null}
      <div aria-live="polite">
        {list.status === "loading" ? <p>Loading the list…</p> : null}
        {list.status === "error" ? <ErrorSummary messages={list.messages} /> : null}
        {list.status === "data" ? (
          <Worklist items={list.data.mandatedReviewWorklist} errors={list.errors} localityName={localityName} />
        ) : null}
      </div>
    </>
  );
}

function Worklist({
  items,
  errors,
  localityName,
}: {
  items: Item[];
  errors: Parameters<typeof agenciesNotAnswering>[0];
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
  if (items.length === 0)
    return (
      <>
        {warning}
        <h2 className="nhsuk-heading-m">No reviews due in {localityName}</h2>
        <p>No child in this locality has a mandated review overdue or due in this window.</p>
      </>
    );
  const overdue = items.filter((i) => i.status === "OVERDUE").length;
  return (
    <>
      {warning}
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">
          {items.length} {items.length === 1 ? "review" : "reviews"} due in {localityName}, {overdue} overdue
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            {["Child", "Review", "Due by", "Status", "Named health visitor"].map((h) => (
              <th scope="col" className="nhsuk-table__header" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {items.map((item) => {
            const p = item.child.person;
            const name = `${p.givenName ?? ""} ${p.familyName ?? ""}`.trim() || "Name not shown";
            return (
              <tr className="nhsuk-table__row" key={`${p.id}:${item.review}`}>
                <td className="nhsuk-table__cell">
                  <Link href={`/people/${encodeURIComponent(p.id)}`}>{name}</Link>
                </td>
                <td className="nhsuk-table__cell">{REVIEW_LABELS[item.review] ?? item.review}</td>
                <td className="nhsuk-table__cell">{dateLabel(item.dueBy)}</td>
                <td className="nhsuk-table__cell">
                  <StatusTag status={item.status} />
                </td>
                <td className="nhsuk-table__cell">
                  {item.namedHealthVisitor
                    ? `${item.namedHealthVisitor}${item.team ? `, ${item.team}` : ""}`
                    : "Not recorded"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
