import { execute, RequestError } from "../../api/client";
import type { TypedDocumentString } from "../../gql/graphql";
import type { Session } from "../../session";

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
