import {
  callerFor,
  levelFor,
  purposesFor,
  ROLES,
  type Caller,
  type FieldGroup,
  type PurposeOfAccess,
  type Role,
} from "@ffd/shared";
import { buildSchema } from "./server";
import { startIndexUnderTest, type GraphQLResult, type IndexUnderTest } from "./testing/harness";
import { storyFeeds, ZARA_DOB, ZARA_NHS } from "./testing/story.fixture";

/*
 * The access policy on family-index's own fields, through the schema as served (the shared auth
 * checker, errors masked as a client sees them), over the story borough with its care units:
 *
 * - Person.legitimateRelationship for callers holding a matching centre, caseload or provider,
 *   through a record of the person or of anyone in their family, and for callers holding none;
 * - every family-index field for every role and purpose it may state, the expectation worked
 *   out from the policy's levels (so the table follows the policy), plus a few rows written out
 *   by hand so that a policy and an enforcement that were both wrong in the same way still fail.
 */

let index: IndexUnderTest;
const run: IndexUnderTest["run"] = (...args) => index.run(...args);

beforeAll(async () => {
  index = await startIndexUnderTest(storyFeeds());
});
afterAll(async () => {
  await index?.stop();
});

/** The person a record is, in the current index. */
function personOf(key: string): string {
  const id = index.server.indexer.current()!.personOf.get(key);
  if (!id) throw new Error(`no person for ${key}`);
  return id;
}

/** The people of the story, by the record that names them. */
const PEOPLE = {
  amira: "maternity:MAT0000001",
  zara: "maternity:BAB0000001",
  grace: "maternity:MAT0000003",
  ngozi: "maternity:MAT0000002",
  tobi: "maternity:BAB0000002",
  chidi: "health-visiting:201",
  sam: "childrens-centres:M0000003",
  ava: "childrens-centres:M0000004",
  leo: "childrens-centres:M0000005",
} as const;
type Name = keyof typeof PEOPLE;
const NAMES = Object.keys(PEOPLE) as Name[];

