import { GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import type { PurposeOfAccess } from "./access";
import { signServiceToken } from "./auth";
import { callerOf, signCallerToken, type Caller } from "./caller";
import { IDENTITY_FEED_AUDIENCE } from "./identity";
import { createLogger } from "./log";
import { ONLY_THE_GATEWAY, startService, type RunningService } from "./service";

const SECRET = "shared-service-test-secret-of-32-characters";
const CALLER: Caller = {
  subject: "user-7",
  role: "health-visitor",
  organisation: "nhs-trust",
  centre: "CC03",
  caseload: "12",
  purpose: "direct-care",
  breakGlass: true,
};

/** A subgraph's /graphql as every subgraph has it (startService): only the gateway may call it. */
describe("startService: only the gateway may call /graphql", () => {
  let service: RunningService;
  const seen: (Caller | null)[] = [];

  beforeAll(async () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType<unknown, { caller: Caller | null }>({
        name: "Query",
        fields: {
          whoAsks: { type: GraphQLString, resolve: (_root, _args, ctx) => ctx.caller?.subject ?? null },
        },
      }),
    });
    service = await startService(
      {
        name: "test-subgraph",
        schema,
        logger: createLogger("test-subgraph", "silent"),
        internalSecret: SECRET,
        context: async (req, requestId) => {
          const caller = callerOf(req);
          seen.push(caller);
          return { requestId, caller };
        },
      },
      0,
    );
  });
  afterAll(() => service.stop());

  const post = async (authorization?: string) => {
    const res = await fetch(service.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query: "{ whoAsks }" }),
    });
    return { status: res.status, body: (await res.json()) as any, www: res.headers.get("www-authenticate") };
  };
  const refused = {
    status: 401,
    body: { errors: [{ message: ONLY_THE_GATEWAY, extensions: { code: "UNAUTHENTICATED" } }] },
  };

  it("refuses a request with no token, and runs no resolver", async () => {
    seen.length = 0;
    expect(await post()).toMatchObject(refused);
    expect((await post()).www).toMatch(/^Bearer/);
    expect(await post("Basic dXNlcjpwYXNz")).toMatchObject(refused);
    expect(seen).toEqual([]);
  });

  it("refuses a token signed with another secret, an expired one, and a family-index service token", async () => {
    seen.length = 0;
    expect(
      await post(`Bearer ${await signCallerToken("another-secret-of-at-least-32-characters", CALLER)}`),
    ).toMatchObject(refused);
    expect(await post(`Bearer ${await signCallerToken(SECRET, CALLER, -10)}`)).toMatchObject(refused);
    // Signed with the same secret, but for the identity feed: not a gateway caller token.
    const feedToken = await signServiceToken(SECRET, "family-index", IDENTITY_FEED_AUDIENCE);
    expect(await post(`Bearer ${feedToken}`)).toMatchObject(refused);
    expect(await post("Bearer not.a.token")).toMatchObject(refused);
    expect(seen).toEqual([]);
  });

  it("refuses a gateway token that states a purpose of access no one knows", async () => {
    const unknown = await signCallerToken(SECRET, { ...CALLER, purpose: "curiosity" as PurposeOfAccess });
    expect(await post(`Bearer ${unknown}`)).toMatchObject(refused);
  });

  it("answers a valid gateway token, and callerOf(req) is the caller it names", async () => {
    seen.length = 0;
    const { status, body } = await post(`Bearer ${await signCallerToken(SECRET, CALLER)}`);
    expect(status).toBe(200);
    expect(body).toEqual({ data: { whoAsks: "user-7" } });
    expect(seen).toEqual([CALLER]);
  });

  it("leaves /health and /ready open", async () => {
    const base = service.url.replace(/\/graphql$/, "");
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });
});
