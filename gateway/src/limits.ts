import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type ValidationContext, type ValidationRule } from "graphql";

/** How big a query the gateway accepts (see the gateway README for how each is counted). */
export interface QueryLimits {
  /** Nesting of fields: the sample query is 9 deep. */
  maxDepth: number;
  /** Aliased fields in one operation (each alias is another copy of the work). */
  maxAliases: number;
  /** graphql-armor's cost: objects 2, scalars 1, times 1.5 per level of depth. The sample costs about 680. */
  maxCost: number;
  /** Lexical tokens in the document, checked while parsing. The end-to-end query has 175. */
  maxTokens: number;
  /** Directives in one operation. */
  maxDirectives: number;
}

export const DEFAULT_QUERY_LIMITS: Readonly<QueryLimits> = Object.freeze({
  maxDepth: 12,
  maxAliases: 20,
  maxCost: 3000,
  maxTokens: 2000,
  maxDirectives: 50,
});

/** Rewrites armor's messages ("Syntax Error: Query depth limit of 12 exceeded, found 13.") for people. */
function explain(message: string): string {
  const limit = message.replace(/^Syntax Error:\s*/, "");
  const what = /depth/i.test(limit)
    ? "The query is nested too deeply"
    : /alias/i.test(limit)
      ? "The query uses too many aliases"
      : /cost/i.test(limit)
        ? "The query asks for too much at once"
        : /directive/i.test(limit)
          ? "The query uses too many directives"
          : "The query is too large";
  return `${what} (${limit.replace(/\.$/, "")}). Ask for less, or split it into several queries.`;
}

const report = (ctx: ValidationContext | null, error: GraphQLError) => {
  // Apollo Server reports validation errors as GRAPHQL_VALIDATION_FAILED with HTTP 400.
  ctx?.reportError(new GraphQLError(explain(error.message)));
};

/**
 * Query limits through graphql-armor: depth, aliases, cost and directives as validation rules
 * (so a refused query never reaches the query planner or a subgraph), tokens through graphql-js's
 * own parser limit. Field suggestions ("Did you mean ...") are hidden in production.
 */
export function queryLimits(
  limits: QueryLimits,
  production: boolean,
): {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin<BaseContext>[];
  parseOptions: { maxTokens: number };
} {
  const rejection = { propagateOnRejection: false, onReject: [report] };
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ...rejection },
    maxAliases: { n: limits.maxAliases, ...rejection },
    costLimit: { maxCost: limits.maxCost, ...rejection },
    maxDirectives: { n: limits.maxDirectives, ...rejection },
    // graphql-js enforces the token limit itself while parsing (GRAPHQL_PARSE_FAILED, HTTP 400).
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return {
    validationRules: armor.validationRules,
    plugins: armor.plugins,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}
