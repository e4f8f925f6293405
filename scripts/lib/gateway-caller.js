/**
 * What the benchmark's other gateways (plain-gateway.js, hive-gateway.js) do in front of our
 * subgraphs, and nothing more: check the development token and the purpose of access, as our
 * gateway does, and sign the subgraphs' internal caller token once per client request, the same
 * `authorization` header for all its subgraph requests. The subgraphs then answer them as they
 * answer ours.
 */
const { GraphQLError } = require("graphql");
const { PURPOSE_OF_ACCESS_HEADER, bearerToken, isPurposeOfAccess, signCallerToken } = require("../../shared/dist");
const { createAuthenticator } = require("../../gateway/dist/auth");

/** The purpose of access header's name as Node and the Fetch API give it (lower case). */
const PURPOSE_HEADER = PURPOSE_OF_ACCESS_HEADER.toLowerCase();

/** A required setting of a benchmark gateway's environment, or an error naming it. */
function setting(gateway, name) {
  const value = process.env[name];
  if (!value) throw new Error(`${gateway}: ${name} is not set`);
  return value;
}

/**
 * The caller of a client request, from its `authorization` and purpose of access headers, checked
 * as our gateway checks development tokens (gateway/src/auth.ts); an unsigned, expired or roleless
 * token, or a missing or unknown purpose, is refused with UNAUTHENTICATED (HTTP 401) and no detail.
 * @param {string} devSecret DEV_JWT_SECRET
 * @returns {(authorization: string | null | undefined, purpose: string | null | undefined) => Promise<import("../../shared/dist").Caller>}
 */
function callerCheck(devSecret) {
  const authenticate = createAuthenticator({ NODE_ENV: "development", DEV_JWT_SECRET: devSecret });
  const refused = () =>
    new GraphQLError("The request is not signed in with a purpose of access.", {
      extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
    });
  return async (authorization, purpose) => {
    const token = bearerToken(authorization);
    if (!token || !isPurposeOfAccess(purpose)) throw refused();
    const user = await authenticate(token).catch(() => {
      throw refused();
    });
    return { ...user, purpose, breakGlass: false };
  };
}

/** The `authorization` header for a client request's subgraph requests: a fresh internal token. */
async function subgraphAuthorization(internalSecret, caller) {
  return `Bearer ${await signCallerToken(internalSecret, caller, 60)}`;
}

module.exports = { PURPOSE_HEADER, callerCheck, setting, subgraphAuthorization };
