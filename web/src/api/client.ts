import { BREAK_GLASS_HEADER, PURPOSE_OF_ACCESS_HEADER } from "@ffd/shared/access";
import type { TypedDocumentString } from "../gql/graphql";
import type { Session } from "../session";

/**
 * How the app names itself to the gateway: a request with this name is answered only by document
 * id (persisted documents; the gateway's trusted-documents.ts), never from query text.
 */
export const CLIENT_NAME_HEADER = "apollographql-client-name";
export const CLIENT_NAME = "ffd-web";

/**
 * The document's id in the build's manifest (src/gql/persisted-documents.json): the codegen
 * replaces each document's text with its sha256, so the bundle holds no query text to send.
 */
export function documentIdOf<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>): string {
  const id = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof id !== "string") throw new Error("This operation has no document id: run npm run codegen.");
  return id;
}

/** A GraphQL error as the gateway sends it: a message for people, a code for programs. */
export interface GraphQLErrorShape {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; agency?: string; [key: string]: unknown };
}

/** A GraphQL answer: data (possibly partial) and every error beside it. */
export interface GraphQLResult<T> {
  data: T | null;
  errors: GraphQLErrorShape[];
}

/**
 * A request the gateway refused as a whole (HTTP 4xx/5xx, or no answer): nothing to show but
 * the reason. `code` is the gateway's extensions.code; UNAUTHENTICATED means sign in again.
 */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly status: number,
  ) {
    super(message);
    this.name = "RequestError";
  }
}

/**
 * Sends one typed operation to the gateway by its document id (GraphQL over HTTP's `documentId`,
 * never the query text), same origin, with the session's token and purpose of access. GraphQL errors beside data are returned for the page to place (an agency down, a field
 * withheld); a refused request throws RequestError with the gateway's own message. With
 * `breakGlassReason` this one request breaks glass (X-Break-Glass-Reason): the reason is sent as
 * given and kept nowhere else.
 */
export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  session: Session,
  fetchImpl: typeof fetch = fetch,
  options: { breakGlassReason?: string } = {},
): Promise<GraphQLResult<TResult>> {
  const documentId = documentIdOf(document);
  let res: Response;
  try {
    res = await fetchImpl("/graphql", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        [CLIENT_NAME_HEADER]: CLIENT_NAME,
        authorization: `Bearer ${session.token}`,
        [PURPOSE_OF_ACCESS_HEADER]: session.purpose,
        ...(options.breakGlassReason ? { [BREAK_GLASS_HEADER]: options.breakGlassReason } : {}),
      },
      body: JSON.stringify({ documentId, variables }),
    });
  } catch {
    throw new RequestError("The gateway is not answering. Check that it is running and try again.", null, 0);
  }
  let body: { data?: TResult | null; errors?: GraphQLErrorShape[] };
  try {
    body = await res.json();
  } catch {
    throw new RequestError(`The gateway answered ${res.status} without a GraphQL response.`, null, res.status);
  }
  const errors = body.errors ?? [];
  if (!res.ok && !body.data) {
    const first = errors[0];
    throw new RequestError(
      first?.message ?? `The gateway refused the request (${res.status}).`,
      first?.extensions?.code ?? null,
      res.status,
    );
  }
  return { data: body.data ?? null, errors };
}

/** The errors whose path starts with this one (the field itself or anything under it). */
export function errorsUnder(errors: readonly GraphQLErrorShape[], path: readonly (string | number)[]) {
  return errors.filter((e) => e.path && path.every((part, i) => e.path![i] === part));
}
