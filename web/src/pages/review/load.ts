import { useEffect, useState } from "react";
import { execute, RequestError } from "../../api/client";
import type { TypedDocumentString } from "../../gql/graphql";
import type { Session } from "../../session";

export type Load<T> = { status: "loading" } | { status: "error"; messages: string[] } | { status: "data"; data: T };

/**
 * Runs one review query for these variables. The review API answers all or nothing, so any
 * error is the answer, shown in the gateway's own words (BAD_USER_INPUT, FORBIDDEN);
 * UNAUTHENTICATED signs out. A new `round` asks again.
 */
export function useReviewQuery<T, V>(
  document: TypedDocumentString<T, V>,
  variables: V,
  session: Session,
  onSignedOut: (message: string) => void,
  round = 0,
): Load<T> {
  const [load, setLoad] = useState<Load<T>>({ status: "loading" });
  const key = JSON.stringify(variables);
  useEffect(() => {
    let current = true;
    setLoad({ status: "loading" });
    execute(document, variables, session)
      .then(({ data, errors }) => {
        if (!current) return;
        if (errors.length > 0 || !data) setLoad({ status: "error", messages: messagesOf(errors) });
        else setLoad({ status: "data", data });
      })
      .catch((err: unknown) => {
        if (!current) return;
        if (err instanceof RequestError && err.code === "UNAUTHENTICATED") onSignedOut(err.message);
        else
          setLoad({ status: "error", messages: [err instanceof Error ? err.message : "The queue could not be read."] });
      });
    return () => {
      current = false;
    };
  }, [key, round, session.token, session.purpose]);
  return load;
}

export function messagesOf(errors: { message: string }[]): string[] {
  return errors.length > 0 ? errors.map((e) => e.message) : ["No answer."];
}

/** Sends one review mutation: the data, or the gateway's messages; UNAUTHENTICATED signs out. */
export async function decide<T, V>(
  document: TypedDocumentString<T, V>,
  variables: V,
  session: Session,
  onSignedOut: (message: string) => void,
): Promise<{ data: T } | { messages: string[] } | null> {
  try {
    const { data, errors } = await execute(document, variables, session);
    if (data && errors.length === 0) return { data };
    return { messages: messagesOf(errors) };
  } catch (err) {
    if (err instanceof RequestError && err.code === "UNAUTHENTICATED") {
      onSignedOut(err.message);
      return null;
    }
    return { messages: [err instanceof Error ? err.message : "The decision could not be recorded."] };
  }
}
