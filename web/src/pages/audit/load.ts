import { useEffect, useState } from "react";
import { execute, RequestError } from "../../api/client";
import type { TypedDocumentString } from "../../gql/graphql";
import type { Session } from "../../session";

export { dateTimeLabel } from "../../components/labels";

/** One audit query's state: not asked yet, waiting, refused (the gateway's messages) or answered. */
export type Load<T> =
  { status: "idle" } | { status: "loading" } | { status: "error"; messages: string[] } | { status: "data"; data: T };

/**
 * Runs an audit query whenever its variables change (null: nothing to ask yet). The audit API
 * answers all or nothing, so any error is the answer: its messages are shown as they are (the
 * gateway's own words, never internals). UNAUTHENTICATED signs out.
 */
export function useAuditQuery<T, V>(
  document: TypedDocumentString<T, V>,
  variables: V | null,
  session: Session,
  onSignedOut: (message: string) => void,
): [Load<T>, (update: (data: T) => T) => void] {
  const [load, setLoad] = useState<Load<T>>({ status: "idle" });
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (variables === null) {
      setLoad({ status: "idle" });
      return;
    }
    let current = true;
    setLoad({ status: "loading" });
    execute(document, variables, session)
      .then(({ data, errors }) => {
        if (!current) return;
        if (errors.length > 0 || !data) {
          setLoad({
            status: "error",
            messages: errors.map((e) => e.message).concat(errors.length ? [] : ["No answer."]),
          });
        } else setLoad({ status: "data", data });
      })
      .catch((err: unknown) => {
        if (!current) return;
        if (err instanceof RequestError && err.code === "UNAUTHENTICATED") onSignedOut(err.message);
        else
          setLoad({
            status: "error",
            messages: [err instanceof Error ? err.message : "The audit trail could not be read."],
          });
      });
    return () => {
      current = false;
    };
  }, [key, session.token, session.purpose]);
  const update = (f: (data: T) => T) => setLoad((l) => (l.status === "data" ? { status: "data", data: f(l.data) } : l));
  return [load, update];
}
