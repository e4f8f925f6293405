import { Breaker, BreakerOpenError } from "./breaker";
import type { Logger } from "./log";

class Slow extends Error {
  override name = "Slow";
}
class Down extends Error {
  override name = "Down";
}
class Refused extends Error {
  override name = "Refused";
}

function breaker(resetMs = 60_000) {
  const events: string[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: (event) => void events.push(event),
    warn: (event) => void events.push(event),
    error: (event) => void events.push(event),
  };
  const b = new Breaker({
    failuresToOpen: 3,
    resetMs,
    fields: { subgraph: "maternity" },
    event: "test.breaker",
    logger,
    counts: (err) => !(err instanceof Refused),
    opensAtOnce: (err) => err instanceof Slow,
  });
  let calls = 0;
  const run = (outcome: "ok" | Error) =>
    b.run(async () => {
      calls++;
      if (outcome !== "ok") throw outcome;
      return "answer";
    });
  return { b, run, events, calls: () => calls };
}

describe("Breaker", () => {
  const breakers: Breaker[] = [];
  afterEach(() => breakers.splice(0).forEach((b) => b.shutdown()));

  it("opens after three counted failures in a row, not when a success or an uncounted failure comes between", async () => {
    const { b, run, events, calls } = breaker();
    breakers.push(b);
    for (const outcome of [new Down(), new Down(), "ok", new Down(), new Down(), new Refused(), new Down()] as const) {
      await run(outcome).catch(() => undefined);
    }
    expect(b.state()).toBe("closed");
    await expect(run(new Down())).rejects.toBeInstanceOf(Down);
    await expect(run(new Down())).rejects.toBeInstanceOf(Down);
    expect(b.state()).toBe("open");
    expect(events).toEqual(["test.breaker.open"]);
    const before = calls();
    await expect(run("ok")).rejects.toBeInstanceOf(BreakerOpenError);
    expect(calls()).toBe(before);
  });

  it("opens at once on a timeout, passes the caller's error through, and lets one probe through after the reset", async () => {
    const { b, run, events, calls } = breaker(200);
    breakers.push(b);
    await expect(run(new Slow())).rejects.toBeInstanceOf(Slow);
    expect(b.state()).toBe("open");
    await expect(run("ok")).rejects.toBeInstanceOf(BreakerOpenError);
    expect(calls()).toBe(1);
    while (b.state() !== "half_open") await new Promise((r) => setTimeout(r, 20));
    // The probe is out: a second caller meanwhile is refused at once.
    let release!: () => void;
    const probe = b.run(() => new Promise<string>((resolve) => (release = () => resolve("back"))));
    await expect(run("ok")).rejects.toBeInstanceOf(BreakerOpenError);
    release();
    await expect(probe).resolves.toBe("back");
    expect(b.state()).toBe("closed");
    await expect(run("ok")).resolves.toBe("answer");
    expect(events).toEqual(["test.breaker.open", "test.breaker.half_open", "test.breaker.closed"]);
  });
});
