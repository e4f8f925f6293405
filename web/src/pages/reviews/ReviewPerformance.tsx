import type { FormEvent } from "react";
import { ErrorSummary } from "../../components/ErrorSummary";
import { dateLabel } from "../../components/labels";
import { usePageTitle } from "../../components/title";
import { graphql } from "../../gql";
import { navigate, REVIEW_PERFORMANCE_PATH } from "../../router";
import type { Session } from "../../session";
import { percent, REVIEW_LABELS, ReviewLocalities, useQuery, type Localities } from "./load";

export const MandatedReviewPerformance = graphql(`
  query MandatedReviewPerformance($locality: ID) {
    mandatedReviewPerformance(locality: $locality) {
      periodStart
      periodEnd
      reviews {
        review
        eligible
        completedInTime
        rate
        nationalRate
      }
    }
  }
`);

/**
 * /work-lists/review-performance?locality=…: per mandated review, the children due in the last 12
 * months, those seen in time and the rate beside the national figure, for the borough (no
 * locality) or one locality. Counts only: no one is named.
 */
export default function ReviewPerformance({
  session,
  search,
  onSignedOut,
}: {
  session: Session;
  search: string;
  onSignedOut: (message: string) => void;
}) {
  usePageTitle("Review performance");
  const locality = new URLSearchParams(search).get("locality") || null;
  const localities = useQuery(ReviewLocalities, {}, session, onSignedOut, "The localities could not be loaded.");
  const figures = useQuery(
    MandatedReviewPerformance,
    { locality },
    session,
    onSignedOut,
    "The figures could not be loaded.",
  );
  const all: Localities = localities.status === "data" ? localities.data.localities : [];
  const where = locality ? (all.find((l) => l.id === locality)?.name ?? locality) : "the borough";

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const chosen = String(new FormData(e.currentTarget).get("locality") ?? "");
    navigate(chosen ? `${REVIEW_PERFORMANCE_PATH}?locality=${encodeURIComponent(chosen)}` : REVIEW_PERFORMANCE_PATH);
  };

  return (
    <>
      <h1 className="nhsuk-heading-l">Review performance</h1>
      <p>
        How many children were due each mandated review in the last 12 months and how many were seen in time, beside the
        national figure.
      </p>
      {localities.status === "error" ? <ErrorSummary messages={localities.messages} /> : null}
      {localities.status === "data" ? (
        <form key={search} onSubmit={submit} noValidate>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="performance-locality">
              Area
            </label>
            <select className="nhsuk-select" id="performance-locality" name="locality" defaultValue={locality ?? ""}>
              <option value="">The whole borough</option>
              {all.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
          <button className="nhsuk-button" type="submit">
            Show the figures
          </button>
        </form>
      ) : null}
      <div aria-live="polite">
        {figures.status === "loading" ? <p>Loading the figures…</p> : null}
        {figures.status === "error" ? <ErrorSummary messages={figures.messages} /> : null}
      </div>
      {figures.status === "data" ? (
        figures.data.mandatedReviewPerformance.reviews.every((r) => r.eligible === 0) ? (
          <>
            <h2 className="nhsuk-heading-m">No reviews were due in {where}</h2>
            <p>No child&apos;s mandated review fell due in this period.</p>
          </>
        ) : (
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption">
              Mandated reviews in {where}, {dateLabel(figures.data.mandatedReviewPerformance.periodStart)} to{" "}
              {dateLabel(figures.data.mandatedReviewPerformance.periodEnd)}
            </caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                {["Review", "Children due", "Seen in time", "Rate", "National figure"].map((h) => (
                  <th scope="col" className="nhsuk-table__header" key={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {figures.data.mandatedReviewPerformance.reviews.map((r) => (
                <tr className="nhsuk-table__row" key={r.review}>
                  <th scope="row" className="nhsuk-table__header">
                    {REVIEW_LABELS[r.review] ?? r.review}
                  </th>
                  <td className="nhsuk-table__cell">{r.eligible}</td>
                  <td className="nhsuk-table__cell">{r.completedInTime}</td>
                  <td className="nhsuk-table__cell">{percent(r.rate)}</td>
                  <td className="nhsuk-table__cell">{percent(r.nationalRate, "Not published")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </>
  );
}
