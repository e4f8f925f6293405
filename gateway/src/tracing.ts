import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, parse } from "graphql";
import { SPAN_ATTRIBUTES, spanOf } from "@ffd/shared";
import type { GatewayContext } from "./context";
import type { TrustedDocuments } from "./trusted-documents";

/*
 * The gateway's part of the traces (see tracing.ts in shared): the request span is made first
 * on /graphql (tracedRequests, starting a trace of its own whatever the browser sent), this
 * plugin names it after the operation, and each subgraph fetch is a span of its own
 * (data-source.ts) whose context goes to the subgraph in the traceparent header.
 */

/**
 * The operation names of the staff app's documents (its trusted documents): the only names a
 * span may carry. A client's own name may be anything it likes, a person's name included.
 */
export function trustedOperationNames(documents: TrustedDocuments): ReadonlySet<string> {
  const names = new Set<string>();
  for (const document of documents.values()) {
    for (const definition of parse(document).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) names.add(definition.name.value);
    }
  }
  return names;
}

/** An operation's name as a span gives it: the app's own name, `anonymous` without one, `other` for any other. */
export function tracedOperationName(name: string | null | undefined, trusted: ReadonlySet<string>): string {
  if (!name) return "anonymous";
  return trusted.has(name) ? name : "other";
}

/**
 * Names the request span `<type> <operation>` (query FamilyRecord, query other) once the
 * operation is known, with its outcome (ok, errors) when the answer leaves. Nothing of the
 * document, its variables or the answer is recorded.
 */
export function operationTracingPlugin(trusted: ReadonlySet<string>): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const span = spanOf(contextValue.traceContext);
      if (!span) return;
      span.setAttribute(SPAN_ATTRIBUTES.requestId, contextValue.requestId);
      return {
        async didResolveOperation({ operationName, operation }) {
          const name = tracedOperationName(operationName, trusted);
          const type = operation?.operation ?? "unknown";
          span.updateName(`${type} ${name}`);
          span.setAttribute(SPAN_ATTRIBUTES.operationName, name);
          span.setAttribute(SPAN_ATTRIBUTES.operationType, type);
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === "single" ? !!response.body.singleResult.errors?.length : false;
          span.setAttribute(SPAN_ATTRIBUTES.outcome, errors ? "errors" : "ok");
        },
      };
    },
  };
}
