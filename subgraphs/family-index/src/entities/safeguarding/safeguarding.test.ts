import { agencyUrlsOf } from "../../config";
import { AGENCIES, callerFor, levelFor, mayReadList, purposesFor, ROLES, type Agency, type Caller } from "@ffd/shared";
import { HttpFeedReader } from "../../feed/identity-feed.client";
import {
  capturingLogger,
  startIndexUnderTest,
  TEST_SECRET,
  testConfig,
  type IndexUnderTest,
} from "../../testing/harness";
import { OKAFOR_WEEK, PATEL_WEEK, SAFEGUARDING_EVENTS, safeguardingFeeds } from "../../testing/safeguarding.fixture";
import { mondayOf } from "./safeguarding.resolver";

/*
 * The weekly multi-agency safeguarding list (Query.safeguardingMeetingList) over the story
 * borough with the Patels and two social care clients (testing/safeguarding.fixture.ts), every
 * agency's event feed the kit's real endpoint on the fake agencies, asked through the HTTP
 * reader. The reference date of the harness is 2025-06-01 (a Sunday).
 */
const FRONT_DOOR = callerFor("front-door", "safeguarding");
/** A midwife of the Okafors' maternity provider: a relationship with the family, so maternity in full. */
const RL4_MIDWIFE = callerFor("midwife", "safeguarding", { organisation: "RL4" });
const LIST = `query ($locality: ID!, $weekOf: Date) {
  safeguardingMeetingList(locality: $locality, weekOf: $weekOf) {
    family { id members { relationship person { givenName } } }
    reasons { person { givenName familyName } agency kind what on }
  }
}`;
const BRINDLEFORD = "brindleford-central";
const TOBI_CPP = {
  person: { givenName: "Tobi", familyName: "Okafor" },
  agency: "CHILDRENS_SOCIAL_CARE",
  kind: "SOCIAL_CARE_FLAG_STARTED",
  what: "Child protection plan started",
  on: "2025-05-22",
};
const NGOZI_BOOKING = {
  person: { givenName: "Ngozi", familyName: "Okafor" },
  agency: "MATERNITY",
  kind: "COMPLEX_SOCIAL_FACTORS_AT_BOOKING",
  what: "Complex social factors identified at pregnancy booking",
  on: "2025-05-20",
};

interface Entry {
  family: { id: string; members: { relationship: string; person: { givenName: string } }[] };
  reasons: { person: { givenName: string; familyName: string }; agency: string | null; kind: string; on: string }[];
}

let index: IndexUnderTest;
let reader: HttpFeedReader;
const run = (caller: Caller | null, variables: Record<string, unknown>, deps = {}) =>
  index.run(caller, LIST, variables, { events: reader, ...deps });
const eventCalls = () => Object.fromEntries(AGENCIES.map((a) => [a, index.feeds.byAgency[a].eventCalls.length]));
const resetCalls = () => {
  for (const a of AGENCIES) index.feeds.byAgency[a].eventCalls.length = 0;
  index.counting.reset();
};

beforeAll(async () => {
  index = await startIndexUnderTest(safeguardingFeeds());
  for (const [agency, events] of Object.entries(SAFEGUARDING_EVENTS))
    index.feeds.byAgency[agency as Agency].events = events;
  reader = new HttpFeedReader({
    baseUrls: agencyUrlsOf(testConfig(index.feeds)),
    secret: TEST_SECRET,
    timeoutMs: 2000,
  });
});
afterAll(async () => {
  reader?.close();
  await index?.stop();
});