const RELATIONSHIP = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id legitimateRelationship } } }`;

/** legitimateRelationship of every person of the story for this caller, by name. */
async function relationships(caller: Caller | null): Promise<Record<Name, boolean>> {
  const reps = NAMES.map((n) => ({ __typename: "Person", id: personOf(PEOPLE[n]) }));
  const result = await run(caller, RELATIONSHIP, { reps });
  expect(result.errors).toBeUndefined();
  const entities = result.data!._entities as { id: string; legitimateRelationship: boolean }[];
  return Object.fromEntries(NAMES.map((n, i) => [n, entities[i].legitimateRelationship])) as Record<Name, boolean>;
}

/** Every person of the story false except those named. */
const only = (...names: Name[]): Record<Name, boolean> =>
  Object.fromEntries(NAMES.map((n) => [n, names.includes(n)])) as Record<Name, boolean>;

describe("Person.legitimateRelationship", () => {
  it.each<[string, Caller, Record<Name, boolean>]>([
    // The Hussain household is registered at CC01 (Zara's and Amira's centres records).
    [
      "a centre worker at CC01: the Hussains",
      callerFor("centre-worker", "early-help", { centre: "CC01" }),
      only("amira", "zara"),
    ],
    // The Reid household (Sam, Ava, Leo) is registered at CC02.
    [
      "a centre worker at CC02: the Reids",
      callerFor("centre-worker", "early-help", { centre: "CC02" }),
      only("sam", "ava", "leo"),
    ],
    // Caseload 2 holds Chidi's and Tobi's records; Ngozi has no health visiting record, but her family has.
    [
      "the health visitor of caseload 2: the Okafors, Ngozi through her family",
      callerFor("health-visitor", "direct-care", { caseload: "2" }),
      only("ngozi", "tobi", "chidi"),
    ],
    [
      "the health visitor of caseload 1: the Hussains",
      callerFor("health-visitor", "direct-care", { caseload: "1" }),
      only("amira", "zara"),
    ],
    // RNA holds the Hussains' and Grace Bell's maternity records (Grace has no family: her own record).
    [
      "a midwife of provider RNA: the Hussains and Grace",
      callerFor("midwife", "direct-care", { organisation: "RNA" }),
      only("amira", "zara", "grace"),
    ],
    // RL4 holds Ngozi's and Tobi's; Chidi has no maternity record, but his family has.
    [
      "a midwife of provider RL4: the Okafors, Chidi through his family",
      callerFor("midwife", "direct-care", { organisation: "RL4" }),
      only("ngozi", "tobi", "chidi"),
    ],
    [
      "a midwife holding a centre and a provider: both families",
      callerFor("midwife", "direct-care", { organisation: "RL4", centre: "CC02" }),
      only("ngozi", "tobi", "chidi", "sam", "ava", "leo"),
    ],
    ["a front-door worker holding no unit: nobody", callerFor("front-door", "safeguarding"), only()],
    // An organisation is a care unit for midwives only (a maternity provider's women are their caseload).
    [
      "a health visitor with an organisation and no caseload: nobody",
      callerFor("health-visitor", "direct-care", { organisation: "RNA" }),
      only(),
    ],
    [
      "a centre worker at a centre holding no one in the story: nobody",
      callerFor("centre-worker", "direct-care", { centre: "CC09" }),
      only(),
    ],
    [
      "a safeguarding lead who broke glass, holding no unit: nobody (break-glass is not a relationship)",
      callerFor("safeguarding-lead", "safeguarding", { breakGlass: true }),
      only(),
    ],
  ])("%s", async (_what, caller, expected) => {
    expect(await relationships(caller)).toEqual(expected);
  });

  it("is false for a request with no caller", async () => {
    expect(await relationships(null)).toEqual(only());
  });

  it("asks the link store nothing more than the people it answers for (one query for any number of them)", async () => {
    const reps = NAMES.map((n) => ({ __typename: "Person", id: personOf(PEOPLE[n]) }));
    const caller = callerFor("centre-worker", "early-help", { centre: "CC01" });
    index.counting.reset();
    await run(caller, `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id } } }`, {
      reps,
    });
    const withoutIt = index.counting.count;
    index.counting.reset();
    await run(caller, RELATIONSHIP, { reps });
    expect(index.counting.count).toBe(withoutIt);
    expect(index.counting.count).toBe(1);
  });

  it("is not in the graph clients can query (@inaccessible)", async () => {
    const { printSubgraphSdl } = await import("@ffd/shared");
    expect(printSubgraphSdl(await buildSchema())).toMatch(/legitimateRelationship: Boolean! @inaccessible/);
  });
});

/* ---------------------------------------------------------------------------------------- */

const FORBIDDEN = { code: "FORBIDDEN", agency: "family-index" };
const IDENTITY_FIELDS = ["nhsNumber", "givenName", "familyName", "dateOfBirth", "sex", "postcode"] as const;
const ZARA_IDENTITY = {
  nhsNumber: ZARA_NHS,
  givenName: "Zara",
  familyName: "Hussain",
  dateOfBirth: ZARA_DOB,
  sex: "FEMALE",
  postcode: "DY1 4QT",
};
/** Zara's records, by the agency names of the schema, and the policy's group for each. */
const ZARA_RECORDS: { agency: string; localId: string; group: FieldGroup }[] = [
  { agency: "MATERNITY", localId: "BAB0000001", group: "maternity" },
  { agency: "HEALTH_VISITING", localId: "102", group: "healthVisiting" },
  { agency: "CHILDRENS_CENTRES", localId: "M0000002", group: "childrensCentres" },
  { agency: "REGISTRATION", localId: "Dudley North:101:child", group: "birthRegistration" },
];

const PERSON = `query ($id: ID!, $family: ID!) {
  person(id: $id) {
    id nhsNumber givenName familyName dateOfBirth sex postcode
    family { id members { relationship person { id } } }
    records { agency localId }
  }
  family(id: $family) { id }
}`;
const SEARCH = `{ searchPeople(query: { familyName: "Hussain", dateOfBirth: "${ZARA_DOB}" }) { person { id } } }`;
const CANDIDATES = `{ linkCandidates { totalCount } }`;
const FAMILY_ENTITY = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Family { id locality { id } members { person { id } } } } }`;
const PERSON_ENTITY = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id nhsNumber givenName familyName dateOfBirth sex postcode } } }`;

const messageAt = (result: GraphQLResult, path: string) =>
  result.errors?.find((e) => e.path?.join(".") === path)?.message;
const errorPaths = (result: GraphQLResult) => (result.errors ?? []).map((e) => e.path?.join(".")).sort();
const everyForbidden = (result: GraphQLResult) =>
  (result.errors ?? []).every(
    (e) => e.extensions?.code === FORBIDDEN.code && e.extensions?.agency === FORBIDDEN.agency,
  );

const rows: [Role, PurposeOfAccess][] = ROLES.flatMap((role) =>
  purposesFor(role).map((p) => [role, p] as [Role, PurposeOfAccess]),
);

describe.each(rows)("%s stating %s", (role, purpose) => {
  const caller = callerFor(role, purpose);
  const full = (group: FieldGroup) => levelFor(role, purpose, group) === "FULL";
  let zara: string;
  let zarasFamily: string;

  beforeAll(async () => {
    zara = personOf(PEOPLE.zara);
    const [p] = await index.server.store.personsByIds(index.server.indexer.current()!.buildId, [zara]);
    zarasFamily = p!.familyId!;
  });

  it("person(id): the id always; identity, family and records as the policy says, each refused field null with FORBIDDEN", async () => {
    const result = await run(caller, PERSON, { id: zara, family: zarasFamily });
    const person = result.data!.person;
    expect(person.id).toBe(zara);
    const refused: string[] = [];
    for (const field of IDENTITY_FIELDS) {
      if (full("identity")) expect(person[field]).toBe(ZARA_IDENTITY[field]);
      else {
        expect(person[field]).toBeNull();
        refused.push(`person.${field}`);
      }
    }
    if (full("family")) {
      expect(person.family.id).toBe(zarasFamily);
      expect(person.family.members.map((m: { person: { id: string } }) => m.person.id)).toContain(zara);
      expect(result.data!.family).toEqual({ id: zarasFamily });
    } else {
      expect(person.family).toBeNull();
      expect(result.data!.family).toBeNull();
      refused.push("person.family", "family");
    }
    // Records: every one for linkage review; otherwise those of agencies the role sees anything of.
    const listed = ZARA_RECORDS.filter((r) => full("linkageReview") || levelFor(role, purpose, r.group) !== "NONE");
    expect(person.records).toEqual(listed.map(({ agency, localId }) => ({ agency, localId })));
    expect(errorPaths(result)).toEqual(refused.sort());
    expect(everyForbidden(result)).toBe(true);
  });

  it("_entities: a Person's identity and a Family are enforced as through the queries", async () => {
    const person = await run(caller, PERSON_ENTITY, { reps: [{ __typename: "Person", id: zara }] });
    expect(person.data!._entities[0].id).toBe(zara);
    expect(person.data!._entities[0].nhsNumber).toBe(full("identity") ? ZARA_NHS : null);
    expect(errorPaths(person)).toEqual(full("identity") ? [] : IDENTITY_FIELDS.map((f) => `_entities.0.${f}`).sort());
    expect(everyForbidden(person)).toBe(true);

    const family = await run(caller, FAMILY_ENTITY, { reps: [{ __typename: "Family", id: zarasFamily }] });
    if (full("family")) {
      expect(family.errors).toBeUndefined();
      expect(family.data!._entities[0].members.length).toBeGreaterThan(1);
      expect(family.data!._entities[0].locality).toEqual({ id: "brindleford-central" });
    } else {
      // Refused whole, as family(id) is: not even whether the family exists.
      expect(family.data!._entities).toEqual([null]);
      expect(errorPaths(family)).toEqual(["_entities.0"]);
      expect(everyForbidden(family)).toBe(true);
    }
  });

  it("searchPeople: answered with identity details, refused whole without", async () => {
    const result = await run(caller, SEARCH);
    if (full("identity")) {
      expect(result.errors).toBeUndefined();
      expect(result.data!.searchPeople.map((m: { person: { id: string } }) => m.person.id)).toContain(zara);
    } else {
      expect(result.data).toBeNull();
      expect(errorPaths(result)).toEqual(["searchPeople"]);
      expect(everyForbidden(result)).toBe(true);
    }
  });

  it("localities: reference data, answered whatever the role and purpose", async () => {
    const result = await run(caller, `{ localities { id } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.localities.map((l: { id: string }) => l.id)).toEqual([
      "brindleford-central",
      "netherby",
      "saltwell",
      "ashcombe",
    ]);
  });

  it("linkCandidates: only with record linkage review", async () => {
    const result = await run(caller, CANDIDATES);
    if (full("linkageReview")) {
      expect(result.errors).toBeUndefined();
      expect(typeof result.data!.linkCandidates.totalCount).toBe("number");
    } else {
      expect(result.data).toBeNull();
      expect(errorPaths(result)).toEqual(["linkCandidates"]);
      expect(everyForbidden(result)).toBe(true);
      expect(result.errors![0].message).toBe(`The ${role} role is not shown record linkage review for ${purpose}.`);
    }
  });
});

