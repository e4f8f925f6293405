import { readFileSync } from "node:fs";
import {
  AGENCIES,
  callerFor,
  careUnit,
  loadLocalityDirectory,
  SYNTHETIC_BOROUGH_REFERENCE,
  type Agency,
  type IdentityRecord,
} from "@ffd/shared";
import { ARJUN_DOB, PATEL_POSTCODE, outreachFeeds } from "../../testing/outreach.fixture";
import {
  capturingLogger,
  listReadersInPolicy,
  listReadersServed,
  startIndexUnderTest,
  type IndexUnderTest,
} from "../../testing/harness";
import { ZARA_DOB } from "../../testing/story.fixture";

/*
 * The locality 0-5 profile (Query.localityProfile) over the story borough with the Patels, then
 * over generated families in every locality, each figure checked against a count made here from
 * the records the feeds were given. The reference date of the harness is 2025-06-01: an under-5
 * was born from 2020-06-02, a birth of the last 12 months from 2024-06-02.
 */
const REFERENCE_DATE = "2025-06-01";
const UNDER_FIVE_FROM = "2020-06-02";
const BIRTHS_FROM = "2024-06-02";
const reference = loadLocalityDirectory(SYNTHETIC_BOROUGH_REFERENCE);
const LOCALITY_IDS = reference.localities().map((l) => l.id);

const FRONT_DOOR = callerFor("front-door", "direct-care");
const PROFILE = `query ($locality: ID!) {
  localityProfile(locality: $locality) {
    id
    locality { id name }
    asOf
    underFives
    birthsFrom
    births
    reach { children registered rate }
    reachMostDeprived { children registered rate }
    birthsRegisteredWithCentre { children registered rate }
  }
}`;

const figure = (children: number, registered: number) => ({
  children,
  registered,
  rate: children === 0 ? null : registered / children,
});

/** A child as the test knows them: where they live, when born, whether a centre knows them. */
interface Child {
  postcode: string | null;
  dateOfBirth: string;
  registered: boolean;
}

/** The profile a locality's figures must be, counted here child by child. */
function countedProfile(children: readonly Child[], locality: string) {
  const here = children.filter(
    (c) =>
      c.postcode !== null &&
      reference.reachAreaOf(c.postcode)?.locality.id === locality &&
      c.dateOfBirth >= UNDER_FIVE_FROM &&
      c.dateOfBirth <= REFERENCE_DATE,
  );
  const deprived = here.filter((c) => reference.inMostDeprived30Percent(c.postcode!));
  const births = here.filter((c) => c.dateOfBirth >= BIRTHS_FROM);
  const registered = (list: readonly Child[]) => list.filter((c) => c.registered).length;
  return {
    id: locality,
    locality: reference.locality(locality),
    asOf: REFERENCE_DATE,
    underFives: here.length,
    birthsFrom: BIRTHS_FROM,
    births: births.length,
    reach: figure(here.length, registered(here)),
    reachMostDeprived: figure(deprived.length, registered(deprived)),
    birthsRegisteredWithCentre: figure(births.length, registered(births)),
  };
}

