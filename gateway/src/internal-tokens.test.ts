import { decodeJwt } from "jose";
import { callerFor, signCallerToken, verifyCallerToken, type Caller } from "@ffd/shared";
import { TEST_SECRETS } from "../../tests/support/secrets";
import { INTERNAL_TOKEN_TTL_SECONDS, InternalTokens } from "./internal-tokens";

const SECRET = TEST_SECRETS.INTERNAL_TOKEN_SECRET;
const TIMEOUT_MS = 5_000;

/** Tokens on a clock the test moves, counting every signature. */
function tokens(options: { timeoutMs?: number; maxCallers?: number } = {}) {
  let now = Date.UTC(2026, 0, 5, 9, 0, 0);
  const signed: Caller[] = [];
  const store = new InternalTokens({
    secret: SECRET,
    subgraphTimeoutMs: options.timeoutMs ?? TIMEOUT_MS,
    maxCallers: options.maxCallers,
    now: () => now,
    sign: (secret, caller, ttl) => {
      signed.push(caller);
      return signCallerToken(secret, caller, ttl);
    },
  });
  return { store, signed, advance: (ms: number) => (now += ms) };
}

const VISITOR = callerFor("health-visitor", "direct-care", { subject: "hv-1", caseload: "HV-NORTH-3" });

describe("internal tokens, one per caller scope", () => {
  it("signs once for a caller however many subgraph requests ask at once, and the token names the caller", async () => {
    const { store, signed } = tokens();
    const all = await Promise.all(Array.from({ length: 20 }, () => store.forCaller({ ...VISITOR })));
    expect(signed).toHaveLength(1);
    expect(new Set(all).size).toBe(1);
    await expect(verifyCallerToken(SECRET, all[0])).resolves.toEqual(VISITOR);
    const claims = decodeJwt(all[0]);
    expect(claims.exp! - claims.iat!).toBe(INTERNAL_TOKEN_TTL_SECONDS);
  });

  it.each<[string, Partial<Caller>]>([
    ["another user", { subject: "hv-2" }],
    ["another role", { role: "front-door" }],
    ["another purpose", { purpose: "safeguarding" }],
    ["another organisation", { organisation: "dudley-nhs" }],
    ["another centre", { centre: "CC02" }],
    ["another caseload", { caseload: "HV-SOUTH-1" }],
    ["break-glass", { breakGlass: true }],
  ])("gives %s a token of its own, saying so", async (_, change) => {
    const { store, signed } = tokens();
    const first = await store.forCaller(VISITOR);
    const other = { ...VISITOR, ...change };
    const second = await store.forCaller(other);
    expect(second).not.toBe(first);
    expect(signed).toHaveLength(2);
    await expect(verifyCallerToken(SECRET, second)).resolves.toEqual(other);
  });

  it("reuses a token while it has at least half its life, then signs a fresh one", async () => {
    const { store, signed, advance } = tokens();
    // (jose stamps the real time, so a fresh token may read the same: count the signatures.)
    const first = await store.forCaller(VISITOR);
    advance(29_000);
    expect(await store.forCaller(VISITOR)).toBe(first);
    expect(signed).toHaveLength(1);
    advance(1_500);
    await store.forCaller(VISITOR);
    expect(signed).toHaveLength(2);
  });

  it("keeps a whole subgraph timeout and a margin of life on every token it hands out, however long the timeout", async () => {
    const { store, signed, advance } = tokens({ timeoutMs: 40_000 });
    expect(store.minRemainingMs).toBe(45_000);
    await store.forCaller(VISITOR);
    advance(14_000);
    await store.forCaller(VISITOR);
    expect(signed).toHaveLength(1);
    advance(2_000);
    await store.forCaller(VISITOR);
    expect(signed).toHaveLength(2);
  });

  it("signs afresh for every request when the timeout leaves no token fit to keep", async () => {
    const { store, signed } = tokens({ timeoutMs: 58_000 });
    await store.forCaller(VISITOR);
    await store.forCaller(VISITOR);
    expect(signed).toHaveLength(2);
    expect(store.size).toBe(0);
  });

  it("does not keep a failed signature", async () => {
    let fail = true;
    const store = new InternalTokens({
      secret: SECRET,
      subgraphTimeoutMs: TIMEOUT_MS,
      sign: (secret, caller, ttl) =>
        fail ? Promise.reject(new Error("no key")) : signCallerToken(secret, caller, ttl),
    });
    await expect(store.forCaller(VISITOR)).rejects.toThrow("no key");
    fail = false;
    await expect(verifyCallerToken(SECRET, await store.forCaller(VISITOR))).resolves.toEqual(VISITOR);
  });

  it("holds tokens for a bounded number of callers, dropping the oldest", async () => {
    const { store, signed } = tokens({ maxCallers: 3 });
    for (const subject of ["a", "b", "c", "d"]) await store.forCaller({ ...VISITOR, subject });
    expect(store.size).toBe(3);
    await store.forCaller({ ...VISITOR, subject: "d" });
    expect(signed).toHaveLength(4);
    await store.forCaller({ ...VISITOR, subject: "a" });
    expect(signed).toHaveLength(5);
  });
});