describe("the policy's table, written out for a few roles (so that a wrong policy and a wrong check do not agree)", () => {
  const read = async (caller: Caller) => {
    const zara = personOf(PEOPLE.zara);
    const [p] = await index.server.store.personsByIds(index.server.indexer.current()!.buildId, [zara]);
    return run(caller, PERSON, { id: zara, family: p!.familyId! });
  };

  it("a registrar sees who Zara is and her birth registration record, not her family nor that health agencies know her", async () => {
    const result = await read(callerFor("registrar", "registration"));
    expect(result.data!.person).toMatchObject({ ...ZARA_IDENTITY, family: null });
    expect(result.data!.person.records).toEqual([{ agency: "REGISTRATION", localId: "Dudley North:101:child" }]);
    expect(errorPaths(result)).toEqual(["family", "person.family"]);
  });

  it("an IG auditor gets Zara's id and nothing else", async () => {
    const result = await read(callerFor("ig-auditor", "audit"));
    expect(result.data!.person).toEqual({
      id: personOf(PEOPLE.zara),
      nhsNumber: null,
      givenName: null,
      familyName: null,
      dateOfBirth: null,
      sex: null,
      postcode: null,
      family: null,
      records: [],
    });
    expect(result.errors).toHaveLength(8);
    expect(messageAt(result, "person.nhsNumber")).toBe("The ig-auditor role is not shown identity details for audit.");
    expect(messageAt(result, "family")).toBe("The ig-auditor role is not shown family details for audit.");
  });

  it("a data steward sees identities and every record, with no family", async () => {
    const result = await read(callerFor("data-steward", "direct-care"));
    expect(result.data!.person.records).toHaveLength(4);
    expect(result.data!.person.givenName).toBe("Zara");
    expect(result.data!.person.family).toBeNull();
  });

  it("a front-door worker sees identity, family and every agency's record entry (all summary)", async () => {
    const result = await read(callerFor("front-door", "direct-care"));
    expect(result.errors).toBeUndefined();
    expect(result.data!.person.records).toHaveLength(4);
  });

  it("a caller with no purpose (never one the gateway signed) gets the id only", async () => {
    const result = await read(callerFor("front-door", null));
    expect(result.data!.person).toMatchObject({ nhsNumber: null, family: null, records: [] });
    expect(messageAt(result, "person.givenName")).toBe(
      "No purpose of access was stated, so identity details is not shown.",
    );
  });
});
