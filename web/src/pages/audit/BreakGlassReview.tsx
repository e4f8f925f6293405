import { useState, type ReactNode } from "react";
import { execute, RequestError } from "../../api/client";
import { useQuery } from "../../api/query";
import { ErrorSummary } from "../../components/ErrorSummary";
import { agencyLabel, dateTimeLabel, purposeLabel, roleLabel } from "../../components/labels";
import { usePageTitle } from "../../components/title";
import { graphql } from "../../gql";
import type { BreakGlassQueueQuery, BreakGlassVerdict } from "../../gql/graphql";
import { Link } from "../../router";
import type { Session } from "../../session";
import type { AuditScreenProps } from "./AuditScreens";

export const BreakGlassQueue = graphql(`
  query BreakGlassQueue($first: Int!) {
    breakGlassQueue(first: $first) {
      eventId
      personId
      occurredAt
      actor
      role
      organisation
      purpose
      agencies
      breakGlassReason
    }
  }
`);

export const ReviewBreakGlass = graphql(`
  mutation ReviewBreakGlass($eventId: ID!, $verdict: BreakGlassVerdict!, $note: String) {
    reviewBreakGlass(eventId: $eventId, verdict: $verdict, note: $note) {
      eventId
      verdict
    }
  }
`);

/** How many accesses one page of the queue lists (within the gateway's query cost limit); reviewed ones leave, so the next come up. */
export const QUEUE_PAGE = 100;

/** The longest note a review may carry, as the audit API allows. */
export const MAX_NOTE_LENGTH = 2000;

type Item = BreakGlassQueueQuery["breakGlassQueue"][number];

const VERDICTS: { value: BreakGlassVerdict; label: string; hint: string }[] = [
  {
    value: "APPROPRIATE",
    label: "Appropriate",
    hint: "The reason justified seeing the full record without a recorded relationship",
  },
  { value: "INAPPROPRIATE", label: "Inappropriate", hint: "Follow up with the worker and their manager" },
];

