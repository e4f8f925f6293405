import {
  AGENCIES,
  callerFor,
  careUnit,
  loadLocalityDirectory,
  SYNTHETIC_BOROUGH_REFERENCE,
  type Agency,
  type IdentityRecord,
} from "@ffd/shared";
import { ARJUN_DOB, ARJUN_NHS, outreachFeeds, PRIYA_NHS } from "../../testing/outreach.fixture";
import {
  capturingLogger,
  listReadersInPolicy,
  listReadersServed,
  startIndexUnderTest,
  type IndexUnderTest,
} from "../../testing/harness";
import { ZARA_NHS } from "../../testing/story.fixture";

/*
 * The outreach list (Query.newBirthsNotKnownToCentres) over the story borough with the Patels
 * (testing/outreach.fixture.ts), then over 60 generated families in every locality. The
 * reference date of the harness is 2025-06-01.
 */
const FRONT_DOOR = callerFor("front-door", "direct-care");
const LIST = `query ($locality: ID!, $since: Date) {
  newBirthsNotKnownToCentres(locality: $locality, since: $since) {
    dateOfBirth
    child { id nhsNumber givenName familyName }
    mother { id nhsNumber givenName familyName }
  }
}`;

describe("the outreach list on the story families", () => {
  let index: IndexUnderTest;
  beforeAll(async () => {
    index = await startIndexUnderTest(outreachFeeds());
  });
  afterAll(async () => {
    await index?.stop();
  });

  it("lists Arjun Patel (20 days old, no centre knows his family) in Brindleford Central, not Zara Hussain (known to a centre), in one SQL query", async () => {
    const zara = await index.run(FRONT_DOOR, `{ searchPeople(query: { nhsNumber: "${ZARA_NHS}" }) { person { id } } }`);
    const zaraId = zara.data!.searchPeople[0].person.id;
    index.counting.reset();
    const result = await index.run(FRONT_DOOR, LIST, { locality: "brindleford-central" });
    expect(result.errors).toBeUndefined();
    expect(result.data!.newBirthsNotKnownToCentres).toEqual([
      {
        dateOfBirth: ARJUN_DOB,
        child: { id: expect.any(String), nhsNumber: ARJUN_NHS, givenName: "Arjun", familyName: "Patel" },
        mother: { id: expect.any(String), nhsNumber: PRIYA_NHS, givenName: "Priya", familyName: "Patel" },
      },
    ]);
    // Zara, 45 days old in the same locality, is in the window: only the centre's knowing her keeps her off.
    expect(result.data!.newBirthsNotKnownToCentres.map((e: { child: { id: string } }) => e.child.id)).not.toContain(
      zaraId,
    );
    expect(index.counting.statements.filter((s) => /fi_person/.test(s))).toHaveLength(1);
    expect(index.counting.count).toBe(1);
  });

  it("lists Arjun in no other locality", async () => {
    for (const locality of ["netherby", "saltwell", "ashcombe"]) {
      const result = await index.run(FRONT_DOOR, LIST, { locality });
      expect(result.errors).toBeUndefined();
      expect(result.data!.newBirthsNotKnownToCentres).toEqual([]);
    }
  });

  it("takes `since` as the first date of birth listed (inclusive), up to today", async () => {
    const on = await index.run(FRONT_DOOR, LIST, { locality: "brindleford-central", since: ARJUN_DOB });
    expect(on.data!.newBirthsNotKnownToCentres).toHaveLength(1);
    const after = await index.run(FRONT_DOOR, LIST, { locality: "brindleford-central", since: "2025-05-13" });
    expect(after.errors).toBeUndefined();
    expect(after.data!.newBirthsNotKnownToCentres).toEqual([]);
    const today = await index.run(FRONT_DOOR, LIST, { locality: "brindleford-central", since: "2025-06-01" });
    expect(today.errors).toBeUndefined();
    // A year back (the earliest allowed) still lists only Arjun: Tobi Okafor (2024-02-02) is older.
    const yearBack = await index.run(FRONT_DOOR, LIST, { locality: "brindleford-central", since: "2024-06-01" });
    expect(yearBack.errors).toBeUndefined();
    expect(
      yearBack.data!.newBirthsNotKnownToCentres.map((e: { child: { givenName: string } }) => e.child.givenName),
    ).toEqual(["Arjun"]);
  });

  it("gives each agency's subgraph the link lists and relationship flag it needs, in one more SQL query", async () => {
    index.counting.reset();
    const result = await index.run(
      callerFor("health-visitor", "direct-care", { caseload: "3" }),
      `query ($locality: ID!) {
        newBirthsNotKnownToCentres(locality: $locality) {
          child { id registrationRecordIds healthVisitingRecordIds legitimateRelationship }
          mother { id maternityRecordIds }
        }
      }`,
      { locality: "brindleford-central" },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.newBirthsNotKnownToCentres).toEqual([
      {
        child: {
          id: expect.any(String),
          registrationRecordIds: ["Dudley North:102:child"],
          healthVisitingRecordIds: ["302"],
          // Arjun's record is held by caseload 3, the health visitor's.
          legitimateRelationship: true,
        },
        mother: { id: expect.any(String), maternityRecordIds: ["MAT0000004"] },
      },
    ]);
    expect(index.counting.count).toBe(2);
  });

  it.each([
    ["an unknown locality", { locality: "atlantis" }, "locality", /No locality has the id "atlantis"/],
    ["since after today", { locality: "netherby", since: "2025-06-02" }, "since", /after today \(2025-06-01\)/],
    ["since more than a year back", { locality: "netherby", since: "2024-05-31" }, "since", /earliest is 2024-06-01/],
  ])("refuses %s as BAD_USER_INPUT, reading nothing", async (_what, variables, field, message) => {
    index.counting.reset();
    const result = await index.run(FRONT_DOOR, LIST, variables);
    expect(result.data).toBeNull();
    expect(result.errors!.map((e) => e.extensions)).toEqual([{ code: "BAD_USER_INPUT", field }]);
    expect(result.errors![0].message).toMatch(message);
    expect(index.counting.count).toBe(0);
  });

  it("is read for direct care and early help by the casework roles, and refused to everyone else before anything is read", async () => {
    const allowed = await listReadersServed(index, LIST, { locality: "brindleford-central" }, (data) =>
      expect(data.newBirthsNotKnownToCentres.map((e: { child: { givenName: string } }) => e.child.givenName)).toEqual([
        "Arjun",
      ]),
    );
    // Exactly the policy's readers (shared/src/policy.test.ts lists them): the front door among them.
    expect(allowed).toEqual(listReadersInPolicy("outreach"));
    expect(allowed).toContain("front-door/direct-care");
    const registrar = await index.run(callerFor("registrar", "registration"), LIST, { locality: "netherby" });
    expect(registrar.errors![0].message).toBe(
      "The registrar role may not read the list of new births not known to a children's centre for registration: it is for direct-care or early-help, by roles shown people and families in full for that purpose.",
    );
    const anonymous = await index.run(null, LIST, { locality: "netherby" });
    expect(anonymous.errors!.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
  });

  it("says the children's centres system is unavailable, listing no one, when the index has never read it", async () => {
    const current = index.server.indexer.current()!;
    index.counting.reset();
    const result = await index.run(
      FRONT_DOOR,
      LIST,
      { locality: "brindleford-central" },
      {
        indexer: { current: () => ({ ...current, missing: ["childrens-centres"] }) },
      },
    );
    expect(result.data).toBeNull();
    expect(result.errors!.map((e) => e.extensions)).toEqual([
      { code: "AGENCY_UNAVAILABLE", agency: "childrens-centres" },
    ]);
    expect(index.counting.count).toBe(0);
  });

  it("answers AGENCY_UNAVAILABLE naming family-index when the link store fails, logging no personal data", async () => {
    const logger = capturingLogger();
    const store = Object.create(index.server.store, {
      birthsUnknownTo: { value: () => Promise.reject(new Error("connection to 10.0.0.5 refused for Priya Patel")) },
    });
    const result = await index.run(FRONT_DOOR, LIST, { locality: "brindleford-central" }, { store, logger });
    expect(result.data).toBeNull();
    expect(result.errors!.map((e) => e.extensions)).toEqual([{ code: "AGENCY_UNAVAILABLE", agency: "family-index" }]);
    expect(JSON.stringify(result)).not.toMatch(/10\.0\.0\.5|Priya/);
    expect(logger.events()).toEqual(["link_store.failed"]);
    expect(JSON.stringify(logger.lines)).not.toMatch(/10\.0\.0\.5|Priya|brindleford/);
  });
});

/*
 * Sixty families, fifteen in each locality: a mother and a baby born 0 to 69 days before the
 * reference date, each family at its own postcode; every third family's baby is also a member of
 * a children's centre. The list for a locality is its babies of the last 8 weeks whose family no
 * centre knows, in one SQL query whatever the number of families.
 */
const reference = loadLocalityDirectory(SYNTHETIC_BOROUGH_REFERENCE);
const LOCALITY_IDS = reference.localities().map((l) => l.id);
const FAMILIES = 60;
const GIVEN = ["Noor", "Ada", "Kofi", "Mila", "Ravi", "Ines", "Tariq", "Elsie", "Yusuf", "Maja", "Oisin", "Lena"];
const SURNAMES = ["Abbott", "Baxter", "Cohen", "Dlamini", "Evans", "Fraser", "Gill", "Horvath", "Ito", "Jovanovic"];
const dayBefore = (days: number) =>
  new Date(Date.parse("2025-06-01T00:00:00Z") - days * 86_400_000).toISOString().slice(0, 10);

interface Household {
  locality: string;
  postcode: string;
  surname: string;
  babyDob: string;
  knownToCentre: boolean;
}

function household(h: number): Household {
  const locality = LOCALITY_IDS[h % 4];
  const sectors = reference.sectorsOf(locality);
  return {
    locality,
    postcode: `${sectors[h % sectors.length]}${"ABDEFGHJ"[h % 8]}${"LNPQRSTU"[(h >> 3) % 8]}`,
    surname: `${SURNAMES[h % 10]}-${SURNAMES[Math.floor(h / 10) % 10]}`,
    babyDob: dayBefore((h * 13) % 70),
    knownToCentre: h % 3 === 0,
  };
}

function manyFamilies(): Record<Agency, IdentityRecord[]> {
  const feeds = Object.fromEntries(AGENCIES.map((a) => [a, []])) as unknown as Record<Agency, IdentityRecord[]>;
  for (let h = 0; h < FAMILIES; h++) {
    const f = household(h);
    const base = { nhsNumber: null, familyName: f.surname, postcode: f.postcode, relations: [] };
    const mother = `MAT${String(h).padStart(7, "0")}`;
    feeds.maternity.push(
      { ...base, localId: mother, givenName: "Robin", dateOfBirth: dayBefore(9000 + h * 11), sex: "FEMALE" },
      {
        ...base,
        localId: `BAB${String(h).padStart(7, "0")}`,
        givenName: GIVEN[h % GIVEN.length],
        dateOfBirth: f.babyDob,
        sex: "FEMALE",
        relations: [{ localId: mother, relationship: "MOTHER" }],
      },
    );
    if (f.knownToCentre)
      feeds["childrens-centres"].push({
        ...base,
        localId: `M${String(h).padStart(7, "0")}`,
        givenName: GIVEN[h % GIVEN.length],
        dateOfBirth: f.babyDob,
        sex: "FEMALE",
        householdId: `HH${String(h).padStart(6, "0")}`,
        careUnit: careUnit("centre", "CC01"),
      });
  }
  return feeds;
}

describe("the outreach list over many families", () => {
  let index: IndexUnderTest;
  beforeAll(async () => {
    index = await startIndexUnderTest(manyFamilies());
  });
  afterAll(async () => {
    await index?.stop();
  });

  it("lists each locality's babies of the last 8 weeks whose family no centre knows, in one SQL query per list", async () => {
    const households = Array.from({ length: FAMILIES }, (_, h) => household(h));
    for (const locality of LOCALITY_IDS) {
      index.counting.reset();
      const result = await index.run(FRONT_DOOR, LIST, { locality });
      expect(result.errors).toBeUndefined();
      const expected = households
        .filter((f) => f.locality === locality && !f.knownToCentre && f.babyDob >= dayBefore(56))
        .sort((a, b) => a.babyDob.localeCompare(b.babyDob));
      expect(expected.length).toBeGreaterThan(3);
      expect(
        result.data!.newBirthsNotKnownToCentres.map(
          (e: { dateOfBirth: string; child: { familyName: string }; mother: { familyName: string } }) => [
            e.dateOfBirth,
            e.child.familyName,
            e.mother.familyName,
          ],
        ),
      ).toEqual(expected.map((f) => [f.babyDob, f.surname, f.surname]));
      expect(index.counting.count).toBe(1);
    }
  });

  it("reads the link lists of a whole list's children and mothers in one more query", async () => {
    index.counting.reset();
    const result = await index.run(
      FRONT_DOOR,
      `{ newBirthsNotKnownToCentres(locality: "netherby", since: "2024-06-01") {
          child { maternityRecordIds childrensCentresRecordIds legitimateRelationship }
          mother { maternityRecordIds }
      } }`,
    );
    expect(result.errors).toBeUndefined();
    const list = result.data!.newBirthsNotKnownToCentres;
    expect(list.length).toBeGreaterThan(5);
    for (const e of list) {
      expect(e.child.maternityRecordIds).toEqual([expect.stringMatching(/^BAB/)]);
      expect(e.child.childrensCentresRecordIds).toEqual([]);
      expect(e.mother.maternityRecordIds).toEqual([expect.stringMatching(/^MAT/)]);
    }
    expect(index.counting.count).toBe(2);
  });
});
