import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from "jose";
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  createLogger,
  PURPOSE_OF_ACCESS_HEADER,
  PURPOSES_OF_ACCESS,
  purposesFor,
  ROLES,
  SERVICES,
  verifyCallerToken,
  type RunningService,
  type ServiceName,
  SUBGRAPH_SERVICES,
  urlSetting,
} from "@ffd/shared";
import { signDevToken } from "./auth";
import { parseGatewayConfig } from "./config";
import { INTERNAL_TOKEN_TTL_SECONDS } from "./data-source";
import { SAMPLE_QUERY } from "./sample";
import { startGateway } from "./server";
import { secretEnv, TEST_SECRETS } from "../../tests/support/secrets";

/*
 * The gateway in-process over the committed supergraph, in front of five tiny fake subgraphs
 * that record what the gateway sends them: purpose of access, the internal caller token, and
 * the query limits, all without an agency system behind them.
 */

const SECRET = TEST_SECRETS.INTERNAL_TOKEN_SECRET;

interface Received {
  service: ServiceName;
  authorization: string | undefined;
  query: string;
}

/** Answers the few operations the tests send: a person from family-index, their maternity record. */
function fakeAnswer(service: ServiceName, body: { query: string; variables?: Record<string, any> }): unknown {
  if (service === "family-index" && body.query.includes("searchPeople")) return { data: { searchPeople: [] } };
  if (service === "family-index" && body.query.includes("person")) {
    return {
      data: {
        person: {
          __typename: "Person",
          id: "p1",
          givenName: "Amira",
          maternityRecordIds: ["MAT0000001"],
          legitimateRelationship: false,
        },
      },
    };
  }
  if (service === "maternity" && body.query.includes("_entities")) {
    const reps = (body.variables?.representations ?? []) as { maternityRecordIds: string[] }[];
    return {
      data: {
        _entities: reps.map((r) => ({ __typename: "Person", maternity: { localIds: r.maternityRecordIds } })),
      },
    };
  }
  return { errors: [{ message: `the fake ${service} was not expecting this` }] };
}

async function startFake(service: ServiceName, received: Received[]): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const body = JSON.parse(raw);
      received.push({ service, authorization: req.headers.authorization, query: body.query });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(fakeAnswer(service, body)));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return server;
}

/** Each subgraph's URL setting, from the service registry. */
const ENV_NAME = Object.fromEntries(SUBGRAPH_SERVICES.map((s) => [s.name, urlSetting(s)])) as Record<
  ServiceName,
  string
>;

const PERSON_QUERY = `{ person(id: "p1") { id givenName maternity { localIds } } }`;