/** /audit/break-glass: break-glass accesses waiting for review, oldest first; each leaves once reviewed. */
export function BreakGlassReview({ session, onSignedOut }: AuditScreenProps) {
  usePageTitle("Break-glass review");
  const [load, update] = useQuery(BreakGlassQueue, { first: QUEUE_PAGE }, session, onSignedOut);
  const [done, setDone] = useState<string | null>(null);

  return (
    <>
      <h1 className="nhsuk-heading-l">Break-glass review</h1>
      <p>
        Each access below broke glass: the worker saw a full record without a recorded relationship with the family, and
        gave the reason shown. Record whether it was appropriate; a review cannot be changed afterwards.
      </p>
      <div role="status">{done ? <p className="nhsuk-inset-text">{done}</p> : null}</div>
      {load.status === "loading" ? <p aria-live="polite">Loading the queue…</p> : null}
      {load.status === "error" ? <ErrorSummary messages={load.messages} /> : null}
      {load.status === "data" && load.data.breakGlassQueue.length === 0 ? (
        <>
          <h2 className="nhsuk-heading-m">Nothing to review</h2>
          <p>No break-glass access is waiting for review.</p>
        </>
      ) : null}
      {load.status === "data" && load.data.breakGlassQueue.length > 0 ? (
        <>
          <h2 className="nhsuk-heading-m">
            {load.data.breakGlassQueue.length === QUEUE_PAGE
              ? `The oldest ${QUEUE_PAGE} waiting for review`
              : `${load.data.breakGlassQueue.length} waiting for review, oldest first`}
          </h2>
          <ul className="nhsuk-list">
            {load.data.breakGlassQueue.map((item) => (
              <QueueItem
                key={item.eventId}
                item={item}
                session={session}
                onSignedOut={onSignedOut}
                onReviewed={(verdict) => {
                  setDone(
                    `Review recorded: the access by ${item.actor} on ${dateTimeLabel(item.occurredAt)} was ${verdict === "APPROPRIATE" ? "appropriate" : "inappropriate"}.`,
                  );
                  update((d) => ({ breakGlassQueue: d.breakGlassQueue.filter((e) => e.eventId !== item.eventId) }));
                }}
              />
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function QueueItem({
  item,
  session,
  onSignedOut,
  onReviewed,
}: {
  item: Item;
  session: Session;
  onSignedOut: (message: string) => void;
  onReviewed: (verdict: BreakGlassVerdict) => void;
}) {
  const [verdict, setVerdict] = useState<BreakGlassVerdict | null>(null);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<{ verdict?: string; note?: string }>({});
  const [refused, setRefused] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const id = item.eventId;
  const headingId = `review-${id}-heading`;

  const submit = async () => {
    const found: { verdict?: string; note?: string } = {};
    if (!verdict) found.verdict = "Select whether the access was appropriate";
    if (note.trim().length > MAX_NOTE_LENGTH) found.note = `Note must be ${MAX_NOTE_LENGTH} characters or fewer`;
    setErrors(found);
    setRefused([]);
    if (!verdict || found.note) return;
    setBusy(true);
    try {
      const { data, errors: gqlErrors } = await execute(
        ReviewBreakGlass,
        { eventId: id, verdict, note: note.trim() || null },
        session,
      );
      if (data?.reviewBreakGlass) onReviewed(verdict);
      else setRefused(gqlErrors.map((e) => e.message));
    } catch (err) {
      if (err instanceof RequestError && err.code === "UNAUTHENTICATED") onSignedOut(err.message);
      else setRefused([err instanceof Error ? err.message : "The review could not be recorded."]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="nhsuk-card">
      <section className="nhsuk-card__content" aria-labelledby={headingId}>
        <h3 className="nhsuk-card__heading nhsuk-heading-s" id={headingId}>
          {item.actor} ({roleLabel(item.role)}), {dateTimeLabel(item.occurredAt)}
        </h3>
        <dl className="nhsuk-summary-list">
          <Row label="Reason given" value={<q>{item.breakGlassReason}</q>} />
          <Row label="Organisation" value={item.organisation ?? "Not recorded"} />
          <Row label="Purpose" value={purposeLabel(item.purpose)} />
          <Row label="Agencies seen" value={item.agencies.map(agencyLabel).join(", ") || "None"} />
          <Row
            label="Person"
            value={
              <Link href={`/audit/trail?person=${encodeURIComponent(item.personId)}`}>
                Who has seen this record ({item.personId})
              </Link>
            }
          />
        </dl>
        {refused.length > 0 ? <ErrorSummary messages={refused} /> : null}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className={`nhsuk-form-group${errors.verdict ? " nhsuk-form-group--error" : ""}`}>
            <fieldset
              className="nhsuk-fieldset"
              aria-describedby={errors.verdict ? `review-${id}-verdict-error` : undefined}
            >
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Outcome</legend>
              {errors.verdict ? (
                <span className="nhsuk-error-message" id={`review-${id}-verdict-error`}>
                  <span className="nhsuk-u-visually-hidden">Error:</span> {errors.verdict}
                </span>
              ) : null}
              <div className="nhsuk-radios">
                {VERDICTS.map((v) => (
                  <div className="nhsuk-radios__item" key={v.value}>
                    <input
                      className="nhsuk-radios__input"
                      id={`review-${id}-${v.value}`}
                      name={`verdict-${id}`}
                      type="radio"
                      value={v.value}
                      checked={verdict === v.value}
                      aria-describedby={`review-${id}-${v.value}-hint`}
                      onChange={() => setVerdict(v.value)}
                    />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor={`review-${id}-${v.value}`}>
                      {v.label}
                    </label>
                    <div className="nhsuk-hint nhsuk-radios__hint" id={`review-${id}-${v.value}-hint`}>
                      {v.hint}
                    </div>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <div className={`nhsuk-form-group${errors.note ? " nhsuk-form-group--error" : ""}`}>
            <label className="nhsuk-label" htmlFor={`review-${id}-note`}>
              Note (optional)
            </label>
            <div className="nhsuk-hint" id={`review-${id}-note-hint`}>
              Why, for the record. At most {MAX_NOTE_LENGTH} characters
            </div>
            {errors.note ? (
              <span className="nhsuk-error-message" id={`review-${id}-note-error`}>
                <span className="nhsuk-u-visually-hidden">Error:</span> {errors.note}
              </span>
            ) : null}
            <textarea
              className={`nhsuk-textarea${errors.note ? " nhsuk-textarea--error" : ""}`}
              id={`review-${id}-note`}
              rows={3}
              value={note}
              aria-describedby={`review-${id}-note-hint${errors.note ? ` review-${id}-note-error` : ""}`}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <button className="nhsuk-button nhsuk-u-margin-bottom-0" type="submit" disabled={busy}>
            Record review
          </button>
        </form>
      </section>
    </li>
  );
}

function Row({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{value}</dd>
    </div>
  );
}
