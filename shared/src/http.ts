import nodeFetch, { type RequestInit, type Response } from "node-fetch";

export type { Response as HttpResponse } from "node-fetch";

/**
 * The HTTP client for calls between the services (gateway to subgraphs, family-index to the
 * identity feeds): node-fetch, plain node:http underneath, rather than the global fetch, which
 * refuses the ports the browser fetch standard calls unsafe (6000, 6665-6669, ...) and so could
 * not reach a service listening on one. The timeout covers connecting, the answer and its body:
 * the request is aborted, and its socket freed, when it runs out (an AbortError).
 */
export function httpFetch(url: string | URL, init: RequestInit, timeoutMs: number): Promise<Response> {
  return nodeFetch(url.toString(), { ...init, signal: AbortSignal.timeout(timeoutMs) as RequestInit["signal"] });
}