describe("the safeguarding list on the story families", () => {
  it("lists the Okafor family in its locality for the week their plan started, with the social care reason, one feed call per agency and four SQL queries", async () => {
    resetCalls();
    const result = await run(FRONT_DOOR, { locality: BRINDLEFORD, weekOf: OKAFOR_WEEK });
    expect(result.errors).toBeUndefined();
    const list = result.data!.safeguardingMeetingList as Entry[];
    expect(list).toHaveLength(1);
    expect(list[0].family.members.map((m) => m.person.givenName).sort()).toEqual(["Chidi", "Ngozi", "Tobi"]);
    // The front door has no relationship with the Okafors: maternity's summary does not show
    // complex social factors, so Ngozi's booking is not a reason it is shown.
    expect(list[0].reasons).toEqual([TOBI_CPP]);
    // One call per agency with events (the centres have none), for the week Monday to Sunday.
    expect(eventCalls()).toEqual({
      maternity: 1,
      "health-visiting": 1,
      "childrens-centres": 0,
      registration: 1,
      "childrens-social-care": 1,
    });
    expect(index.feeds.byAgency["childrens-social-care"].eventCalls).toEqual([
      { from: "2025-05-19", to: "2025-05-25" },
    ]);
    // The births query, the event persons, their families' members, and those members.
    expect(index.counting.count).toBe(4);
  });

  it("shows a caller with a relationship to the family (the Okafors' maternity provider) the complex social factors too, earliest first", async () => {
    const result = await run(RL4_MIDWIFE, { locality: BRINDLEFORD, weekOf: OKAFOR_WEEK });
    expect(result.errors).toBeUndefined();
    expect((result.data!.safeguardingMeetingList as Entry[]).map((e) => e.reasons)).toEqual([
      [NGOZI_BOOKING, TOBI_CPP],
    ]);
    // Break-glass gives the front door the same, as it would on Ngozi's maternity record.
    const glass = await run(callerFor("front-door", "safeguarding", { breakGlass: true }), {
      locality: BRINDLEFORD,
      weekOf: OKAFOR_WEEK,
    });
    expect((glass.data!.safeguardingMeetingList as Entry[]).map((e) => e.reasons)).toEqual([[NGOZI_BOOKING, TOBI_CPP]]);
  });

  it("does not list a family with nothing new that week, nor a family's reasons in another locality", async () => {
    const okaforWeek = await run(FRONT_DOOR, { locality: BRINDLEFORD, weekOf: OKAFOR_WEEK });
    const names = (okaforWeek.data!.safeguardingMeetingList as Entry[]).flatMap((e) =>
      e.family.members.map((m) => m.person.givenName),
    );
    // The Hussains and the Patels live in Brindleford Central too: nothing new of theirs that week.
    expect(names).not.toContain("Zara");
    expect(names).not.toContain("Arjun");
    for (const locality of ["netherby", "saltwell", "ashcombe"]) {
      const other = await run(FRONT_DOOR, { locality, weekOf: OKAFOR_WEEK });
      expect(other.errors).toBeUndefined();
      expect(other.data!.safeguardingMeetingList).toEqual([]);
    }
    // The reference week (the default): nothing new in the borough.
    const thisWeek = await run(FRONT_DOOR, { locality: BRINDLEFORD });
    expect(thisWeek.errors).toBeUndefined();
    expect(thisWeek.data!.safeguardingMeetingList).toEqual([]);
  });

  it("lists the family index's own reason (a birth no centre knows) beside an agency's, in the same number of queries for more families", async () => {
    resetCalls();
    const result = await run(FRONT_DOOR, { locality: BRINDLEFORD, weekOf: PATEL_WEEK });
    expect(result.errors).toBeUndefined();
    expect((result.data!.safeguardingMeetingList as Entry[]).map((e) => e.reasons)).toEqual([
      [
        {
          person: { givenName: "Arjun", familyName: "Patel" },
          agency: "CHILDRENS_CENTRES",
          kind: "BIRTH_NOT_KNOWN_TO_CENTRE",
          what: "Born into a family no children's centre knows",
          on: "2025-05-12",
        },
      ],
      [
        {
          person: { givenName: "Zara", familyName: "Hussain" },
          agency: "CHILDRENS_SOCIAL_CARE",
          kind: "SOCIAL_CARE_FLAG_STARTED",
          what: "Child in need episode started",
          on: "2025-05-14",
        },
      ],
    ]);
    expect(index.counting.count).toBe(4);
  });

  it("shapes the reasons by role and purpose: each is shown exactly when the policy shows its agency's fact, and a family with none is not listed", async () => {
    for (const role of ROLES) {
      for (const purpose of purposesFor(role)) {
        if (!mayReadList(role, purpose, "safeguardingMeetingList")) continue;
        const result = await run(callerFor(role, purpose), { locality: BRINDLEFORD, weekOf: OKAFOR_WEEK });
        expect(result.errors).toBeUndefined();
        const socialCare = levelFor(role, purpose, "childrensSocialCare") !== "NONE";
        // No caller here has a relationship with the Okafors: complex social factors need maternity FULL.
        const maternityFull = levelFor(role, purpose, "maternity") === "FULL";
        const expected = [...(maternityFull ? [NGOZI_BOOKING] : []), ...(socialCare ? [TOBI_CPP] : [])];
        expect({
          role,
          purpose,
          reasons: (result.data!.safeguardingMeetingList as Entry[]).map((e) => e.reasons),
        }).toEqual({ role, purpose, reasons: expected.length ? [expected] : [] });
      }
    }
  });

  it("is read for safeguarding and early help by the casework roles, and refused to everyone else before anything is read", async () => {
    const allowed: string[] = [];
    for (const role of ROLES) {
      for (const purpose of purposesFor(role)) {
        resetCalls();
        const result = await run(callerFor(role, purpose), { locality: BRINDLEFORD, weekOf: OKAFOR_WEEK });
        if (result.errors) {
          expect(result.data).toBeNull();
          expect(result.errors.map((e) => e.extensions)).toEqual([{ code: "FORBIDDEN", agency: "family-index" }]);
          expect(index.counting.count).toBe(0);
          expect(Object.values(eventCalls())).toEqual(AGENCIES.map(() => 0));
        } else allowed.push(`${role}/${purpose}`);
      }
    }
    expect(allowed).toEqual([
      "front-door/early-help",
      "front-door/safeguarding",
      "centre-worker/early-help",
      "health-visitor/early-help",
      "health-visitor/safeguarding",
      "midwife/safeguarding",
      "safeguarding-lead/early-help",
      "safeguarding-lead/safeguarding",
      "social-worker/early-help",
      "social-worker/safeguarding",
    ]);
    const registrar = await run(callerFor("registrar", "registration"), { locality: BRINDLEFORD });
    expect(registrar.errors![0].message).toBe(
      "The registrar role may not read the list of families of a locality with something new in the week from any agency, for the weekly multi-agency safeguarding meeting for registration: it is for safeguarding or early-help, by roles shown people and families in full for that purpose.",
    );
  });

  it.each([
    ["an unknown locality", { locality: "atlantis" }, "locality", /No locality has the id "atlantis"/],
    ["a week after today", { locality: BRINDLEFORD, weekOf: "2025-06-02" }, "weekOf", /after today \(2025-06-01\)/],
    ["more than a year back", { locality: BRINDLEFORD, weekOf: "2024-05-31" }, "weekOf", /earliest is 2024-06-01/],
  ])("refuses %s as BAD_USER_INPUT, reading nothing", async (_what, variables, field, message) => {
    resetCalls();
    const result = await run(FRONT_DOOR, variables);
    expect(result.data).toBeNull();
    expect(result.errors!.map((e) => e.extensions)).toEqual([{ code: "BAD_USER_INPUT", field }]);
    expect(result.errors![0].message).toMatch(message);
    expect(index.counting.count).toBe(0);
    expect(Object.values(eventCalls())).toEqual(AGENCIES.map(() => 0));
  });

  it("lists what the other agencies said when one is down, with an AGENCY_UNAVAILABLE error naming it, logging no personal data", async () => {
    const logger = capturingLogger();
    index.feeds.byAgency["childrens-social-care"].available = false;
    try {
      const result = await run(RL4_MIDWIFE, { locality: BRINDLEFORD, weekOf: OKAFOR_WEEK }, { logger });
      expect((result.data!.safeguardingMeetingList as Entry[]).map((e) => e.reasons)).toEqual([[NGOZI_BOOKING]]);
      expect(result.errors!.map((e) => ({ path: e.path, ...e.extensions }))).toEqual([
        { path: ["safeguardingMeetingList"], code: "AGENCY_UNAVAILABLE", agency: "childrens-social-care" },
      ]);
      // For the front door the Okafors' only reason it may see is social care's: they are not listed.
      const frontDoor = await run(FRONT_DOOR, { locality: BRINDLEFORD, weekOf: OKAFOR_WEEK }, { logger });
      expect(frontDoor.data!.safeguardingMeetingList).toEqual([]);
      expect(frontDoor.errors!.map((e) => e.extensions?.agency)).toEqual(["childrens-social-care"]);
      expect(logger.events()).toEqual(["safeguarding.agency_unavailable", "safeguarding.agency_unavailable"]);
      expect(JSON.stringify(logger.lines)).not.toMatch(/Okafor|C000000|brindleford/);
    } finally {
      index.feeds.byAgency["childrens-social-care"].available = true;
    }
  });

  it("leaves the births out, naming the children's centres, when the index has never read them", async () => {
    const current = index.server.indexer.current()!;
    const result = await run(
      FRONT_DOOR,
      { locality: BRINDLEFORD, weekOf: PATEL_WEEK },
      { indexer: { current: () => ({ ...current, missing: ["childrens-centres"] }) } },
    );
    const reasons = (result.data!.safeguardingMeetingList as Entry[]).flatMap((e) => e.reasons.map((r) => r.kind));
    expect(reasons).toEqual(["SOCIAL_CARE_FLAG_STARTED"]);
    expect(result.errors!.map((e) => e.extensions)).toEqual([
      { code: "AGENCY_UNAVAILABLE", agency: "childrens-centres" },
    ]);
  });
});

describe("the week", () => {
  it.each([
    ["2025-06-01", "2025-05-26"],
    ["2025-05-26", "2025-05-26"],
    ["2025-05-22", "2025-05-19"],
    ["2024-12-31", "2024-12-30"],
  ])("%s is in the week from Monday %s", (day, monday) => {
    expect(mondayOf(day)).toBe(monday);
  });
});
