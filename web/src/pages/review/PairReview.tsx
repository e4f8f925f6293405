import { useRef, useState } from "react";
import { useQuery } from "../../api/query";
import { ErrorSummary } from "../../components/ErrorSummary";
import { usePageTitle } from "../../components/title";
import type { LinkQueueQuery } from "../../gql/graphql";
import { Link, navigate } from "../../router";
import { FIELDS, LevelTag, nameOf, probabilityLabel, recordLabel, weightLabel } from "./evidence";
import { afterOf } from "./LinkQueuePage";
import { decide } from "./load";
import { NoteDialog } from "./NoteDialog";
import { ConfirmLink, LinkQueue, PAGE_SIZE, RejectLink } from "./operations";
import { QueueLink, type ReviewScreenProps } from "./ReviewScreens";

type Pair = LinkQueueQuery["linkCandidates"]["nodes"][number];
type Decision = "confirm" | "reject";

/**
 * /review/pairs/<id>?after=<cursor>: one candidate pair, the two records side by side with how
 * each field compared (level and weight), the probability, and the two decisions, each confirmed
 * in a dialog with an optional note. The pair is read from the queue's page it was listed on
 * (the API has no query for one pair); a pair no longer there has been decided.
 */
export function PairReview({
  id,
  session,
  search,
  onSignedOut,
  onDecided,
}: ReviewScreenProps & { id: string; onDecided: (message: string) => void }) {
  usePageTitle("Review a pair of records");
  const after = afterOf(search);
  const [load] = useQuery(LinkQueue, { after, first: PAGE_SIZE }, session, onSignedOut);
  const [asking, setAsking] = useState<Decision | null>(null);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string[]>([]);
  const openers = { confirm: useRef<HTMLButtonElement>(null), reject: useRef<HTMLButtonElement>(null) };

  if (load.status === "loading" || load.status === "idle") return <p aria-live="polite">Loading the pair…</p>;
  if (load.status === "error")
    return (
      <>
        <h1 className="nhsuk-heading-l">Review a pair of records</h1>
        <ErrorSummary messages={load.messages} />
        <p>
          <QueueLink after={after} />
        </p>
      </>
    );
  const pair = load.data.linkCandidates.nodes.find((p) => p.id === id);
  if (!pair)
    return (
      <>
        <h1 className="nhsuk-heading-l">This pair is not in the queue</h1>
        <p>It may have been decided already. The queue lists every pair still waiting for review.</p>
        <p>
          <QueueLink after={after} />
        </p>
      </>
    );

  const close = (decision: Decision) => {
    setAsking(null);
    setRefused([]);
    setTimeout(() => openers[decision].current?.focus(), 0);
  };
  const send = async (decision: Decision, note: string | null) => {
    setBusy(true);
    setRefused([]);
    const variables = { candidateId: pair.id, note };
    const result =
      decision === "confirm"
        ? await decide(ConfirmLink, variables, session, onSignedOut)
        : await decide(RejectLink, variables, session, onSignedOut);
    setBusy(false);
    if (!result) return;
    if ("messages" in result) {
      setRefused(result.messages);
      return;
    }
    onDecided(
      decision === "confirm"
        ? `Link confirmed: ${recordLabel(pair.recordA)} and ${recordLabel(pair.recordB)} are the same person.`
        : `Recorded: ${recordLabel(pair.recordA)} and ${recordLabel(pair.recordB)} are not the same person. They will not be linked.`,
    );
    navigate(after ? `/review?after=${encodeURIComponent(after)}` : "/review");
  };

  return (
    <>
      <p>
        <QueueLink after={after} />
      </p>
      <h1 className="nhsuk-heading-l">Review a pair of records</h1>
      <p className="nhsuk-body-l">
        Probability they are the same person: <strong>{probabilityLabel(pair.probability)}</strong>
      </p>
      <Evidence pair={pair} />
      <div className="ffd-modal__actions">
        <button
          type="button"
          className="nhsuk-button"
          ref={openers.confirm}
          onClick={() => {
            setRefused([]);
            setAsking("confirm");
          }}
        >
          Confirm link
        </button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          ref={openers.reject}
          onClick={() => {
            setRefused([]);
            setAsking("reject");
          }}
        >
          Not the same person
        </button>
      </div>
      {asking ? (
        <NoteDialog
          title={
            asking === "confirm"
              ? "Confirm these records are the same person?"
              : "Record that these are not the same person?"
          }
          action={asking === "confirm" ? "Yes, confirm link" : "Yes, not the same person"}
          noteLabel="Note (optional)"
          busy={busy}
          refused={refused.length > 0 ? <ErrorSummary messages={refused} /> : null}
          onCancel={() => close(asking)}
          onConfirm={(note) => void send(asking, note)}
        >
          <p>
            {asking === "confirm"
              ? `${recordLabel(pair.recordA)} and ${recordLabel(pair.recordB)} will be linked as one person, and stay linked when the index is rebuilt.`
              : `${recordLabel(pair.recordA)} and ${recordLabel(pair.recordB)} will never be linked, not even through other records.`}{" "}
            The decision is recorded with your name and role.
          </p>
        </NoteDialog>
      ) : null}
    </>
  );
}

/** The two records side by side, one row per compared field, with the evidence for each. */
export function Evidence({ pair }: { pair: Pair }) {
  const byField = new Map(pair.comparisons.map((c) => [c.field, c]));
  return (
    <table className="nhsuk-table ffd-evidence">
      <caption className="nhsuk-table__caption">The two records and how each field compared</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">
            Field
          </th>
          <th scope="col" className="nhsuk-table__header">
            {recordLabel(pair.recordA)}
          </th>
          <th scope="col" className="nhsuk-table__header">
            {recordLabel(pair.recordB)}
          </th>
          <th scope="col" className="nhsuk-table__header">
            Agreement
          </th>
          <th scope="col" className="nhsuk-table__header">
            Weight (bits)
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {FIELDS.map(({ field, label, value }) => {
          const c = byField.get(field);
          return (
            <tr className="nhsuk-table__row" key={field}>
              <th scope="row" className="nhsuk-table__header">
                {label}
              </th>
              <td className="nhsuk-table__cell">{value(pair.recordA) || "Not recorded"}</td>
              <td className="nhsuk-table__cell">{value(pair.recordB) || "Not recorded"}</td>
              <td className="nhsuk-table__cell">{c ? <LevelTag level={c.level} /> : "Not compared"}</td>
              <td className="nhsuk-table__cell">{c ? weightLabel(c.weight) : ""}</td>
            </tr>
          );
        })}
        <tr className="nhsuk-table__row">
          <th scope="row" className="nhsuk-table__header">
            Person now
          </th>
          <td className="nhsuk-table__cell">
            <Link href={`/people/${encodeURIComponent(pair.recordA.person.id)}`}>
              {nameOf(pair.recordA)}
              <span className="nhsuk-u-visually-hidden"> (the first record's person)</span>
            </Link>
          </td>
          <td className="nhsuk-table__cell">
            <Link href={`/people/${encodeURIComponent(pair.recordB.person.id)}`}>
              {nameOf(pair.recordB)}
              <span className="nhsuk-u-visually-hidden"> (the second record's person)</span>
            </Link>
          </td>
          <td className="nhsuk-table__cell" colSpan={2}>
            {pair.recordA.person.id === pair.recordB.person.id ? "Already the same person" : "Two people"}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
