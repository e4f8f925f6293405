import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { callerFor, maskFormattedError, signCallerToken, type Caller, type Logger } from "@ffd/shared";
import type { GraphQLSchema } from "graphql";

/**
 * What the agency subgraphs' tests share, written once: the callers they ask as, the gateway's
 * Authorization header for one, and a logger that keeps its lines so a test can check what was
 * (and was not) logged, and an agency server answering in process. The counting database is
 * shared's own `CountingDb`.
 */

/** A caller the policy gives everything: a safeguarding lead under break-glass. */
export const FULL_ACCESS: Caller = callerFor("safeguarding-lead", "safeguarding", { breakGlass: true });

/** The Authorization header the gateway sends for `caller`, signed with the internal secret. */
export async function gatewayAuthorization(secret: string, caller: Caller = FULL_ACCESS): Promise<string> {
  return `Bearer ${await signCallerToken(secret, caller)}`;
}

export interface CapturedLine {
  level: "debug" | "info" | "warn" | "error";
  event: string;
  fields: Record<string, unknown>;
}

/** A logger that keeps every line it is given (in `lines`), writing nothing. */
export function capturingLogger(): Logger & { lines: CapturedLine[] } {
  const lines: CapturedLine[] = [];
  const at =
    (level: CapturedLine["level"]) =>
    (event: string, fields: Record<string, unknown> = {}) => {
      lines.push({ level, event, fields });
    };
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** What `inProcess` needs of an agency server: its schema and a request's context for a caller. */
export interface InProcessServer<Ctx> {
  readonly schema: GraphQLSchema;
  context(caller: Caller | null, requestId?: string): Ctx;
}

/**
 * An agency server answering in process (Apollo's executeOperation, errors masked as the service
 * masks them): `run(query, variables, caller)` gives the single result; `stop()` when done.
 */
export async function inProcess<Ctx extends object>(server: InProcessServer<Ctx>) {
  const apollo = new ApolloServer<Ctx>({
    schema: server.schema,
    formatError: maskFormattedError,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  return {
    async run(query: string, variables: Record<string, unknown>, caller: Caller, requestId?: string) {
      const response = await apollo.executeOperation(
        { query, variables },
        { contextValue: server.context(caller, requestId) },
      );
      if (response.body.kind !== "single") throw new Error("expected a single result");
      return response.body.singleResult;
    },
    stop: () => apollo.stop(),
  };
}
