import { trace } from "@opentelemetry/api";
import { SPAN_ATTRIBUTES } from "@ffd/shared";
import { Response, type RequestInit } from "node-fetch";

/**
 * The header a subgraph data source puts on a request it allows to be shared (a query, never a
 * mutation). The fetcher takes it off again: it never reaches a subgraph.
 */
export const SHAREABLE_MARK = "x-ffd-gateway-shareable";

/** What a shared answer is rebuilt from for every caller waiting on it: the status, the headers and the body text. */
interface SharedAnswer {
  url: string;
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Identical subgraph requests in flight at the same time made once: the second and later wait for
 * the first one's answer and each gets its own copy of it (its own Response, parsed on its own, so
 * no request's execution can touch another's data).
 *
 * Identical means the same URL, the same body and the same Authorization header, the internal
 * caller token; no other header counts (the trace context, traceparent and tracestate, differs
 * for every fetch: the request is sent with the first one's, so the subgraph's span is under it).
 * A token names exactly one caller scope (subject, role, purpose, organisation, centre,
 * caseload, break-glass: internal-tokens.ts), which is everything a subgraph decides access by,
 * so two different callers, or one caller in two roles or with two purposes, never share an
 * answer. Only requests marked shareable are considered (queries: a mutation is always
 * sent as asked); a request without an Authorization header is never shared.
 */
export class InflightRequests {
  private readonly pending = new Map<string, Promise<SharedAnswer>>();
  /** Requests answered from another one's fetch (tests and metrics). */
  shared = 0;

  /** Wraps a fetch: shareable requests are made once while identical ones are in flight. */
  wrap(fetch: Fetch): Fetch {
    return (url, init) => {
      const headers = { ...(init.headers as Record<string, string> | undefined) };
      const shareable = headers[SHAREABLE_MARK] !== undefined;
      delete headers[SHAREABLE_MARK];
      const sent: RequestInit = { ...init, headers };
      const authorization = headers.authorization ?? headers.Authorization;
      if (!shareable || !authorization || typeof init.body !== "string" || (init.method ?? "GET") !== "POST") {
        return fetch(url, sent);
      }
      const key = `${url}\n${authorization}\n${init.body}`;
      let answer = this.pending.get(key);
      if (answer) {
        this.shared++;
        // The fetch's span (tracing on) says it was answered from another's request.
        trace.getActiveSpan()?.setAttribute(SPAN_ATTRIBUTES.shared, true);
      } else {
        answer = fetch(url, sent).then(async (res) => ({
          url: res.url,
          status: res.status,
          statusText: res.statusText,
          // raw(): node-fetch's header iterator re-sorts every header at each step.
          headers: Object.entries(res.headers.raw()).flatMap(([name, values]) =>
            values.map((value): [string, string] => [name, value]),
          ),
          body: await res.text(),
        }));
        this.pending.set(key, answer);
        // Only while in flight: an answer is never kept for a later request.
        const done = answer;
        const forget = () => {
          if (this.pending.get(key) === done) this.pending.delete(key);
        };
        done.then(forget, forget);
      }
      return answer.then(
        (a) => new Response(a.body, { url: a.url, status: a.status, statusText: a.statusText, headers: a.headers }),
      );
    };
  }

  /** Requests in flight now (tests). */
  get size(): number {
    return this.pending.size;
  }
}
