import { AGENCIES, callerFor, careUnit, type Agency, type IdentityRecord } from "@ffd/shared";
import { personIdFor } from "../../linkage/ids";
import { loadLocalityDirectory, SYNTHETIC_BOROUGH_REFERENCE } from "../../locality/locality-reference";
import { startIndexUnderTest, type IndexUnderTest } from "../../testing/harness";

/*
 * Localities over many families: 60 households known only to the children's centres, whose
 * members' postcodes exercise each part of the address rule (locality/family-address.ts), in
 * every locality of the synthetic borough's reference.
 */
const reference = loadLocalityDirectory(SYNTHETIC_BOROUGH_REFERENCE);
const LOCALITY_IDS = reference.localities().map((l) => l.id);
const HOUSEHOLDS = 60;

/** Each household's shape: which postcode each member holds, and the locality the rule gives. */
interface Household {
  carer: string | null;
  children: (string | null)[];
  expected: string | null;
}

const postcodeIn = (localityId: string, i: number) => {
  const sectors = reference.sectorsOf(localityId);
  return `${sectors[i % sectors.length]}${"ABDEFGHJ"[i % 8]}${"LNPQRSTU"[(i >> 3) % 8]}`;
};

function household(i: number): Household {
  const here = LOCALITY_IDS[Math.floor(i / 6) % 4];
  const there = LOCALITY_IDS[(Math.floor(i / 6) + 1) % 4];
  const a = postcodeIn(here, i);
  const b = postcodeIn(there, i);
  switch (i % 6) {
    case 0: // everyone at one address
      return { carer: a, children: [a, a], expected: here };
    case 1: // two children outvote their carer
      return { carer: a, children: [b, b], expected: there };
    case 2: // one against one: the carer comes before the child
      return { carer: a, children: [b], expected: here };
    case 3: // nobody has a postcode
      return { carer: null, children: [null], expected: null };
    case 4: // moved out of the borough: no centre reaches it
      return { carer: "B1 1AA", children: ["B1 1AA"], expected: null };
    default: // the carer's postcode is missing: the children's counts
      return { carer: null, children: [b, b], expected: there };
  }
}

const dayAfter = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const memberRef = (h: number, m: number) => `M${String(h * 10 + m).padStart(7, "0")}`;
const SURNAMES = ["Abbott", "Baxter", "Cohen", "Dlamini", "Evans", "Fraser", "Gill", "Horvath", "Ito", "Jovanovic"];

function centresRecords(): IdentityRecord[] {
  const records: IdentityRecord[] = [];
  for (let h = 0; h < HOUSEHOLDS; h++) {
    const spec = household(h);
    const familyName = `${SURNAMES[h % 10]}${SURNAMES[Math.floor(h / 10) % 10]}`;
    const member = (m: number, givenName: string, dateOfBirth: string, postcode: string | null): IdentityRecord => ({
      localId: memberRef(h, m),
      nhsNumber: null,
      givenName,
      familyName,
      dateOfBirth,
      sex: "UNKNOWN",
      postcode,
      relations: [],
      householdId: `HH${String(h).padStart(6, "0")}`,
      careUnit: careUnit("centre", "CC01"),
    });
    records.push(member(0, "Robin", dayAfter("1980-01-01", h * 41), spec.carer));
    spec.children.forEach((pc, c) =>
      records.push(member(c + 1, ["Ellis", "Noor"][c], dayAfter("2021-01-01", h * 13 + c * 400), pc)),
    );
  }
  return records;
}

let index: IndexUnderTest;
const run: IndexUnderTest["run"] = (...args) => index.run(...args);

beforeAll(async () => {
  const empty = Object.fromEntries(AGENCIES.map((a) => [a, []])) as unknown as Record<Agency, IdentityRecord[]>;
  index = await startIndexUnderTest({ ...empty, "childrens-centres": centresRecords() });
});
afterAll(async () => {
  await index?.stop();
});

const FRONT_DOOR = callerFor("front-door", "direct-care");