describe("the 0-5 profile on the story families", () => {
  let index: IndexUnderTest;
  beforeAll(async () => {
    index = await startIndexUnderTest(outreachFeeds());
  });
  afterAll(async () => {
    await index?.stop();
  });

  it("counts Brindleford Central's under-5s (Zara, Arjun, Tobi Okafor) and its births, in one SQL query", async () => {
    index.counting.reset();
    const result = await index.run(FRONT_DOOR, PROFILE, { locality: "brindleford-central" });
    expect(result.errors).toBeUndefined();
    // Zara (45 days old, her centre's member), Arjun (20 days, no centre) and Tobi Okafor (born
    // 2024-02-02, no centre: an under-5, not a birth of the last 12 months). Nobody else of the
    // story is under 5 in the locality; the centre's household at DY3 1AA is Netherby's.
    const children: Child[] = [
      { postcode: "DY1 4QT", dateOfBirth: ZARA_DOB, registered: true },
      { postcode: PATEL_POSTCODE, dateOfBirth: ARJUN_DOB, registered: false },
      { postcode: "DY2 8PP", dateOfBirth: "2024-02-02", registered: false },
    ];
    const expected = countedProfile(children, "brindleford-central");
    expect(result.data!.localityProfile).toEqual(expected);
    expect(expected).toMatchObject({ underFives: 3, births: 2, reach: figure(3, 1) });
    expect(index.counting.count).toBe(1);
    expect(index.counting.statements.filter((s) => /FROM fi_person/.test(s))).toHaveLength(1);
  });

  it("counts Netherby's two children of the centre's household, both registered, neither born this year", async () => {
    const result = await index.run(FRONT_DOOR, PROFILE, { locality: "netherby" });
    expect(result.errors).toBeUndefined();
    expect(result.data!.localityProfile).toEqual(
      countedProfile(
        [
          { postcode: "DY3 1AA", dateOfBirth: "2021-09-09", registered: true },
          { postcode: "DY3 1AA", dateOfBirth: "2023-01-15", registered: true },
        ],
        "netherby",
      ),
    );
  });

  it.each([
    ["an unknown locality", "atlantis", /No locality has the id "atlantis"/],
    ["an empty id", "", /No locality has the id ""/],
  ])("refuses %s as BAD_USER_INPUT naming the argument, reading nothing", async (_what, locality, message) => {
    index.counting.reset();
    const result = await index.run(FRONT_DOOR, PROFILE, { locality });
    expect(result.data).toBeNull();
    expect(result.errors!.map((e) => e.extensions)).toEqual([{ code: "BAD_USER_INPUT", field: "locality" }]);
    expect(result.errors![0].message).toMatch(message);
    expect(index.counting.count).toBe(0);
  });

  it("is read by the review performance's readers, more than the lists', and refused to the others before anything is read", async () => {
    const allowed = await listReadersServed(index, PROFILE, { locality: "brindleford-central" }, (data) =>
      expect(data.localityProfile.underFives).toBe(3),
    );
    expect(allowed).toEqual(listReadersInPolicy("localityProfile"));
    expect(allowed).toEqual(listReadersInPolicy("mandatedReviewPerformance"));
    // Counts that name no one: safeguarding and the data steward too, whom the outreach list refuses.
    expect(allowed).toEqual(expect.arrayContaining(["front-door/safeguarding", "data-steward/direct-care"]));
    expect(listReadersInPolicy("outreach")).not.toContain("front-door/safeguarding");
    expect(allowed.some((r) => r.startsWith("registrar/") || r.startsWith("ig-auditor/"))).toBe(false);
    const registrar = await index.run(callerFor("registrar", "registration"), PROFILE, { locality: "netherby" });
    expect(registrar.errors![0].message).toMatch(
      /^The registrar role may not read the list of figures of a locality's 0-5 profile .* for registration: it is for direct-care or early-help or safeguarding\.$/,
    );
    const anonymous = await index.run(null, PROFILE, { locality: "netherby" });
    expect(anonymous.errors!.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
  });

  it("says the children's centres system is unavailable at each reach figure, not 0%, when the index has never read it", async () => {
    const current = index.server.indexer.current()!;
    index.counting.reset();
    const result = await index.run(
      FRONT_DOOR,
      PROFILE,
      { locality: "brindleford-central" },
      { indexer: { current: () => ({ ...current, missing: ["childrens-centres"] }) } },
    );
    // The counts that need no centre stand.
    expect(result.data!.localityProfile).toMatchObject({
      underFives: 3,
      births: 2,
      reach: null,
      reachMostDeprived: null,
      birthsRegisteredWithCentre: null,
    });
    expect(result.errors!.map((e) => [e.path?.join("."), e.extensions])).toEqual([
      ["localityProfile.reach", { code: "AGENCY_UNAVAILABLE", agency: "childrens-centres" }],
      ["localityProfile.reachMostDeprived", { code: "AGENCY_UNAVAILABLE", agency: "childrens-centres" }],
      ["localityProfile.birthsRegisteredWithCentre", { code: "AGENCY_UNAVAILABLE", agency: "childrens-centres" }],
    ]);
    expect(index.counting.count).toBe(1);
  });

  it("answers AGENCY_UNAVAILABLE naming family-index when the link store fails, logging no personal data", async () => {
    const logger = capturingLogger();
    const store = Object.create(index.server.store, {
      childrenByPostcode: { value: () => Promise.reject(new Error("connection to 10.0.0.5 refused at DY1 4QT")) },
    });
    const result = await index.run(FRONT_DOOR, PROFILE, { locality: "brindleford-central" }, { store, logger });
    expect(result.data).toBeNull();
    expect(result.errors!.map((e) => e.extensions)).toEqual([{ code: "AGENCY_UNAVAILABLE", agency: "family-index" }]);
    expect(JSON.stringify(result)).not.toMatch(/10\.0\.0\.5|DY1 4QT/);
    expect(logger.events()).toEqual(["link_store.failed"]);
    expect(JSON.stringify(logger.lines)).not.toMatch(/10\.0\.0\.5|DY1 4QT|brindleford/);
  });

  it("resolves LocalityProfile by its key to the same figures, under the same policy; null for an unknown id", async () => {
    const ENTITIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on LocalityProfile { id underFives births reach { registered } } } }`;
    const reps = [
      { __typename: "LocalityProfile", id: "brindleford-central" },
      { __typename: "LocalityProfile", id: "atlantis" },
    ];
    const result = await index.run(callerFor("data-steward", "direct-care"), ENTITIES, { reps });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { id: "brindleford-central", underFives: 3, births: 2, reach: { registered: 1 } },
      null,
    ]);
    index.counting.reset();
    const refused = await index.run(callerFor("registrar", "registration"), ENTITIES, { reps });
    expect(refused.data!._entities).toEqual([null, null]);
    expect(refused.errors!.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
    expect(index.counting.count).toBe(0);
  });
});

/*
 * Ninety families over the four localities, each a mother and one child at the family's postcode
 * (in its own small area, so some are in the 30% most deprived areas and some not), the children
 * born 0 to about 6 years before the reference date. Every third child is a member of a children's
 * centre; every seventh is known to the centre only; some children have no postcode or live outside
 * the borough. Three more children are on the edges of the windows.
 */
const FAMILIES = 90;
/** The reference's small areas with their IMD deciles (public data: the test picks addresses from it). */
const AREAS: { area: string; imdDecile: number }[] = JSON.parse(
  readFileSync(SYNTHETIC_BOROUGH_REFERENCE, "utf8"),
).deprivation;
const GIVEN = ["Noor", "Ada", "Kofi", "Mila", "Ravi", "Ines", "Tariq", "Elsie", "Yusuf", "Maja", "Oisin", "Lena"];
const SURNAMES = ["Abbott", "Baxter", "Cohen", "Dlamini", "Evans", "Fraser", "Gill", "Horvath", "Ito", "Jovanovic"];
const dayBefore = (days: number) =>
  new Date(Date.parse(`${REFERENCE_DATE}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
/** On the edges: 5 today (not under 5), 5 tomorrow (under 5), born on the first day of the births' year. */
const EDGES: Record<number, string> = { 0: "2020-06-01", 1: UNDER_FIVE_FROM, 2: BIRTHS_FROM };

interface Household extends Child {
  surname: string;
  centreOnly: boolean;
}

function household(h: number): Household {
  const locality = LOCALITY_IDS[h % 4];
  const sectors = reference.sectorsOf(locality);
  // Every other household of a locality in one of its most deprived small areas.
  const areas = AREAS.filter(
    (a) => sectors.includes(a.area.slice(0, -1)) && a.imdDecile <= 3 === (Math.floor(h / 4) % 2 === 0),
  );
  const postcode =
    h % 11 === 5 ? null : h % 13 === 7 ? "B1 1AA" : `${areas[Math.floor(h / 8) % areas.length].area}${"LNPQ"[h % 4]}`;
  return {
    postcode,
    surname: `${SURNAMES[h % 10]}-${SURNAMES[Math.floor(h / 10) % 10]}`,
    dateOfBirth: EDGES[h] ?? dayBefore((h * 71) % 2200),
    registered: h % 3 === 0 || h % 7 === 4,
    centreOnly: h % 7 === 4,
  };
}

function manyFamilies(): Record<Agency, IdentityRecord[]> {
  const feeds = Object.fromEntries(AGENCIES.map((a) => [a, []])) as unknown as Record<Agency, IdentityRecord[]>;
  for (let h = 0; h < FAMILIES; h++) {
    const f = household(h);
    const base = { nhsNumber: null, familyName: f.surname, postcode: f.postcode, relations: [] };
    const mother = `MAT${String(h).padStart(7, "0")}`;
    const child = { ...base, givenName: GIVEN[h % GIVEN.length], dateOfBirth: f.dateOfBirth, sex: "FEMALE" as const };
    feeds.maternity.push({
      ...base,
      localId: mother,
      givenName: "Robin",
      dateOfBirth: dayBefore(9000 + h * 11),
      sex: "FEMALE",
    });
    if (!f.centreOnly)
      feeds.maternity.push({
        ...child,
        localId: `BAB${String(h).padStart(7, "0")}`,
        relations: [{ localId: mother, relationship: "MOTHER" }],
      });
    if (f.registered)
      feeds["childrens-centres"].push({
        ...child,
        localId: `M${String(h).padStart(7, "0")}`,
        householdId: `HH${String(h).padStart(6, "0")}`,
        careUnit: careUnit("centre", "CC01"),
      });
  }
  return feeds;
}

describe("the 0-5 profile over many families", () => {
  let index: IndexUnderTest;
  const households = Array.from({ length: FAMILIES }, (_, h) => household(h));
  beforeAll(async () => {
    index = await startIndexUnderTest(manyFamilies());
  });
  afterAll(async () => {
    await index?.stop();
  });

  it.each(LOCALITY_IDS)(
    "gives %s the figures counted child by child from the feeds, in one SQL query",
    async (locality) => {
      index.counting.reset();
      const result = await index.run(FRONT_DOOR, PROFILE, { locality });
      expect(result.errors).toBeUndefined();
      const expected = countedProfile(households, locality);
      expect(result.data!.localityProfile).toEqual(expected);
      // Every figure is a real count: some children in and out of each part.
      expect(expected.underFives).toBeGreaterThan(expected.births);
      expect(expected.births).toBeGreaterThan(0);
      expect(expected.reach.registered).toBeGreaterThan(0);
      expect(expected.reach.registered).toBeLessThan(expected.underFives);
      expect(expected.reachMostDeprived.children).toBeGreaterThan(0);
      expect(expected.reachMostDeprived.children).toBeLessThan(expected.underFives);
      expect(index.counting.count).toBe(1);
    },
  );

  it("counts a child who is 5 tomorrow and one born on the first day of the births' year, not one who is 5 today", async () => {
    const served = async (locality: string) =>
      (await index.run(FRONT_DOOR, PROFILE, { locality })).data!.localityProfile;
    /** The figures counted without one household: what the edge child adds is then plain. */
    const without = (h: number) =>
      countedProfile(
        households.filter((_, i) => i !== h),
        LOCALITY_IDS[h % 4],
      );
    expect((await served(LOCALITY_IDS[0])).underFives).toBe(without(0).underFives);
    expect((await served(LOCALITY_IDS[1])).underFives).toBe(without(1).underFives + 1);
    expect((await served(LOCALITY_IDS[2])).births).toBe(without(2).births + 1);
  });

  it("counts no child twice, and none without a postcode in the borough", async () => {
    const totals = await Promise.all(
      LOCALITY_IDS.map(async (locality) => {
        const result = await index.run(FRONT_DOOR, PROFILE, { locality });
        return result.data!.localityProfile.underFives as number;
      }),
    );
    const inBorough = households.filter(
      (c) =>
        c.postcode !== null &&
        reference.reachAreaOf(c.postcode) !== null &&
        c.dateOfBirth >= UNDER_FIVE_FROM &&
        c.dateOfBirth <= REFERENCE_DATE,
    );
    expect(totals.reduce((a, b) => a + b, 0)).toBe(inBorough.length);
    expect(households.filter((c) => c.postcode === null || c.postcode === "B1 1AA").length).toBeGreaterThan(5);
  });
});
