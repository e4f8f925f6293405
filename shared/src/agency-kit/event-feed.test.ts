import { capturingLogger } from "../../../tests/support/agency";
import { FEED_TEST_SECRET, servedFeed } from "../../../tests/support/feed";
import { EVENT_FEED_PATH, type AgencyEvent, type AgencyEventSource } from "../agency-events";
import { AgencySystemUnavailable } from "../agency-source";
import { signServiceToken } from "../auth";
import { IDENTITY_FEED_AUDIENCE } from "../identity";
import { mountEventFeed } from "./service";

const SECRET = FEED_TEST_SECRET;
const AS_OF = "2025-06-15";

const PLAN: AgencyEvent = {
  localId: "C0000001",
  kind: "SOCIAL_CARE_FLAG_STARTED",
  on: "2025-06-05",
  summary: "Child protection plan started",
};

/** A port that records the periods it was asked for (or fails, when told). */
class RecordingSource implements AgencyEventSource {
  calls: { from: string; to: string; asOf: string }[] = [];
  down = false;
  async events(from: string, to: string, asOf: string) {
    this.calls.push({ from, to, asOf });
    if (this.down)
      throw new AgencySystemUnavailable("childrens-social-care", { cause: new Error("connect ECONNREFUSED 10.0.0.1") });
    return [PLAN].filter((e) => e.on >= from && e.on <= to);
  }
}

describe("the event feed (POST /internal/events)", () => {
  const source = new RecordingSource();
  const logger = capturingLogger();
  const { post, familyIndexToken } = servedFeed(EVENT_FEED_PATH, (app) =>
    mountEventFeed(app, "childrens-social-care", source, () => AS_OF, SECRET, logger),
  );
  beforeEach(() => {
    source.calls = [];
    source.down = false;
    logger.lines.length = 0;
  });

  it("answers family-index with the events of the period, from one port call as of the agency's date", async () => {
    const response = await post({ from: "2025-06-02", to: "2025-06-08" }, await familyIndexToken());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ agency: "childrens-social-care", events: [PLAN] });
    expect(source.calls).toEqual([{ from: "2025-06-02", to: "2025-06-08", asOf: AS_OF }]);
  });

  it("refuses a request without a service token, or with another service's, and reads nothing", async () => {
    expect((await post({ from: "2025-06-02", to: "2025-06-08" })).status).toBe(401);
    const gateway = await signServiceToken(SECRET, "gateway", IDENTITY_FEED_AUDIENCE);
    expect((await post({ from: "2025-06-02", to: "2025-06-08" }, gateway)).status).toBe(403);
    expect(source.calls).toEqual([]);
  });

  it.each([
    ["no period", {}],
    ["a date that is not one", { from: "2025-02-30", to: "2025-03-01" }],
    ["a period ending before it starts", { from: "2025-06-08", to: "2025-06-02" }],
    ["more than 31 days", { from: "2025-06-01", to: "2025-07-02" }],
  ])("refuses %s (400) without asking the system", async (_what, body) => {
    expect((await post(body, await familyIndexToken())).status).toBe(400);
    expect(source.calls).toEqual([]);
  });

  it("answers 503 when the system is down, logging the failure without the driver's message", async () => {
    source.down = true;
    const response = await post({ from: "2025-06-02", to: "2025-06-08" }, await familyIndexToken());
    expect(response.status).toBe(503);
    expect(logger.lines.find((l) => l.event === "event_feed.failed")).toBeDefined();
    expect(JSON.stringify(logger.lines)).not.toMatch(/10\.0\.0\.1|ECONNREFUSED/);
  });
});
