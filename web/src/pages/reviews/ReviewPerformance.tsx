import { dateLabel } from "../../components/labels";
import { LocalityListPage, type Column, type ListPageProps } from "../../components/LocalityListPage";
import { graphql } from "../../gql";
import type { ReviewFiguresFragment } from "../../gql/graphql";
import { REVIEW_LABELS } from "../../panels/HealthVisitingPanel";
import { REVIEW_PERFORMANCE_PATH } from "../../router";

/** What the review figures' table needs: here and on the 0-5 profile. */
export const ReviewFiguresFields = graphql(`
  fragment ReviewFigures on MandatedReviewPerformance {
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
`);

export const MandatedReviewPerformance = graphql(`
  query MandatedReviewPerformance($locality: ID) {
    mandatedReviewPerformance(locality: $locality) {
      ...ReviewFigures
    }
  }
`);

/** One review's figures. */
type ReviewRow = ReviewFiguresFragment["reviews"][number];

/** A share (0 to 1) as a whole percentage; `none` for null. */
export function percent(rate: number | null | undefined, none = "No children due"): string {
  return rate === null || rate === undefined ? none : `${Math.round(rate * 100)}%`;
}

/** The review figures' columns, here and on the 0-5 profile. */
export const REVIEW_COLUMNS: readonly Column<ReviewRow, unknown>[] = [
  { header: "Review", cell: (r) => REVIEW_LABELS[r.review] ?? r.review, rowHeader: true },
  { header: "Children due", cell: (r) => r.eligible },
  { header: "Seen in time", cell: (r) => r.completedInTime },
  { header: "Rate", cell: (r) => percent(r.rate) },
  { header: "National figure", cell: (r) => percent(r.nationalRate, "Not published") },
];

/**
 * /work-lists/review-performance?locality=…: per mandated review, the children due in the last 12
 * months, those seen in time and the rate beside the national figure, for the borough (no
 * locality) or one locality. Counts only: no one is named.
 */
export default function ReviewPerformance(props: ListPageProps) {
  return (
    <LocalityListPage
      {...props}
      title="Review performance"
      intro={
        <p>
          How many children were due each mandated review in the last 12 months and how many were seen in time, beside
          the national figure.
        </p>
      }
      path={REVIEW_PERFORMANCE_PATH}
      query={MandatedReviewPerformance}
      locality={{ label: "Area", borough: "The whole borough" }}
      variables={(params) => ({ locality: params.get("locality") || null })}
      submitLabel="Show the figures"
      loadingLabel="Loading the figures…"
      items={(data) => data.mandatedReviewPerformance.reviews}
      isEmpty={(rows) => rows.every((r) => r.eligible === 0)}
      rowKey={(r) => r.review}
      columns={REVIEW_COLUMNS}
      caption={(_, { data, where }) =>
        `Mandated reviews in ${where}, ${dateLabel(data.mandatedReviewPerformance.periodStart)} to ${dateLabel(
          data.mandatedReviewPerformance.periodEnd,
        )}`
      }
      empty={(where) => ({
        heading: `No reviews were due in ${where}`,
        text: "No child's mandated review fell due in this period.",
      })}
    />
  );
}
