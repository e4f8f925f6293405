import { vi } from "vitest";
import { documentIdOf } from "../api/client";
import type { TypedDocumentString } from "../gql/graphql";
import { Localities } from "./LocalityListPage";

/** What the stubbed gateway answers: a body and an HTTP status (200 by default). */
export type Answer = { body: unknown; status?: number };

/**
 * Tests of the locality list pages: a gateway (fetch, stubbed) answering Localities with
 * `localities` and `asked` (each by its document id) with `answer()`, recording the variables
 * of each request for `asked`; any other document is refused. Undo with vi.unstubAllGlobals().
 */
export function stubGateway<T, V>(
  localities: unknown,
  asked: TypedDocumentString<T, V>,
  answer: () => Promise<Answer>,
): Record<string, unknown>[] {
  const sent: Record<string, unknown>[] = [];
  vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body));
    const reply: Answer =
      body.documentId === documentIdOf(Localities)
        ? { body: localities }
        : body.documentId === documentIdOf(asked)
          ? (sent.push(body.variables), await answer())
          : { body: { errors: [{ message: "unknown document" }] }, status: 400 };
    return new Response(JSON.stringify(reply.body), {
      status: reply.status ?? 200,
      headers: { "content-type": "application/json" },
    });
  });
  return sent;
}
