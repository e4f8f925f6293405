import { capturingLogger } from "../../../tests/support/agency";
import { FEED_TEST_SECRET, servedFeed } from "../../../tests/support/feed";
import { AgencySystemUnavailable } from "../agency-source";
import { signServiceToken } from "../auth";
import { IDENTITY_FEED_AUDIENCE } from "../identity";
import {
  INVOLVEMENT_FEED_MAX_IDS,
  INVOLVEMENT_FEED_PATH,
  type AgencyInvolvement,
  type InvolvementSource,
} from "../involvement";
import { mountInvolvementFeed } from "./service";

const SECRET = FEED_TEST_SECRET;
const AS_OF = "2025-06-15";

const ZARA: AgencyInvolvement = {
  localId: "1002",
  status: "CURRENT",
  leadPractitioner: {
    name: "Grace Okafor",
    role: "Health visitor",
    team: "North Locality HV Team",
    phone: "01384 814001",
  },
  since: "2025-05-01",
  lastContactOn: "2025-06-01",
};

/** A port that records what it was asked, answering Zara's id and null for any other (or failing, when told). */
class RecordingSource implements InvolvementSource {
  calls: { localIds: string[]; asOf: string }[] = [];
  down = false;
  async involvements(localIds: readonly string[], asOf: string) {
    this.calls.push({ localIds: [...localIds], asOf });
    if (this.down)
      throw new AgencySystemUnavailable("health-visiting", { cause: new Error("connect ECONNREFUSED 10.0.0.1") });
    return localIds.map((id) => (id === ZARA.localId ? ZARA : null));
  }
}

describe("the involvement feed (POST /internal/involvements)", () => {
  const source = new RecordingSource();
  const logger = capturingLogger();
  const { post, familyIndexToken } = servedFeed(INVOLVEMENT_FEED_PATH, (app) =>
    mountInvolvementFeed(app, "health-visiting", source, () => AS_OF, SECRET, logger),
  );
  beforeEach(() => {
    source.calls = [];
    source.down = false;
    logger.lines.length = 0;
  });

  it("answers family-index with each id's involvement in order, null for one the system does not hold, from one port call", async () => {
    const response = await post({ localIds: ["9999", "1002"] }, await familyIndexToken());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ agency: "health-visiting", involvements: [null, ZARA] });
    expect(source.calls).toEqual([{ localIds: ["9999", "1002"], asOf: AS_OF }]);
  });

  it("refuses a request without a service token, and reads nothing", async () => {
    const response = await post({ localIds: ["1002"] });
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain("Grace");
    expect(source.calls).toEqual([]);
  });

  it("refuses another service's token, a token for another audience and one signed with another secret", async () => {
    const gateway = await signServiceToken(SECRET, "gateway", IDENTITY_FEED_AUDIENCE);
    expect((await post({ localIds: ["1002"] }, gateway)).status).toBe(403);
    const otherAudience = await signServiceToken(SECRET, "family-index", "subgraph");
    expect((await post({ localIds: ["1002"] }, otherAudience)).status).toBe(401);
    const otherSecret = await signServiceToken("x".repeat(48), "family-index", IDENTITY_FEED_AUDIENCE);
    expect((await post({ localIds: ["1002"] }, otherSecret)).status).toBe(401);
    expect(source.calls).toEqual([]);
  });

  it.each([
    ["no list", {}],
    ["a list of numbers", { localIds: [1002] }],
    ["an empty id", { localIds: [""] }],
    ["too many ids", { localIds: Array.from({ length: INVOLVEMENT_FEED_MAX_IDS + 1 }, (_, i) => String(i)) }],
  ])("refuses %s (400) without asking the system", async (_what, body) => {
    expect((await post(body, await familyIndexToken())).status).toBe(400);
    expect(source.calls).toEqual([]);
  });

  it("answers 503 when the system is down, logging the failure without an id or the driver's message", async () => {
    source.down = true;
    const response = await post({ localIds: ["1002"] }, await familyIndexToken());
    expect(response.status).toBe(503);
    const line = logger.lines.find((l) => l.event === "involvement_feed.failed");
    expect(line).toBeDefined();
    expect(JSON.stringify(logger.lines)).not.toMatch(/1002|10\.0\.0\.1/);
  });
});
