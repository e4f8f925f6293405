import type { ApolloServerPlugin } from "@apollo/server";
import { getOperationAST, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { ErrorCode, errorFields, type Logger } from "@ffd/shared";
import type { GatewayContext } from "../context";
import { addPersonIds, collectPersonReads } from "./collect";
import { outcomeOf, type AuditEventContent } from "./event";
import type { AuditStore, NewAuditEvent } from "./store";

export const AUDIT_UNAVAILABLE_MESSAGE =
  "This read could not be recorded in the audit trail, so nothing is shown. Try again later; quote the request id if it persists.";

export function auditUnavailableError(): GraphQLFormattedError {
  return { message: AUDIT_UNAVAILABLE_MESSAGE, extensions: { code: ErrorCode.AuditUnavailable } };
}

/**
 * Writes one audit event per person in every response, before the response leaves, and fails
 * closed: when the events cannot be written the response is replaced by one AUDIT_UNAVAILABLE
 * error and no data (HTTP 503).
 *
 * A person is in a response when it shows a Person, or an object that discloses one whatever is
 * selected of it (event.ts PERSON_DISCLOSURES: a search match, a family member, a linkage candidate
 * record). So that every such person can be named, `didResolveOperation` adds `id` to every Person
 * selection and `auditPerson_: person { id }` (and `auditAgency_: agency` where the type names one)
 * to every selection of a disclosing type, and takes them out of the response again where the
 * client did not ask for them, rather than refusing queries that do not select them. A query
 * aliasing another Person field to `id`, or using an added key as an alias on a disclosing type,
 * is refused (400 BAD_USER_INPUT).
 */
export function auditPlugin(store: AuditStore, logger: Logger): ApolloServerPlugin<GatewayContext> {
  // Apollo Server hands a repeated operation the same parsed document (its document store), so the
  // document with the added keys is made once per operation and schema, not once per request.
  const withIds = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, DocumentNode>>();
  const addIds = (schema: GraphQLSchema, document: DocumentNode): DocumentNode => {
    let bySchema = withIds.get(schema);
    if (!bySchema) withIds.set(schema, (bySchema = new WeakMap()));
    let added = bySchema.get(document);
    if (!added) bySchema.set(document, (added = addPersonIds(schema, document)));
    return added;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(ctx) {
          const document = addIds(ctx.schema, ctx.document);
          if (document === ctx.document) return;
          const operation = getOperationAST(document, ctx.request.operationName);
          // Execution (the gateway's query planner) reads the document from the request context.
          Object.assign(ctx, { document, operation: operation ?? undefined });
        },

        async willSendResponse(ctx) {
          const body = ctx.response.body;
          if (body.kind !== "single") return;
          const result = body.singleResult;
          if (!result.data || !ctx.operation || !ctx.document) return;
          const { caller, requestId, breakGlassReason } = ctx.contextValue;
          try {
            const reads = collectPersonReads({
              schema: ctx.schema,
              document: ctx.document,
              operation: ctx.operation,
              variables: ctx.request.variables,
              data: result.data,
              errors: result.errors,
            });
            if (reads.length === 0) return;
            const events: NewAuditEvent[] = reads.map((read) => {
              const event: Omit<AuditEventContent, "eventId" | "occurredAt"> = {
                ...read,
                actor: caller.subject,
                role: caller.role,
                organisation: caller.organisation,
                centre: caller.centre,
                purpose: caller.purpose,
                breakGlassReason,
                outcome: outcomeOf(read),
                requestId,
                operationName: ctx.operationName ?? null,
              };
              return event;
            });
            await store.append(events);
          } catch (err) {
            logger.error("audit.unavailable", { requestId, ...errorFields(err), stack: undefined });
            body.singleResult = { data: null, errors: [auditUnavailableError()] };
            ctx.response.http.status = 503;
          }
        },
      };
    },
  };
}
