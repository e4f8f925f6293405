import { useRef, useState } from "react";
import { useQuery } from "../../api/query";
import { ErrorSummary } from "../../components/ErrorSummary";
import { enumLabel } from "../../components/labels";
import type { AgencyName } from "../../gql/graphql";
import { Link } from "../../router";
import type { Session } from "../../session";
import { probabilityLabel, recordLabel } from "./evidence";
import { decide } from "./load";
import { NoteDialog } from "./NoteDialog";
import { PersonRecords, UnlinkRecord } from "./operations";

type AgencyRecord = { agency: AgencyName; localId: string };

/** Why a record is linked (family-index's LinkRule), as staff say it. */
const LINK_RULES: Readonly<{ [rule: string]: string }> = {
  ANCHOR: "First record",
  NHS_NUMBER_AND_DATE_OF_BIRTH: "NHS number and date of birth",
  NAME_DATE_OF_BIRTH_AND_POSTCODE: "Name, date of birth and postcode",
  PROBABILISTIC: "Probabilistic match",
  REVIEWED_SAME_PERSON: "Reviewer's decision",
};

/**
 * On a person's page, for those who review record linkage: the person's agency records, why
 * each is linked, and Unlink for each, confirmed in a dialog with the reason (kept with the
 * decision). After an unlink the records are read again, and the people holding them now are
 * named: unlinking a person's first record changes their id.
 */
export default function UnlinkRecords({
  session,
  personId,
  onSignedOut,
}: {
  session: Session;
  personId: string;
  onSignedOut: (message: string) => void;
}) {
  const [round, setRound] = useState(0);
  const [load] = useQuery(PersonRecords, { id: personId }, session, onSignedOut, { round });
  const [asking, setAsking] = useState<AgencyRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string[]>([]);
  const [done, setDone] = useState<{ record: AgencyRecord; persons: string[] } | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);

  const close = () => {
    setAsking(null);
    setRefused([]);
    setTimeout(() => opener.current?.focus(), 0);
  };
  const send = async (record: AgencyRecord, note: string | null) => {
    setBusy(true);
    setRefused([]);
    const result = await decide(
      UnlinkRecord,
      { personId, record: { agency: record.agency, localId: record.localId }, note },
      session,
      onSignedOut,
    );
    setBusy(false);
    if (!result) return;
    if ("messages" in result) {
      setRefused(result.messages);
      return;
    }
    setAsking(null);
    setDone({ record, persons: result.data.unlink.persons.map((p) => p.id) });
    setRound((r) => r + 1);
  };

  return (
    <section aria-labelledby="records-heading" className="ffd-records">
      <h2 className="nhsuk-heading-m" id="records-heading">
        Linked records
      </h2>
      <div role="status">
        {done ? (
          <div className="nhsuk-inset-text ffd-success">
            <p>Unlinked: {recordLabel(done.record)} is no longer linked to this person&apos;s other records.</p>
            <ul className="nhsuk-list">
              {done.persons.map((p) => (
                <li key={p}>
                  <Link href={`/people/${encodeURIComponent(p)}`}>
                    {p === personId ? "This person now" : `The person holding it now (${p})`}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      {load.status === "loading" ? <p aria-live="polite">Loading the linked records…</p> : null}
      {load.status === "error" ? (
        <ErrorSummary title="The linked records could not be read" messages={load.messages} />
      ) : null}
      {load.status === "data" && !load.data.person ? <p>This person is no longer in the index.</p> : null}
      {load.status === "data" && load.data.person ? (
        <table className="nhsuk-table">
          <caption className="nhsuk-u-visually-hidden">The agency records linked to this person</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Record
              </th>
              <th scope="col" className="nhsuk-table__header">
                Linked by
              </th>
              <th scope="col" className="nhsuk-table__header">
                Confidence
              </th>
              <th scope="col" className="nhsuk-table__header">
                <span className="nhsuk-u-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {load.data.person.records.map((r) => (
              <tr className="nhsuk-table__row" key={`${r.agency}:${r.localId}`}>
                <td className="nhsuk-table__cell">{recordLabel(r)}</td>
                <td className="nhsuk-table__cell">{enumLabel(r.linkedBy, LINK_RULES)}</td>
                <td className="nhsuk-table__cell">{probabilityLabel(r.confidence)}</td>
                <td className="nhsuk-table__cell">
                  {load.data.person!.records.length > 1 ? (
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--secondary ffd-small-button nhsuk-u-margin-bottom-0"
                      onClick={(e) => {
                        opener.current = e.currentTarget;
                        setRefused([]);
                        setAsking({ agency: r.agency, localId: r.localId });
                      }}
                    >
                      Unlink<span className="nhsuk-u-visually-hidden"> {recordLabel(r)}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {asking ? (
        <NoteDialog
          title="Unlink this record from the person?"
          action="Yes, unlink"
          noteLabel="Reason"
          noteRequired
          busy={busy}
          refused={refused.length > 0 ? <ErrorSummary messages={refused} /> : null}
          onCancel={close}
          onConfirm={(note) => void send(asking, note)}
        >
          <p>
            {recordLabel(asking)} will be recorded as not the same person as each of this person&apos;s other records,
            and split out of this person. The decision is kept with your name, role and reason.
          </p>
        </NoteDialog>
      ) : null}
    </section>
  );
}
