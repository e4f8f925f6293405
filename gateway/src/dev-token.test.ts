import http from "node:http";
import { createLogger, PURPOSE_OF_ACCESS_HEADER } from "@ffd/shared";
import { startTestGateway, type TestGateway } from "../../tests/support/gateway";
import { captureOutput, type CapturedOutput } from "../../tests/support/output";

/*
 * Issue 9: the staff app's development sign-in. POST /auth/dev-token issues a token for a role of
 * the policy with optional claims, validated with zod; the body is never logged.
 */

describe("POST /auth/dev-token (development)", () => {
  let gw: TestGateway;
  let output: CapturedOutput;
  beforeAll(async () => {
    output = captureOutput();
    gw = await startTestGateway("development", createLogger("gateway", "debug"));
  });
  afterAll(async () => {
    await gw?.stop();
    output.restore();
  });

  const ask = (body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
    fetch(`${gw.origin}/auth/dev-token`, { method: "POST", headers, body: JSON.stringify(body) });

  it("issues a token the gateway accepts, for the role and claims asked", async () => {
    const res = await ask({ role: "health-visitor", caseload: "CL-07", centre: "CC01" });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { token: string; role: string; purposes: string[] };
    expect(body.role).toBe("health-visitor");
    expect(body.purposes).toEqual(["direct-care", "early-help", "safeguarding"]);
    const claims = JSON.parse(Buffer.from(body.token.split(".")[1], "base64url").toString());
    expect(claims).toMatchObject({ role: "health-visitor", caseload: "CL-07", centre: "CC01" });
    const graphql = await fetch(gw.gateway.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${body.token}`,
        [PURPOSE_OF_ACCESS_HEADER]: "direct-care",
      },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(await graphql.json()).toEqual({ data: { __typename: "Query" } });
  });

  it.each([
    [{}, /role must be one of: front-door, centre-worker/],
    [{ role: "superuser" }, /role must be one of/],
    [{ role: "front-door", caseload: "" }, /caseload must not be empty/],
    [{ role: "front-door", centre: "x".repeat(65) }, /centre must be at most 64 characters/],
    [{ role: "front-door", organisation: "<script>" }, /organisation must be a code/],
    [{ role: "front-door", subject: "someone-else" }, /subject|Unrecognized key/i],
  ])("refuses %j with BAD_USER_INPUT saying what is wrong", async (body, message) => {
    const res = await ask(body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(json.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(json.errors[0].message).toMatch(message);
  });

  it("refuses a page that reached this machine under its own host name (DNS rebinding)", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${gw.origin}/auth/dev-token`,
        { method: "POST", headers: { host: "evil.example", "content-type": "application/json" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify({ role: "health-visitor" }));
    });
    expect(status).toBe(403);
  });

  it("refuses a body that is not JSON (so no cross-site form can ask)", async () => {
    const res = await fetch(`${gw.origin}/auth/dev-token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "role=front-door",
    });
    expect(res.status).toBe(415);
  });

  it("never logs the request body or the token", async () => {
    output.writes.length = 0;
    const res = await ask({ role: "midwife", organisation: "SECRET-ORG-42" });
    const { token } = (await res.json()) as { token: string };
    await ask({ role: "nobody", caseload: "SECRET-CASELOAD-9" });
    const logged = output.writes.join("\n");
    expect(logged).toContain('"event":"dev_token.issued"');
    expect(logged).toContain('"event":"dev_token.refused"');
    expect(logged).not.toContain("SECRET-ORG-42");
    expect(logged).not.toContain("SECRET-CASELOAD-9");
    expect(logged).not.toContain("nobody");
    expect(logged).not.toContain(token);
  });
});