describe("gateway", () => {
  const received: Received[] = [];
  const fakes: http.Server[] = [];
  let gateway: RunningService;
  const config = () =>
    parseGatewayConfig({
      NODE_ENV: "test",
      ...secretEnv(),
      ...Object.fromEntries(
        SERVICES.map((s, i) => [ENV_NAME[s], `http://127.0.0.1:${(fakes[i].address() as AddressInfo).port}`]),
      ),
    });

  beforeAll(async () => {
    for (const service of SERVICES) fakes.push(await startFake(service, received));
    gateway = await startGateway({ config: config(), logger: createLogger("gateway", "silent") }, 0);
  });
  afterAll(async () => {
    await gateway.stop();
    await Promise.all(fakes.map((f) => new Promise((r) => f.close(r))));
  });
  beforeEach(() => {
    received.length = 0;
  });

  const token = (claims: Parameters<typeof signDevToken>[1] = { role: "front-door" }) =>
    signDevToken(config().DEV_JWT_SECRET, claims);

  async function post(
    query: string,
    { purpose = "direct-care", bearer }: { purpose?: string | null; bearer?: string | null } = {},
  ): Promise<{ status: number; body: any }> {
    const auth = bearer === undefined ? await token() : bearer;
    const res = await fetch(gateway.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(auth === null ? {} : { authorization: `Bearer ${auth}` }),
        ...(purpose === null ? {} : { [PURPOSE_OF_ACCESS_HEADER]: purpose }),
      },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, body: await res.json() };
  }

  describe("purpose of access", () => {
    it("refuses a request with no purpose (400, BAD_USER_INPUT, listing the purposes) before any subgraph is called", async () => {
      const { status, body } = await post(PERSON_QUERY, { purpose: null });
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions).toEqual({ code: "BAD_USER_INPUT" });
      expect(body.errors[0].message).toContain("X-Purpose-Of-Access");
      for (const purpose of PURPOSES_OF_ACCESS) expect(body.errors[0].message).toContain(purpose);
      expect(received).toEqual([]);
    });

    it("refuses an unknown, blank or differently spelt purpose, without echoing it", async () => {
      for (const purpose of ["curiosity", "   ", "Direct-Care", "direct-care, audit", "<script>"]) {
        const { status, body } = await post(PERSON_QUERY, { purpose });
        expect(status).toBe(400);
        expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
        expect(body.errors[0].message).toContain("direct-care, early-help, safeguarding, registration, audit");
        if (purpose.trim()) expect(body.errors[0].message).not.toContain(purpose);
      }
      expect(received).toEqual([]);
    });

    it("asks for a token first: no token and no purpose is 401", async () => {
      const { status, body } = await post(PERSON_QUERY, { purpose: null, bearer: null });
      expect(status).toBe(401);
      expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
      expect(received).toEqual([]);
    });

    // Each purpose with the first role the access policy lets state it (front-door for most).
    it.each(PURPOSES_OF_ACCESS.map((p) => [p, ROLES.find((r) => purposesFor(r).includes(p))!]))(
      "accepts %s (as %s) and forwards it to the subgraphs",
      async (purpose, role) => {
        const { status, body } = await post(PERSON_QUERY, { purpose, bearer: await token({ role }) });
        expect(status).toBe(200);
        expect(body).toEqual({
          data: { person: { id: "p1", givenName: "Amira", maternity: { localIds: ["MAT0000001"] } } },
        });
        expect(received.length).toBeGreaterThan(0);
        for (const r of received) {
          expect((await verifyCallerToken(SECRET, r.authorization!.replace(/^Bearer /, ""))).purpose).toBe(purpose);
        }
      },
    );
  });

  describe("access policy: which role may state which purpose", () => {
    const table = ROLES.flatMap((role) =>
      PURPOSES_OF_ACCESS.map((purpose) => ({ role, purpose, allowed: purposesFor(role).includes(purpose) })),
    );

    it("covers every role and purpose, every role may state something, and front-door may state direct-care", () => {
      expect(table).toHaveLength(ROLES.length * PURPOSES_OF_ACCESS.length);
      for (const role of ROLES) expect(table.some((t) => t.role === role && t.allowed)).toBe(true);
      expect(table).toContainEqual({ role: "front-door", purpose: "direct-care", allowed: true });
      expect(table).toContainEqual({ role: "registrar", purpose: "direct-care", allowed: false });
      expect(table).toContainEqual({ role: "ig-auditor", purpose: "safeguarding", allowed: false });
    });

    it.each(table)("$role stating $purpose: allowed $allowed", async ({ role, purpose, allowed }) => {
      const { status, body } = await post(PERSON_QUERY, { purpose, bearer: await token({ role }) });
      if (allowed) {
        expect(status).toBe(200);
        expect(body.errors).toBeUndefined();
        expect(body.data.person.id).toBe("p1");
        expect(received.map((r) => r.service)).toEqual(["family-index", "maternity"]);
        for (const r of received) {
          const caller = await verifyCallerToken(SECRET, r.authorization!.replace(/^Bearer /, ""));
          expect([caller.role, caller.purpose]).toEqual([role, purpose]);
        }
      } else {
        expect(status).toBe(403);
        expect(body.data).toBeUndefined();
        expect(body.errors).toHaveLength(1);
        expect(body.errors[0].extensions).toEqual({ code: "FORBIDDEN" });
        const allowedPurposes = purposesFor(role);
        expect(body.errors[0].message).toBe(
          `The ${role} role may not access records for ${purpose}. ` +
            `It may state ${allowedPurposes.length === 1 ? "only" : "one of"}: ${allowedPurposes.join(", ")}.`,
        );
        expect(received).toEqual([]);
      }
    });

    it("checks the purpose is well formed before the role may state it (400 before 403)", async () => {
      const { status, body } = await post(PERSON_QUERY, {
        purpose: "curiosity",
        bearer: await token({ role: "registrar" }),
      });
      expect(status).toBe(400);
      expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
      expect(received).toEqual([]);
    });
  });

  describe("the caller forwarded to subgraphs", () => {
    it("sends every subgraph request a short-lived internal token naming the caller and purpose, never the user's token", async () => {
      const userToken = await token({
        role: "health-visitor",
        organisation: "nhs-trust",
        centre: "CC03",
        caseload: "12",
        subject: "hv-9",
      });
      const { status } = await post(PERSON_QUERY, { purpose: "safeguarding", bearer: userToken });
      expect(status).toBe(200);
      expect(received.map((r) => r.service)).toEqual(["family-index", "maternity"]);
      for (const r of received) {
        expect(r.authorization).toMatch(/^Bearer \S+$/);
        const internal = r.authorization!.slice("Bearer ".length);
        expect(internal).not.toBe(userToken);
        await expect(verifyCallerToken(SECRET, internal)).resolves.toEqual({
          subject: "hv-9",
          role: "health-visitor",
          organisation: "nhs-trust",
          centre: "CC03",
          caseload: "12",
          purpose: "safeguarding",
          breakGlass: false,
        });
        const claims = decodeJwt(internal);
        expect(claims.exp! - claims.iat!).toBe(INTERNAL_TOKEN_TTL_SECONDS);
        expect(INTERNAL_TOKEN_TTL_SECONDS).toBeLessThanOrEqual(60);
        // Only the gateway's secret verifies it.
        await expect(verifyCallerToken("another-secret-of-at-least-32-characters", internal)).rejects.toThrow(
          /not valid/,
        );
      }
    });
  });

  describe("query limits", () => {
    const PERSON = `id givenName familyName dateOfBirth nhsNumber
      maternity { localIds pregnancies { agreedDueDate outcome babies { localId } } birth { bornAt birthWeightGrams deliveryMethod } }
      healthVisiting { namedHealthVisitor mandatedReviews { type dueBy completedOn status } }
      childrensCentres { registrations { memberRef centre { name cluster } household { postcode } } }
      birthRegistration { asChild { registeredOn registeredAtChildrensCentre registeredWithinLegalPeriod } }`;

    const refusedBeforeAnySubgraph = async (query: string, message: RegExp, code = "GRAPHQL_VALIDATION_FAILED") => {
      const { status, body } = await post(query);
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions.code).toBe(code);
      expect(body.errors[0].message).toMatch(message);
      expect(received).toEqual([]);
    };

    it("lets the sample query through (depth 9, cost about 680)", async () => {
      const { status, body } = await post(SAMPLE_QUERY);
      expect(status).toBe(200);
      expect(body).toEqual({ data: { searchPeople: [] } });
      expect(received.map((r) => r.service)).toEqual(["family-index"]);
    });

    it("refuses a query nested too deeply (a family's family's family)", async () => {
      await refusedBeforeAnySubgraph(
        `{ person(id: "p1") { family { members { person { family { members { person { family { members { person { maternity { pregnancies { outcome } } } } } } } } } } } } }`,
        /^The query is nested too deeply \(Query depth limit of 12 exceeded, found 13\)\. Ask for less/,
      );
    });

    it("refuses too many aliases", async () => {
      const aliased = Array.from({ length: 21 }, (_, i) => `p${i}: person(id: "p${i}") { id }`).join(" ");
      await refusedBeforeAnySubgraph(
        `{ ${aliased} }`,
        /^The query uses too many aliases \(Aliases limit of 20 exceeded, found 21\)/,
      );
    });

    it("refuses a query that costs too much though within the depth limit (every agency, two family hops from a search)", async () => {
      await refusedBeforeAnySubgraph(
        `{ searchPeople(query: { familyName: "Hussain" }) { person { ${PERSON}
            family { members { person { ${PERSON} family { members { person { ${PERSON} } } } } } } } } }`,
        /^The query asks for too much at once \(Query Cost limit of 3000 exceeded, found 3\d{3}(\.\d+)?\)/,
      );
    });

    it("refuses a document with too many tokens while parsing it", async () => {
      await refusedBeforeAnySubgraph(
        `{ ${"__typename ".repeat(2100)}}`,
        /2000 tokens\. Parsing aborted/,
        "GRAPHQL_PARSE_FAILED",
      );
    });

    it("refuses batched requests", async () => {
      const res = await fetch(gateway.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${await token()}`,
          [PURPOSE_OF_ACCESS_HEADER]: "direct-care",
        },
        body: JSON.stringify([{ query: PERSON_QUERY }, { query: PERSON_QUERY }]),
      });
      expect(res.status).toBe(400);
      expect(received).toEqual([]);
    });

    it("allows introspection and serves the IDE, preloaded with a token and a purpose, outside production", async () => {
      const { status, body } = await post(`{ __schema { queryType { name } } }`);
      expect(status).toBe(200);
      expect(body.data.__schema.queryType.name).toBe("Query");
      const html = await (await fetch(gateway.url.replace(/\/graphql$/, "/graphiql"))).text();
      expect(html).toContain("X-Purpose-Of-Access");
      expect(html).toContain("direct-care");
      expect(html).toContain("Bearer ");
    });
  });
});

describe("gateway in production", () => {
  let jwks: http.Server;
  let gateway: RunningService;
  let userToken: string;

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    jwks = http.createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwks.listen(0, "127.0.0.1", r));
    const config = parseGatewayConfig({
      NODE_ENV: "production",
      INTERNAL_TOKEN_SECRET: SECRET,
      OIDC_ISSUER: "https://login.example.org",
      OIDC_AUDIENCE: "family-front-door",
      OIDC_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks`,
      OIDC_CLIENT_ID: "family-front-door-app",
      AUDIT_DATABASE_URL: "postgres://audit.invalid/audit",
      // Nothing listens on port 1: no subgraph is reachable, and none should be asked.
      FAMILY_INDEX_URL: "http://127.0.0.1:1",
    });
    gateway = await startGateway({ config, logger: createLogger("gateway", "silent") }, 0);
    userToken = await new SignJWT({ role: "front-door", org: "council" })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer("https://login.example.org")
      .setAudience("family-front-door")
      .setSubject("user-1")
      .setExpirationTime("5m")
      .sign(pair.privateKey);
  });
  afterAll(async () => {
    await gateway.stop();
    await new Promise((r) => jwks.close(r));
  });

  it("refuses introspection and serves no IDE", async () => {
    const res = await fetch(gateway.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${userToken}`,
        [PURPOSE_OF_ACCESS_HEADER]: "direct-care",
      },
      body: JSON.stringify({ query: "{ __schema { types { name } } }" }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.errors[0].message).toMatch(/introspection is not allowed/i);
    expect((await fetch(gateway.url.replace(/\/graphql$/, "/graphiql"))).status).toBe(404);
    expect((await fetch(gateway.url.replace(/\/graphql$/, "/ide"))).status).toBe(404);
  });

  it("hides field suggestions", async () => {
    const res = await fetch(gateway.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${userToken}`,
        [PURPOSE_OF_ACCESS_HEADER]: "direct-care",
      },
      body: JSON.stringify({ query: `{ persn(id: "p1") { id } }` }),
    });
    const body = (await res.json()) as any;
    expect(res.status).toBe(400);
    expect(body.errors[0].message).toMatch(/Cannot query field "persn"/);
    expect(body.errors[0].message).not.toMatch(/Did you mean/);
  });
});
