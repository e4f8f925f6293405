import { useQuery } from "../../api/query";
import { ErrorSummary } from "../../components/ErrorSummary";
import { usePageTitle } from "../../components/title";
import { Link } from "../../router";
import { nameOf, probabilityLabel, recordLabel } from "./evidence";
import { LinkQueue, PAGE_SIZE } from "./operations";
import type { ReviewScreenProps } from "./ReviewScreens";

/** The cursor in /review?after=<cursor>: which page of the queue this is. */
export function afterOf(search: string): string | null {
  return new URLSearchParams(search).get("after") || null;
}

/**
 * /review: candidate pairs the linkage is unsure about, most probable first, a page at a time
 * (Next follows the cursor). Each pair links to its review; a decision just made is announced.
 */
export function LinkQueuePage({ session, search, onSignedOut, done }: ReviewScreenProps & { done: string | null }) {
  usePageTitle("Link review queue");
  const after = afterOf(search);
  const [load] = useQuery(LinkQueue, { after, first: PAGE_SIZE }, session, onSignedOut);
  const pairHref = (id: string) =>
    `/review/pairs/${encodeURIComponent(id)}${after ? `?after=${encodeURIComponent(after)}` : ""}`;

  return (
    <>
      <h1 className="nhsuk-heading-l">Link review queue</h1>
      <p>
        Pairs of records the family index is unsure about: they may be the same person. Open a pair to compare the two
        records field by field, then confirm the link or record that they are not the same person.
      </p>
      <div role="status">
        {done ? (
          <div className="nhsuk-inset-text ffd-success">
            <p>{done}</p>
          </div>
        ) : null}
      </div>
      {load.status === "loading" ? <p aria-live="polite">Loading the queue…</p> : null}
      {load.status === "error" ? <ErrorSummary messages={load.messages} /> : null}
      {load.status === "data" && load.data.linkCandidates.nodes.length === 0 ? (
        <>
          <h2 className="nhsuk-heading-m">Nothing to review</h2>
          <p>
            {after
              ? "There are no more pairs after the last page."
              : "No pair of records is waiting for review: every uncertain pair has been decided."}
          </p>
          {after ? (
            <p>
              <Link href="/review">Back to the start of the queue</Link>
            </p>
          ) : null}
        </>
      ) : null}
      {load.status === "data" && load.data.linkCandidates.nodes.length > 0 ? (
        <>
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption">
              {load.data.linkCandidates.totalCount === 1
                ? "1 pair waiting for review"
                : `${load.data.linkCandidates.totalCount} pairs waiting for review, most probable first`}
            </caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  Pair
                </th>
                <th scope="col" className="nhsuk-table__header">
                  First record
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Second record
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Probability
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {load.data.linkCandidates.nodes.map((pair) => (
                <tr className="nhsuk-table__row" key={pair.id}>
                  <td className="nhsuk-table__cell">
                    <Link href={pairHref(pair.id)}>
                      Review {nameOf(pair.recordA)} and {nameOf(pair.recordB)}
                    </Link>
                  </td>
                  <td className="nhsuk-table__cell">{recordLabel(pair.recordA)}</td>
                  <td className="nhsuk-table__cell">{recordLabel(pair.recordB)}</td>
                  <td className="nhsuk-table__cell">{probabilityLabel(pair.probability)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {load.data.linkCandidates.pageInfo.hasNextPage && load.data.linkCandidates.pageInfo.endCursor ? (
            <nav className="nhsuk-pagination" role="navigation" aria-label="Queue pages">
              <ul className="nhsuk-list nhsuk-pagination__list">
                {after ? (
                  <li className="nhsuk-pagination-item--previous">
                    <Link className="nhsuk-pagination__link nhsuk-pagination__link--prev" href="/review">
                      <span className="nhsuk-pagination__title">First page</span>
                    </Link>
                  </li>
                ) : null}
                <li className="nhsuk-pagination-item--next">
                  <Link
                    className="nhsuk-pagination__link nhsuk-pagination__link--next"
                    href={`/review?after=${encodeURIComponent(load.data.linkCandidates.pageInfo.endCursor)}`}
                  >
                    <span className="nhsuk-pagination__title">Next</span>
                  </Link>
                </li>
              </ul>
            </nav>
          ) : after ? (
            <p>
              <Link href="/review">Back to the start of the queue</Link>
            </p>
          ) : null}
        </>
      ) : null}
    </>
  );
}
