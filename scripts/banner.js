/**
 * What `npm start` prints once everything is ready: the staff app's address first, then the
 * GraphQL endpoint and IDE, a development token and a sample request as a curl command that runs
 * when pasted into bash. Kept apart from start.js so a test can run exactly what is printed.
 */
"use strict";

/**
 * Quotes a string for bash: inside single quotes nothing is special (no $, `, \ or #), so the only
 * character to handle is the single quote itself, written as '\'' (close, escaped quote, reopen).
 */
function shellQuote(text) {
  return `'${String(text).replace(/'/g, `'\\''`)}'`;
}

/**
 * The sample request as a curl command, one option per line. The query travels as JSON exactly
 * as written (comments and all, newlines as \n inside the JSON string), so nothing in it can end
 * the shell word or turn the rest into a comment.
 */
function curlCommand({ url, token, purposeHeader, purpose, query }) {
  return [
    `curl -s ${shellQuote(`${url}/graphql`)}`,
    `  -H ${shellQuote("Content-Type: application/json")}`,
    `  -H ${shellQuote(`Authorization: Bearer ${token}`)}`,
    `  -H ${shellQuote(`${purposeHeader}: ${purpose}`)}`,
    `  --data ${shellQuote(JSON.stringify({ query }))}`,
  ].join(" \\\n");
}

/** The whole start-up message. */
function banner({ url, token, purposeHeader, purposes, purpose, query, readySeconds, secretsFile, dataFolder }) {
  const rule = "=".repeat(80);
  return `
${rule}
Family Front Door is running (ready in ${readySeconds.toFixed(1)}s)

  Staff app:         ${url}/
                     (sign in with a role, search, open a family; works offline)
  GraphQL endpoint:  ${url}/graphql
  GraphQL IDE:       ${url}/graphiql   (token and purpose preloaded)

A development token (role front-door, valid 8 hours; make others with
\`npm run token -- --role <role>\`). Every request also states its purpose in the
${purposeHeader} header: ${purposes.join(", ")}.
${
  secretsFile
    ? `This run's secrets are fresh and random; \`npm run token\` reads them from
${secretsFile} until Ctrl-C.`
    : "This run uses the INTERNAL_TOKEN_SECRET and DEV_JWT_SECRET you set."
}${
    dataFolder
      ? `
The audit trail, the link store (with data stewards' decisions) and the agencies'
generated databases are kept in
${dataFolder} (DATA_DIR), so they survive a restart: delete it to start afresh.
\`npm run audit:verify\` checks the audit chain there once npm start has stopped.`
      : ""
  }

${token}

Find the Hussain family (in the app: search Amira Hussain; paste into the IDE, or run this):

${curlCommand({ url, token, purposeHeader, purpose, query })}

${query}
Ctrl-C stops everything.
${rule}
`;
}

module.exports = { banner, curlCommand, shellQuote };
