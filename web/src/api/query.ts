import { useEffect, useState } from "react";
import type { TypedDocumentString } from "../gql/graphql";
import type { Session } from "../session";
import { execute, RequestError, type GraphQLErrorShape } from "./client";

/**
 * One query's state: not asked yet, waiting, refused (the gateway's messages), or answered. A
 * partial answer keeps its errors beside the data (an agency down); otherwise they are empty.
 */
export type Load<T> =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "error"; messages: string[] }
  | { status: "data"; data: T; errors: GraphQLErrorShape[] };

export interface QueryOptions {
  /**
   * Whether data with errors beside it is a partial answer, shown with its errors (the lists
   * composed from several agencies), or a refusal like no data at all (the audit API answers
   * all or nothing). Default false.
   */
  partial?: boolean;
  /** What is said when the gateway gives no reason of its own. */
  fallback?: string;
  /** A new round asks again with the same variables (after a decision changed the answer). */
  round?: number;
}

/**
 * Runs a query whenever its variables change (null: nothing to ask yet), with the session's
 * token and purpose. A refusal is shown in the gateway's own words (never internals);
 * UNAUTHENTICATED signs out. Returns the state and a way to change the data in place (an item
 * decided and taken off a queue) without asking again.
 */
export function useQuery<T, V>(
  document: TypedDocumentString<T, V>,
  variables: V | null,
  session: Session,
  onSignedOut: (message: string) => void,
  { partial = false, fallback = "No answer.", round = 0 }: QueryOptions = {},
): [Load<T>, (update: (data: T) => T) => void] {
  const [load, setLoad] = useState<Load<T>>(() => (variables === null ? { status: "idle" } : { status: "loading" }));
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
        if (data && (partial || errors.length === 0)) setLoad({ status: "data", data, errors });
        else setLoad({ status: "error", messages: errors.length ? errors.map((e) => e.message) : [fallback] });
      })
      .catch((err: unknown) => {
        if (!current) return;
        if (err instanceof RequestError && err.code === "UNAUTHENTICATED") onSignedOut(err.message);
        else setLoad({ status: "error", messages: [err instanceof Error ? err.message : fallback] });
      });
    return () => {
      current = false;
    };
  }, [key, round, session.token, session.purpose]);
  const update = (f: (data: T) => T) => setLoad((l) => (l.status === "data" ? { ...l, data: f(l.data) } : l));
  return [load, update];
}
