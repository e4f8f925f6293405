import { dateLabel } from "../../components/labels";
import { LocalityListPage, PersonLink, type Column, type ListPageProps } from "../../components/LocalityListPage";
import { graphql } from "../../gql";
import type { MandatedReviewWorklistQuery } from "../../gql/graphql";
import { REVIEW_LABELS } from "../../panels/HealthVisitingPanel";
import { MANDATED_REVIEWS_PATH } from "../../router";

export const MandatedReviewWorklist = graphql(`
  query MandatedReviewWorklist($locality: ID!, $dueWithinDays: Int) {
    mandatedReviewWorklist(locality: $locality, dueWithinDays: $dueWithinDays) {
      person {
        id
        givenName
        familyName
        dateOfBirth
      }
      review
      dueBy
      status
      team
      namedHealthVisitor
    }
  }
`);

type Answer = MandatedReviewWorklistQuery;
type Item = Answer["mandatedReviewWorklist"][number];

const DAYS = [0, 7, 14, 28, 60, 90];

/** The status as a tag: Overdue stands out. */
function StatusTag({ status }: { status: string }) {
  if (status === "OVERDUE") return <strong className="nhsuk-tag nhsuk-tag--red">Overdue</strong>;
  if (status === "DUE") return <strong className="nhsuk-tag nhsuk-tag--yellow">Due</strong>;
  return <strong className="nhsuk-tag nhsuk-tag--grey">Opens soon</strong>;
}

const COLUMNS: readonly Column<Item, Answer>[] = [
  { header: "Child", cell: (item) => <PersonLink person={item.person} /> },
  { header: "Review", cell: (item) => REVIEW_LABELS[item.review] ?? item.review },
  { header: "Due by", cell: (item) => dateLabel(item.dueBy) },
  { header: "Status", cell: (item) => <StatusTag status={item.status} /> },
  {
    header: "Named health visitor",
    cell: (item) =>
      item.namedHealthVisitor ? `${item.namedHealthVisitor}${item.team ? `, ${item.team}` : ""}` : "Not recorded",
  },
];

/**
 * /work-lists/mandated-reviews?locality=…&days=…: the children of a locality with a mandated
 * review overdue or due within the days chosen (default 14), with their named health visitor.
 */
export default function MandatedReviews(props: ListPageProps) {
  return (
    <LocalityListPage
      {...props}
      title="Mandated reviews due"
      intro={
        <p>
          Children of a locality whose mandated health visiting review is overdue or falls due soon, with their named
          health visitor. Every child on the list is recorded in the audit trail as read by you.
        </p>
      }
      path={MANDATED_REVIEWS_PATH}
      query={MandatedReviewWorklist}
      variables={(params) => {
        const locality = params.get("locality");
        const days = Number(params.get("days") ?? "14");
        return locality ? { locality, dueWithinDays: DAYS.includes(days) ? days : 14 } : null;
      }}
      filters={(params) => (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="reviews-days">
            Due within
          </label>
          <select className="nhsuk-select" id="reviews-days" name="days" defaultValue={params.get("days") ?? "14"}>
            {DAYS.map((d) => (
              <option key={d} value={d}>
                {d === 0 ? "Today (overdue and due today)" : `${d} days`}
              </option>
            ))}
          </select>
        </div>
      )}
      items={(data) => data.mandatedReviewWorklist}
      rowKey={(item) => `${item.person.id}:${item.review}`}
      columns={COLUMNS}
      caption={(items, { where }) =>
        `${items.length} ${items.length === 1 ? "review" : "reviews"} due in ${where}, ${
          items.filter((i) => i.status === "OVERDUE").length
        } overdue`
      }
      empty={(where) => ({
        heading: `No reviews due in ${where}`,
        text: "No child in this locality has a mandated review overdue or due in this window.",
      })}
    />
  );
}
