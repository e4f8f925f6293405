/**
 * Arbitrary input through the gateway (issue 8): searchPeople, person, family and the
 * purpose-of-access and break-glass headers, driven with arbitrary strings, dates and ids by
 * fast-check. Every answer must be data or a clear client error: never INTERNAL_SERVER_ERROR,
 * never AGENCY_UNAVAILABLE while every agency is up (a bad input is not an outage), never a stack
 * or a path; and no value sent may reach any service's log.
 *
 * Each generated string carries a random marker, so that "not in any log line" is exact.
 */
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { PURPOSES_OF_ACCESS } from "@ffd/shared";
import type { Federation } from "./support/federation";

/** Codes a client is told to act on, for requests that are wrong or not allowed. */
const CLIENT_CODES = new Set([
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "FORBIDDEN",
  "NOT_FOUND",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "UNAUTHENTICATED",
]);

/** What a stack trace, a file path or an internal address looks like in a response. */
const INTERNALS = [/\n\s+at /, /node_modules/, /\.(ts|js):\d+/, /\/(work|home|usr|app)\//, /127\.0\.0\.1/, /ECONN/];

export interface FuzzOutcome {
  status: number;
  body: any;
}

/** A marker no log line would contain by chance. */
const marker = () => `fz${randomBytes(5).toString("hex")}`;

/** Arbitrary text (any unicode, empty, very long) around a marker the test can look for in logs. */
const marked = (maxLength: number) =>
  fc
    .tuple(fc.string({ unit: "grapheme", maxLength }), fc.string({ maxLength: 8 }))
    .map(([a, b]) => `${a}${marker()}${b}`);

/** Strings that look like dates and are not, and real dates, and garbage. */
const dateLike = fc.oneof(
  fc.constantFrom(
    "2026-02-30",
    "yesterday",
    "12/03/1994",
    "1994-3-12",
    "1994-13-01",
    "0000-00-00",
    "",
    "1994-03-12T00:00",
  ),
  fc
    .date({ min: new Date("1900-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  marked(40),
);

const nhsLike = fc.oneof(fc.stringMatching(/^[0-9]{10}$/), fc.stringMatching(/^[0-9 ]{0,14}$/), marked(30));

const searchInput = fc.record(
  {
    givenName: fc.oneof(marked(60), marked(400), fc.constant("Amira")),
    familyName: fc.oneof(marked(60), fc.constant("Hussain")),
    dateOfBirth: dateLike,
    nhsNumber: nhsLike,
    postcode: fc.oneof(marked(20), fc.constantFrom("DY1 4QT", "dy14qt", "SW1A 1AA")),
  },
  { requiredKeys: [] },
);

const idLike = fc.oneof(marked(80), fc.uuid(), fc.constantFrom("", "p_0", "f_0", "-1", "null"));

/** Header values a browser or curl could send: printable Latin-1, no line breaks. */
const headerValue = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 1200 }),
  fc.constantFrom(...PURPOSES_OF_ACCESS),
);

export interface FuzzCase {
  name: string;
  run: (fed: Federation, token: string) => Promise<FuzzOutcome & { sent: string[] }>;
}

/** A case named by its input, so that fast-check's counterexample shows what was sent. */
const fuzzCase = (name: string, input: unknown, run: FuzzCase["run"]): FuzzCase =>
  Object.assign({ name, run }, { [fc.toStringMethod]: () => `${name} ${JSON.stringify(input)}` });

/** The markers a case sent (only these are looked for in the logs). */
const markersIn = (...values: unknown[]): string[] =>
  values.flatMap((v) => JSON.stringify(v ?? "").match(/fz[0-9a-f]{10}/g) ?? []);

export const fuzzArbitraries = {
  search: searchInput.map((q) =>
    fuzzCase("searchPeople", q, async (fed, token) => ({
      ...(await fed.query(
        `query($q: PersonSearchInput!) { searchPeople(query: $q) { score matchedOn person { id givenName } } }`,
        { q },
        token,
      )),
      sent: markersIn(q),
    })),
  ),
  searchLiteral: fc.tuple(marked(60), dateLike).map(([name, dob]) =>
    fuzzCase("searchPeople (inline literals)", { name, dob }, async (fed, token) => ({
      ...(await fed.query(
        `{ searchPeople(query: { givenName: ${JSON.stringify(name)}, dateOfBirth: ${JSON.stringify(dob)} }) { score } }`,
        undefined,
        token,
      )),
      sent: markersIn(name, dob),
    })),
  ),
  person: idLike.map((id) =>
    fuzzCase("person", id, async (fed, token) => ({
      ...(await fed.query(`query($id: ID!) { person(id: $id) { id givenName family { id } } }`, { id }, token)),
      sent: markersIn(id),
    })),
  ),
  family: idLike.map((id) =>
    fuzzCase("family", id, async (fed, token) => ({
      ...(await fed.query(`query($id: ID!) { family(id: $id) { id members { relationship } } }`, { id }, token)),
      sent: markersIn(id),
    })),
  ),
  headers: fc.tuple(headerValue, fc.option(headerValue, { nil: undefined })).map(([purpose, reason]) =>
    fuzzCase("purpose and break-glass headers", { purpose, reason }, async (fed, token) => ({
      ...(await fed.query(
        `{ searchPeople(query: { familyName: "Hussain" }) { score } }`,
        undefined,
        token,
        purpose,
        reason === undefined ? {} : { "X-Break-Glass-Reason": reason },
      )),
      sent: [],
    })),
  ),
};

/** The problems with one answer: empty when it is data or a clear client error. */
export function problemsWith(outcome: FuzzOutcome): string[] {
  const problems: string[] = [];
  const { status, body } = outcome;
  if (![200, 400, 403, 413, 415].includes(status)) problems.push(`HTTP ${status}`);
  if (!body || typeof body !== "object") return [...problems, "not a JSON body"];
  for (const error of body.errors ?? []) {
    const code = error?.extensions?.code;
    if (!CLIENT_CODES.has(code)) problems.push(`error code ${code}: ${error?.message}`);
  }
  if (!body.errors?.length && !body.data) problems.push("neither data nor errors");
  const text = JSON.stringify(body.errors ?? []);
  for (const pattern of INTERNALS) if (pattern.test(text)) problems.push(`internals in the errors: ${pattern}`);
  return problems;
}

/**
 * Runs the properties. After the run (the child processes write their logs asynchronously) every
 * service's log lines are searched for every marker sent.
 */
export async function fuzzGateway(fed: Federation, token: string, numRuns: number): Promise<void> {
  const anyCase = fc.oneof(...Object.values(fuzzArbitraries));
  const sent = new Map<string, string>();
  await fc.assert(
    fc.asyncProperty(anyCase, async (c) => {
      const outcome = await c.run(fed, token);
      for (const m of outcome.sent) sent.set(m, c.name);
      const problems = problemsWith(outcome);
      if (problems.length) throw new Error(`${c.name}: ${problems.join("; ")}`);
    }),
    { numRuns, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
  );
  await new Promise((r) => setTimeout(r, 500));
  const lines = fed.logLines();
  const leaked = [...sent].filter(([m]) => lines.some((line) => line.includes(m))).map(([, name]) => name);
  if (leaked.length) throw new Error(`values sent reached a log line, from: ${[...new Set(leaked)].join(", ")}`);
  if (sent.size === 0) throw new Error("the fuzz sent no marked value: the generators are broken");
}
