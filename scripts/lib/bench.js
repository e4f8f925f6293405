/**
 * What the benchmarks share: the staff app's own documents, the locality lists as the app asks
 * them, development tokens, one timed request through a gateway, and percentiles.
 */
const fs = require("node:fs");
const path = require("node:path");
const { PURPOSE_OF_ACCESS_HEADER } = require("../../shared/dist");

const root = path.join(__dirname, "..", "..");

/**
 * The lists, each by the app's operation, the role and purpose it is read with, its variables for
 * a locality, and how many entries an answer holds (for the table; aggregates count their rows).
 */
const LISTS = [
  {
    list: "newBirthsNotKnownToCentres",
    operation: "NewBirthsNotKnownToCentres",
    role: "front-door",
    purpose: "direct-care",
    variables: (locality) => ({ locality }),
    entries: (data) => data.newBirthsNotKnownToCentres.length,
  },
  {
    list: "mandatedReviewWorklist",
    operation: "MandatedReviewWorklist",
    role: "front-door",
    purpose: "direct-care",
    variables: (locality) => ({ locality }),
    entries: (data) => data.mandatedReviewWorklist.length,
  },
  {
    list: "safeguardingMeetingList",
    operation: "SafeguardingMeetingList",
    role: "safeguarding-lead",
    purpose: "safeguarding",
    variables: (locality) => ({ locality }),
    entries: (data) => data.safeguardingMeetingList.length,
  },
  {
    list: "mandatedReviewPerformance",
    operation: "MandatedReviewPerformance",
    role: "front-door",
    purpose: "direct-care",
    variables: (locality) => ({ locality }),
    entries: (data) => data.mandatedReviewPerformance.reviews.length,
  },
  {
    list: "localityProfile",
    operation: "LocalityProfile",
    role: "front-door",
    purpose: "direct-care",
    variables: (locality) => ({ locality }),
    // The children's figures' rows (the births registered at a centre among them) and the review rates' rows.
    entries: (data) => 4 + (data.localityProfile.reviewPerformance?.reviews.length ?? 0),
  },
];

/** The app's documents by operation name. */
function appDocuments() {
  const file = path.join(root, "web", "src", "gql", "persisted-documents.json");
  const byName = new Map();
  for (const text of Object.values(JSON.parse(fs.readFileSync(file, "utf8")))) {
    const name = /\b(?:query|mutation)\s+(\w+)/.exec(text)?.[1];
    if (name) byName.set(name, text);
  }
  return byName;
}

async function devToken(url, role) {
  const res = await fetch(new URL("/auth/dev-token", url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ role }),
  });
  if (!res.ok) throw new Error(`The gateway refused a development token for ${role} (HTTP ${res.status}).`);
  return (await res.json()).token;
}

/**
 * One request through a gateway: its time in ms and its data. Any error fails the benchmark,
 * except those with a code in `allowedErrors` (the policy's FORBIDDEN for fields a role sees only
 * in summary is part of the answer). `headers` are added to the request's own. A request not
 * answered within `timeoutMs` (default 2 minutes) fails the benchmark too: a stalled service
 * must not hang it.
 */
/** How long one benchmark request may take before the benchmark fails. */
const ASK_TIMEOUT_MS = 120_000;

async function ask(
  url,
  token,
  purpose,
  query,
  variables,
  { headers = {}, allowedErrors = [], timeoutMs = ASK_TIMEOUT_MS } = {},
) {
  const started = process.hrtime.bigint();
  const res = await fetch(new URL("/graphql", url), {
    signal: AbortSignal.timeout(timeoutMs),
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${token}`,
      [PURPOSE_OF_ACCESS_HEADER]: purpose,
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (!res.ok || (body.errors ?? []).some((e) => !allowedErrors.includes(e.extensions?.code))) {
    const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? "?").join(", ");
    throw new Error(`HTTP ${res.status}, errors: ${codes || "none"}: not a fair measurement.`);
  }
  return { ms, data: body.data };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const round = (ms) => Math.round(ms * 10) / 10;

/** A command-line option's value as a whole number of 1 or more, or an error with the usage. */
function wholeNumberOption(value, name, usage) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} takes a whole number of 1 or more.\n${usage}`);
  return n;
}

module.exports = { LISTS, appDocuments, ask, devToken, percentile, round, wholeNumberOption };