/** Each household's family id, read from the store (not through the resolver under test). */
async function familyIds(): Promise<string[]> {
  const buildId = index.server.indexer.current()!.buildId;
  const carers = await index.server.store.personsByIds(
    buildId,
    Array.from({ length: HOUSEHOLDS }, (_, h) => personIdFor(`childrens-centres:${memberRef(h, 0)}`)),
  );
  return carers.map((p, h) => {
    if (!p?.familyId) throw new Error(`household ${h} has no family`);
    return p.familyId;
  });
}

describe("Family.locality over many families", () => {
  it("follows the address rule for each of 60 families, in three SQL queries for all of them", async () => {
    const ids = await familyIds();
    expect(new Set(ids).size).toBe(HOUSEHOLDS);
    index.counting.reset();
    const result = await run(
      FRONT_DOOR,
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Family { id locality { id name } } } }`,
      { reps: ids.map((id) => ({ __typename: "Family", id })) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual(
      ids.map((id, h) => {
        const expected = household(h).expected;
        return { id, locality: expected ? reference.locality(expected) : null };
      }),
    );
    // Every outcome of the rule is among the 60, and every locality.
    const got = result.data!._entities.map((f: { locality: { id: string } | null }) => f.locality?.id ?? null);
    expect(new Set(got)).toEqual(new Set([...LOCALITY_IDS, null]));
    // The families, their members and the members' people: one query each, whatever the count.
    expect(index.counting.statements.filter((s) => /FROM fi_family /.test(s))).toHaveLength(1);
    expect(index.counting.statements.filter((s) => /FROM fi_family_member/.test(s))).toHaveLength(1);
    expect(index.counting.statements.filter((s) => /FROM fi_person/.test(s))).toHaveLength(1);
    expect(index.counting.count).toBe(3);
  });

  it("adds no query when the members are asked for too", async () => {
    const ids = (await familyIds()).slice(0, 20);
    index.counting.reset();
    const result = await run(
      FRONT_DOOR,
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Family { locality { id } members { relationship person { postcode } } } } }`,
      { reps: ids.map((id) => ({ __typename: "Family", id })) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities[1]).toEqual({
      locality: { id: household(1).expected },
      members: expect.arrayContaining([
        { relationship: "CARER", person: { postcode: household(1).carer } },
        { relationship: "CHILD", person: { postcode: household(1).children[0] } },
      ]),
    });
    expect(index.counting.count).toBe(3);
  });

  it("is refused, with the family, to a role the policy shows no family", async () => {
    const [id] = await familyIds();
    const result = await run(
      callerFor("registrar", "registration"),
      `query ($id: ID!) { family(id: $id) { id locality { id } } }`,
      { id },
    );
    expect(result.data).toEqual({ family: null });
    expect(result.errors!.map((e) => [e.path?.join("."), e.extensions?.code])).toEqual([["family", "FORBIDDEN"]]);
    const entity = await run(
      callerFor("registrar", "registration"),
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Family { locality { id } } } }`,
      { reps: [{ __typename: "Family", id }] },
    );
    expect(entity.data!._entities).toEqual([null]);
    expect(entity.errors!.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
  });
});

describe("Query.localities and Locality by key", () => {
  it("lists the localities to every caller, with no query", async () => {
    index.counting.reset();
    for (const caller of [FRONT_DOOR, callerFor("registrar", "registration"), callerFor("ig-auditor", "audit")]) {
      const result = await run(caller, `{ localities { id name } }`);
      expect(result.errors).toBeUndefined();
      expect(result.data!.localities).toEqual([
        { id: "brindleford-central", name: "Brindleford Central" },
        { id: "netherby", name: "Netherby" },
        { id: "saltwell", name: "Saltwell" },
        { id: "ashcombe", name: "Ashcombe" },
      ]);
    }
    expect(index.counting.count).toBe(0);
  });

  it("resolves Locality representations from the reference, null for an unknown id", async () => {
    const result = await run(
      callerFor("ig-auditor", "audit"),
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Locality { id name } } }`,
      {
        reps: [
          { __typename: "Locality", id: "saltwell" },
          { __typename: "Locality", id: "atlantis" },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: "saltwell", name: "Saltwell" }, null]);
  });
});
