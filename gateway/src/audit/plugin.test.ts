import { buildSubgraphSchema } from "@apollo/subgraph";
import {
  buildASTSchema,
  execute,
  getNamedType,
  GraphQLError,
  isObjectType,
  Kind,
  parse,
  type GraphQLObjectType,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
} from "graphql";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import {
  connectPostgres,
  createLogger,
  openPglite,
  PURPOSE_OF_ACCESS_HEADER,
  REQUEST_ID_HEADER,
  SERVICES,
  type Db,
  type RunningService,
  type ServiceName,
  AGENCY_SERVICES,
  SUBGRAPH_SERVICES,
  urlSetting,
} from "@ffd/shared";
import { describeEachDatabase, dropDatabase, freshDatabase, RUN_ID } from "../../../tests/support/postgres";
import { secretEnv } from "../../../tests/support/secrets";
import { signDevToken } from "../auth";
import { parseGatewayConfig, type GatewayConfig } from "../config";
import { readSupergraph, startGateway } from "../server";
import { IDENTITY_LOOKALIKES, PERSON_CARRIERS, PERSON_DISCLOSURES, PERSON_FIELD_CATEGORIES } from "./event";
import { AUDIT_UNAVAILABLE_MESSAGE } from "./plugin";
import { createAuditStore, type AuditStore } from "./store";

/*
 * The gateway in-process over the committed supergraph, in front of five fake subgraphs that
 * execute each subgraph's committed schema over a tiny hand-written borough: Amira (p1) and her
 * daughter Zara (p2). An agency fake can be switched to refuse (FORBIDDEN) or to drop the
 * connection (the gateway reports it AGENCY_UNAVAILABLE).
 */

const root = path.join(__dirname, "..", "..", "..");
const sdl = (service: ServiceName) => readFileSync(path.join(root, "subgraphs", service, "schema.graphql"), "utf8");

interface FakePerson {
  id: string;
  givenName: string;
  familyName: string;
  maternityRecordIds: string[];
  healthVisitingRecordIds: string[];
  childrensCentresRecordIds: string[];
  registrationRecordIds: string[];
  childrensSocialCareRecordIds: string[];
}
const PEOPLE: Record<string, FakePerson> = {
  p1: {
    id: "p1",
    givenName: "Amira",
    familyName: "Hussain",
    maternityRecordIds: ["MAT1"],
    healthVisitingRecordIds: ["1"],
    childrensCentresRecordIds: [],
    registrationRecordIds: ["D1:1:mother"],
    childrensSocialCareRecordIds: [],
  },
  p2: {
    id: "p2",
    givenName: "Zara",
    familyName: "Hussain",
    maternityRecordIds: ["BAB1"],
    healthVisitingRecordIds: ["2"],
    childrensCentresRecordIds: ["M1"],
    registrationRecordIds: ["D1:1:child"],
    childrensSocialCareRecordIds: [],
  },
};
const FAMILY = {
  id: "f1",
  members: [
    { relationship: "MOTHER", person: PEOPLE.p1 },
    { relationship: "CHILD", person: PEOPLE.p2 },
  ],
};

/** A locality's safeguarding list: the family, Zara's plan started (social care), Amira's booking (maternity). */
const SAFEGUARDING_LIST = [
  {
    family: FAMILY,
    reasons: [
      {
        person: PEOPLE.p1,
        agency: "MATERNITY",
        kind: "COMPLEX_SOCIAL_FACTORS_AT_BOOKING",
        what: "Complex social factors identified at pregnancy booking",
        on: "2025-05-20",
      },
      {
        person: PEOPLE.p2,
        agency: "CHILDRENS_SOCIAL_CARE",
        kind: "SOCIAL_CARE_FLAG_STARTED",
        what: "Child protection plan started",
        on: "2025-05-22",
      },
    ],
  },
];

/**
 * Two linkage candidate pairs: Amira's maternity and health visiting records (one person, two
 * records), and Zara's children's centre record against a registration record of a third person
 * (p3) that holds no demographics at all.
 */
const record = (agency: string, localId: string, person: object, demographics: Record<string, string | null>) => ({
  agency,
  localId,
  nhsNumber: null,
  givenName: null,
  familyName: null,
  dateOfBirth: null,
  sex: null,
  postcode: null,
  ...demographics,
  person,
});
const LINK_CANDIDATES = {
  nodes: [
    {
      id: "c1",
      probability: 0.71,
      recordA: record("MATERNITY", "MAT1", PEOPLE.p1, {
        givenName: "Amira",
        familyName: "Hussain",
        postcode: "E1 6AN",
      }),
      recordB: record("HEALTH_VISITING", "1", PEOPLE.p1, { givenName: "Amirah", familyName: "Hussain" }),
      comparisons: [],
    },
    {
      id: "c2",
      probability: 0.55,
      recordA: record("CHILDRENS_CENTRES", "M1", PEOPLE.p2, { givenName: "Zara", sex: "FEMALE" }),
      recordB: record("REGISTRATION", "D9:1:child", { id: "p3", givenName: null, familyName: null }, {}),
      comparisons: [],
    },
  ],
  totalCount: 2,
  pageInfo: { hasNextPage: false, endCursor: null },
};

/**
 * The agency records the fake family index knows as each person (its index): the people on
 * Amira's birth registration entries and Zara's birth in maternity. `D1:2:child` is a child the
 * index does not hold yet.
 */
const PERSON_OF_RECORD: Record<string, string> = {
  "registration:D1:1:child": "p2",
  "registration:D1:1:mother": "p1",
  "registration:D1:2:mother": "p1",
  "maternity:BAB1": "p2",
};
const entry = (entryNumber: number, child: Record<string, unknown>) => ({
  id: `D1:${entryNumber}`,
  district: "D1",
  entryNumber,
  registeredOn: "2025-02-01",
  child: { localId: `D1:${entryNumber}:child`, sex: "FEMALE", nhsNumber: null, ...child },
  mother: { localId: `D1:${entryNumber}:mother`, kind: "MOTHER", forenames: "Amira", surname: "Hussain" },
  secondParent: null,
  daysFromBirthToRegistration: 20,
  registeredWithinLegalPeriod: true,
});
/** What the fake agencies hold of a person's record besides its local ids (registration: Amira's children). */
const RECORD_DETAIL: Partial<Record<ServiceName, Record<string, object>>> = {
  registration: {
    p1: {
      asChild: null,
      asParent: [
        entry(1, { forenames: "Zara", surname: "Hussain", dateOfBirth: "2025-01-12", nhsNumber: "9434765919" }),
        entry(2, { forenames: "Noor", surname: "Hussain", dateOfBirth: "2026-10-02" }),
      ],
    },
  },
  maternity: {
    p1: {
      provider: "RXK",
      birth: null,
      pregnancies: [
        {
          id: "PRG1",
          agreedDueDate: "2025-01-10",
          babies: [{ localId: "BAB1", bornAt: "2025-01-12T03:04:00.000Z", sex: "FEMALE" }],
        },
      ],
    },
  },
};

type Mode = "ok" | "deny" | "down";
const modes: Partial<Record<ServiceName, Mode>> = {};

/** Each agency's Person field and link list, from the service registry. */
const AGENCY_FIELD = Object.fromEntries(
  AGENCY_SERVICES.map((a) => [a.name, [a.personField, a.linkListField as keyof FakePerson]]),
) as Record<Exclude<ServiceName, "family-index">, [string, keyof FakePerson]>;

function fakeSchema(service: ServiceName): GraphQLSchema {
  if (service === "family-index") {
    return buildSubgraphSchema({
      typeDefs: parse(sdl(service)),
      resolvers: {
        Query: {
          person: (_: unknown, { id }: { id: string }) => PEOPLE[id] ?? null,
          searchPeople: () => Object.values(PEOPLE).map((person) => ({ person, score: 1, matchedOn: ["familyName"] })),
          family: () => FAMILY,
          linkCandidates: () => LINK_CANDIDATES,
          safeguardingMeetingList: () => SAFEGUARDING_LIST,
        },
        Person: {
          __resolveReference: (ref: { id: string }) => PEOPLE[ref.id] ?? null,
          family: () => FAMILY,
          records: () => [],
          // Which agencies' detail a caller sees is the agency subgraphs' business, not the audit's.
          legitimateRelationship: () => false,
          nhsNumber: () => null,
          dateOfBirth: () => null,
          sex: () => null,
        },
        // Which person an agency record is, from the fake index; a record it does not hold is an error.
        ...Object.fromEntries(
          [
            ["RegisteredChild", "registration"],
            ["RegisteredParent", "registration"],
            ["BirthDetails", "maternity"],
          ].map(([type, agency]) => [
            type,
            {
              __resolveReference: (ref: { localId: string }) => ref,
              person: (ref: { localId: string }) => {
                const personId = PERSON_OF_RECORD[`${agency}:${ref.localId}`];
                if (!personId) {
                  throw new GraphQLError("This record has not reached the family index yet.", {
                    extensions: { code: "INDEX_NOT_READY" },
                  });
                }
                return PEOPLE[personId];
              },
            },
          ]),
        ),
      } as never,
    });
  }
  const [field, idsKey] = AGENCY_FIELD[service];
  return buildSubgraphSchema({
    typeDefs: parse(sdl(service)),
    resolvers: {
      Person: {
        __resolveReference: (ref: Record<string, unknown>) => ref,
        [field]: (person: Record<string, string[]>) => {
          if (modes[service] === "deny") {
            throw new GraphQLError(`Your role may not see ${service} data.`, {
              extensions: { code: "FORBIDDEN", agency: service },
            });
          }
          const ids = person[idsKey] ?? [];
          return ids.length ? { localIds: ids, ...RECORD_DETAIL[service]?.[String(person.id)] } : null;
        },
      },
    } as never,
  });
}

async function startFake(service: ServiceName): Promise<http.Server> {
  const schema = fakeSchema(service);
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", async () => {
      if (modes[service] === "down") {
        res.destroy();
        return;
      }
      const body = JSON.parse(raw);
      const result = await execute({ schema, document: parse(body.query), variableValues: body.variables });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(result));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return server;
}

/** Each subgraph's URL setting, from the service registry. */
const ENV_NAME = Object.fromEntries(SUBGRAPH_SERVICES.map((s) => [s.name, urlSetting(s)])) as Record<
  ServiceName,
  string
>;

const fakes: http.Server[] = [];
const configFor = (extra: Record<string, string> = {}): GatewayConfig =>
  parseGatewayConfig({
    NODE_ENV: "test",
    ...secretEnv(),
    SUBGRAPH_TIMEOUT_MS: "2000",
    ...Object.fromEntries(
      SERVICES.map((s, i) => [ENV_NAME[s], `http://127.0.0.1:${(fakes[i].address() as AddressInfo).port}`]),
    ),
    ...extra,
  });
const logger = createLogger("gateway", "silent");

beforeAll(async () => {
  for (const service of SERVICES) fakes.push(await startFake(service));
});
afterAll(async () => {
  await Promise.all(fakes.map((f) => new Promise((r) => f.close(r))));
});
afterEach(() => {
  for (const s of SERVICES) delete modes[s];
});

async function post(
  gateway: RunningService,
  query: string,
  {
    role = "midwife",
    purpose = "direct-care",
    requestId,
  }: { role?: string; purpose?: string; requestId?: string } = {},
): Promise<{ status: number; body: any; requestId: string }> {
  const token = await signDevToken(configFor().DEV_JWT_SECRET, {
    role: role as never,
    organisation: "RXK",
    centre: "CC01",
    subject: `${role}-7`,
  });
  const res = await fetch(gateway.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${token}`,
      [PURPOSE_OF_ACCESS_HEADER]: purpose,
      ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
    },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: await res.json(), requestId: res.headers.get(REQUEST_ID_HEADER)! };
}

const pgName = `ffd_audit_${RUN_ID}_plugin`;
const variants = [
  { name: "PGlite", open: async (): Promise<Db> => openPglite(), done: async () => undefined },
  {
    name: "PostgreSQL",
    postgres: true,
    open: async (): Promise<Db> => connectPostgres(await freshDatabase(pgName)),
    done: () => dropDatabase(pgName),
  },
];

describeEachDatabase(variants)("audit at the gateway, on $name", (variant) => {
  let db: Db;
  let store: AuditStore;
  let gateway: RunningService;
  const events = async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event"))[0]?.n ?? 0;
  const latest = async (personId: string) => (await store.trailForPerson(personId, { limit: 1 }))[0];

  beforeAll(async () => {
    db = await variant.open();
    store = createAuditStore(db);
    await store.ready();
    gateway = await startGateway({ config: configFor(), logger, auditStore: store }, 0);
  });
  afterAll(async () => {
    await gateway.stop();
    await db.close();
    await variant.done();
  });

  it("records one event per person read, with what came back, who read it and why; a person seen twice is one event", async () => {
    const before = await events();
    const { status, body, requestId } = await post(
      gateway,
      `query FamilyView { person(id: "p1") { id givenName maternity { localIds }
          family { members { relationship person { givenName familyName healthVisiting { localIds } } } } } }`,
      { role: "health-visitor", purpose: "safeguarding" },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.person.family.members[1].person).toEqual({
      givenName: "Zara",
      familyName: "Hussain",
      healthVisiting: { localIds: ["2"] },
    });
    expect(await events()).toBe(before + 2);
    const amira = await latest("p1");
    expect(amira).toMatchObject({
      personId: "p1",
      agencies: ["maternity", "health-visiting"],
      categories: ["identity", "family", "maternity", "health-visiting"],
      denied: [],
      unavailable: [],
      actor: "health-visitor-7",
      role: "health-visitor",
      organisation: "RXK",
      centre: "CC01",
      purpose: "safeguarding",
      breakGlassReason: null,
      outcome: "returned",
      requestId,
      operationName: "FamilyView",
    });
    const zara = await latest("p2");
    expect(zara).toMatchObject({
      personId: "p2",
      agencies: ["health-visiting"],
      // Shown as a member of Amira's family (her relationship in it): her membership was read too.
      categories: ["identity", "family", "health-visiting"],
      outcome: "returned",
      requestId,
    });
    expect(Date.now() - Date.parse(zara.occurredAt)).toBeLessThan(60_000);
    await expect(store.verify()).resolves.toMatchObject({ ok: true });
  });

  it("names a person whose id was not asked for (the gateway adds it, and takes it out of the answer)", async () => {
    const { body, requestId } = await post(
      gateway,
      `{ person(id: "p2") { givenName ...Reg } } fragment Reg on Person { birthRegistration { localIds } }`,
    );
    expect(body).toEqual({ data: { person: { givenName: "Zara", birthRegistration: { localIds: ["D1:1:child"] } } } });
    expect(await latest("p2")).toMatchObject({
      requestId,
      agencies: ["registration"],
      categories: ["identity", "registration"],
    });
  });

  it("records a read whose selection depends on a variable's default value (variables coerced, not raw)", async () => {
    const before = await events();
    const { status, body, requestId } = await post(
      gateway,
      `query Inc($inc: Boolean = true) { person(id: "p1") @include(if: $inc) { givenName } }`,
    );
    expect(status).toBe(200);
    expect(body).toEqual({ data: { person: { givenName: "Amira" } } });
    expect(await events()).toBe(before + 1);
    expect(await latest("p1")).toMatchObject({ requestId, categories: ["identity"], operationName: "Inc" });
  });

  it("refuses a query that puts another field under the key id on a person", async () => {
    const before = await events();
    const { status, body } = await post(gateway, `{ person(id: "p1") { id: givenName } }`);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(body)).not.toContain("Amira");
    expect(await events()).toBe(before);
  });

  it("records a data steward's read of candidate records' demographics as a read of each person's identity", async () => {
    const steward = { role: "data-steward", purpose: "direct-care" };
    const before = await events();
    const { status, body, requestId } = await post(
      gateway,
      `query Review { linkCandidates { nodes { probability recordA { ...Side } recordB { ...Side } } } }
       fragment Side on CandidateRecord { localId givenName familyName postcode sex }`,
      steward,
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.linkCandidates.nodes[0].recordA).toEqual({
      localId: "MAT1",
      givenName: "Amira",
      familyName: "Hussain",
      postcode: "E1 6AN",
      sex: null,
    });
    // What the gateway added to name the person and the agency is not in the answer.
    expect(JSON.stringify(body)).not.toMatch(/auditPerson_|auditAgency_|"p1"|"p2"|"p3"|MATERNITY/);
    // Four records, three people: three events; p3's record showed no demographics, only its id.
    expect(await events()).toBe(before + 3);
    expect(await latest("p1")).toMatchObject({
      requestId,
      role: "data-steward",
      operationName: "Review",
      agencies: ["maternity", "health-visiting"],
      categories: ["identity", "record-links"],
      denied: [],
      outcome: "returned",
    });
    expect(await latest("p2")).toMatchObject({
      requestId,
      agencies: ["childrens-centres"],
      categories: ["identity", "record-links"],
    });
    expect(await latest("p3")).toMatchObject({ requestId, agencies: ["registration"], categories: ["record-links"] });

    // The record's person selected as well: the same person, one event, both reads merged.
    const both = await post(
      gateway,
      `{ linkCandidates { nodes { recordA { givenName person { id family { id } } } } } }`,
      steward,
    );
    expect(both.body.data.linkCandidates.nodes[1].recordA).toEqual({
      givenName: "Zara",
      person: { id: "p2", family: { id: "f1" } },
    });
    expect(await latest("p2")).toMatchObject({
      requestId: both.requestId,
      agencies: ["childrens-centres"],
      categories: ["identity", "family"],
    });

    // Records shown without any demographic still disclose that their person has a record there.
    const bare = await events();
    const ids = await post(gateway, `{ linkCandidates { nodes { recordA { agency localId } } } }`, steward);
    expect(ids.body.data.linkCandidates.nodes.map((n: any) => n.recordA)).toEqual([
      { agency: "MATERNITY", localId: "MAT1" },
      { agency: "CHILDRENS_CENTRES", localId: "M1" },
    ]);
    expect(await events()).toBe(bare + 2);
    expect(await latest("p1")).toMatchObject({
      requestId: ids.requestId,
      agencies: ["maternity"],
      categories: ["record-links"],
    });
  });

  it("records a search that shows only how well people matched as a read of each match's identity", async () => {
    const before = await events();
    const { status, body, requestId } = await post(
      gateway,
      `query Probe { searchPeople(query: { nhsNumber: "9434765919" }) { score matchedOn } }`,
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        searchPeople: [
          { score: 1, matchedOn: ["familyName"] },
          { score: 1, matchedOn: ["familyName"] },
        ],
      },
    });
    expect(await events()).toBe(before + 2);
    for (const personId of ["p1", "p2"]) {
      expect(await latest(personId)).toMatchObject({
        personId,
        requestId,
        operationName: "Probe",
        agencies: [],
        categories: ["identity"],
        outcome: "returned",
      });
    }
    // Even a bare count of matches confirms who exists.
    const count = await post(gateway, `{ searchPeople(query: { familyName: "Hussain" }) { __typename } }`);
    expect(count.body.data.searchPeople).toHaveLength(2);
    expect(await events()).toBe(before + 4);
    expect(await latest("p2")).toMatchObject({ requestId: count.requestId, categories: ["identity"] });
  });

  it("records family members shown only by their relationship as a read of each one's family membership", async () => {
    const before = await events();
    const { status, body, requestId } = await post(gateway, `{ family(id: "f1") { members { relationship } } }`, {
      role: "health-visitor",
      purpose: "safeguarding",
    });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { family: { members: [{ relationship: "MOTHER" }, { relationship: "CHILD" }] } } });
    expect(await events()).toBe(before + 2);
    for (const personId of ["p1", "p2"]) {
      expect(await latest(personId)).toMatchObject({ personId, requestId, agencies: [], categories: ["family"] });
    }
    // A member and their person selected: one event per person, both reads merged.
    const both = await post(gateway, `{ family(id: "f1") { members { relationship person { givenName } } } }`, {
      role: "health-visitor",
      purpose: "safeguarding",
    });
    expect(JSON.stringify(both.body)).not.toMatch(/auditPerson_|"p1"|"p2"/);
    expect(await events()).toBe(before + 4);
    expect(await latest("p1")).toMatchObject({ requestId: both.requestId, categories: ["identity", "family"] });
  });

  it("records a mother's registration showing her child as a read of the child's identity too", async () => {
    const before = await events();
    const { status, body, requestId } = await post(
      gateway,
      `query Children { person(id: "p1") { birthRegistration { asParent { child { forenames surname dateOfBirth nhsNumber } } } } }`,
      { role: "registrar", purpose: "registration" },
    );
    expect(status).toBe(200);
    // Noor's entry is not in the family index yet: her details are withheld, not shown unaudited.
    expect(body.data).toEqual({
      person: {
        birthRegistration: {
          asParent: [
            { child: { forenames: "Zara", surname: "Hussain", dateOfBirth: "2025-01-12", nhsNumber: "9434765919" } },
            { child: null },
          ],
        },
      },
    });
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe("INDEX_NOT_READY");
    expect(body.errors[0].path.slice(0, 5)).toEqual(["person", "birthRegistration", "asParent", 1, "child"]);
    expect(JSON.stringify(body)).not.toMatch(/Noor|"p2"/);
    expect(await events()).toBe(before + 2);
    expect(await latest("p1")).toMatchObject({ requestId, agencies: ["registration"], categories: ["registration"] });
    expect(await latest("p2")).toMatchObject({
      requestId,
      operationName: "Children",
      agencies: ["registration"],
      categories: ["identity"],
      outcome: "returned",
    });
  });

  it("records a mother's pregnancy showing her baby's birth as a read of the baby", async () => {
    const before = await events();
    const { body, requestId } = await post(
      gateway,
      `{ person(id: "p1") { maternity { pregnancies { babies { bornAt } } } } }`,
    );
    expect(body).toEqual({
      data: { person: { maternity: { pregnancies: [{ babies: [{ bornAt: "2025-01-12T03:04:00.000Z" }] }] } } },
    });
    expect(await events()).toBe(before + 2);
    expect(await latest("p2")).toMatchObject({ requestId, agencies: ["maternity"], categories: ["identity"] });
  });

  it("records a safeguarding list showing only its families' ids as a read of each person a reason names, with that reason's agency", async () => {
    const before = await events();
    const { status, body, requestId } = await post(
      gateway,
      `query Meeting { safeguardingMeetingList(locality: "brindleford-central") { family { id } } }`,
      { role: "safeguarding-lead", purpose: "safeguarding" },
    );
    expect(status).toBe(200);
    expect(body).toEqual({ data: { safeguardingMeetingList: [{ family: { id: "f1" } }] } });
    expect(await events()).toBe(before + 2);
    expect(await latest("p1")).toMatchObject({
      personId: "p1",
      requestId,
      operationName: "Meeting",
      role: "safeguarding-lead",
      purpose: "safeguarding",
      agencies: ["maternity"],
      categories: ["family", "maternity"],
      outcome: "returned",
    });
    expect(await latest("p2")).toMatchObject({
      requestId,
      agencies: ["childrens-social-care"],
      categories: ["family", "childrens-social-care"],
    });
    // The reasons selected too: the same two reads, the person's fields shown added, nothing of the audit's left.
    const shown = await post(
      gateway,
      `{ safeguardingMeetingList(locality: "brindleford-central") { reasons { what person { givenName } } } }`,
      { role: "safeguarding-lead", purpose: "safeguarding" },
    );
    expect(JSON.stringify(shown.body)).not.toMatch(/auditList_|auditPerson_|auditAgency_|"p1"|"p2"/);
    expect(shown.body.data.safeguardingMeetingList[0].reasons.map((r: { what: string }) => r.what)).toEqual([
      "Complex social factors identified at pregnancy booking",
      "Child protection plan started",
    ]);
    expect(await events()).toBe(before + 4);
    expect(await latest("p2")).toMatchObject({
      requestId: shown.requestId,
      categories: ["identity", "family", "childrens-social-care"],
    });
  });

  it.each([
    `{ safeguardingMeetingList(locality: "x") { auditList_: reasons { what } } }`,
    `{ linkCandidates { nodes { recordA { auditPerson_: givenName } } } }`,
    `{ linkCandidates { nodes { recordB { auditPerson_: person { id } } } } }`,
    `{ linkCandidates { nodes { recordA { ...R } } } } fragment R on CandidateRecord { auditAgency_: agency }`,
    `{ searchPeople(query: { familyName: "Hussain" }) { auditPerson_: score } }`,
    `{ family(id: "f1") { members { auditPerson_: relationship } } }`,
    `{ family(id: "f1") { members { ...M } } } fragment M on FamilyMember { auditPerson_: person { id } }`,
  ])("refuses a query that uses a response key reserved for the audit: %s", async (query) => {
    const before = await events();
    const { status, body } = await post(gateway, query, { role: "data-steward", purpose: "direct-care" });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0].message).toMatch(/reserved for the audit trail/);
    expect(JSON.stringify(body)).not.toMatch(/Amira|Zara/);
    expect(await events()).toBe(before);
  });

  it("records a read with an agency unavailable as such, and one with an agency refused as partially denied", async () => {
    modes["health-visiting"] = "down";
    const down = await post(
      gateway,
      `{ person(id: "p1") { givenName maternity { localIds } healthVisiting { localIds } } }`,
    );
    expect(down.body.data.person).toEqual({
      givenName: "Amira",
      maternity: { localIds: ["MAT1"] },
      healthVisiting: null,
    });
    expect(down.body.errors.map((e: any) => e.extensions.code)).toEqual(["AGENCY_UNAVAILABLE"]);
    expect(await latest("p1")).toMatchObject({
      requestId: down.requestId,
      agencies: ["maternity"],
      categories: ["identity", "maternity"],
      unavailable: ["health-visiting"],
      denied: [],
      outcome: "unavailable",
    });

    modes["health-visiting"] = "ok";
    modes.maternity = "deny";
    const denied = await post(
      gateway,
      `{ person(id: "p1") { givenName m: maternity { localIds } healthVisiting { localIds } } }`,
      {
        role: "registrar",
        purpose: "registration",
      },
    );
    expect(denied.body.data.person).toEqual({ givenName: "Amira", m: null, healthVisiting: { localIds: ["1"] } });
    expect(denied.body.errors.map((e: any) => [e.extensions.code, e.path])).toEqual([["FORBIDDEN", ["person", "m"]]]);
    expect(await latest("p1")).toMatchObject({
      requestId: denied.requestId,
      role: "registrar",
      purpose: "registration",
      agencies: ["health-visiting"],
      denied: ["maternity"],
      unavailable: [],
      outcome: "partially-denied",
    });

    const only = await post(gateway, `{ person(id: "p1") { maternity { localIds } } }`);
    expect(only.body.data.person).toEqual({ maternity: null });
    expect(await latest("p1")).toMatchObject({
      requestId: only.requestId,
      agencies: [],
      categories: [],
      denied: ["maternity"],
      outcome: "denied",
    });
  });

  it("under 300 parallel reads writes exactly one event per person read, and the chain verifies", async () => {
    const before = await events();
    const queries = Array.from({ length: 300 }, (_, i) =>
      i % 2 === 0
        ? `{ person(id: "p1") { givenName maternity { localIds } } }`
        : `{ searchPeople(query: { familyName: "Hussain" }) { person { id familyName } } }`,
    );
    const results = await Promise.all(queries.map((q) => post(gateway, q)));
    expect(results.every((r) => r.status === 200 && !r.body.errors)).toBe(true);
    const personReads = results.reduce((n, r) => n + (r.body.data.person ? 1 : r.body.data.searchPeople.length), 0);
    expect(personReads).toBe(150 + 150 * 2);
    expect(await events()).toBe(before + personReads);
    const verified = await store.verify();
    expect(verified).toEqual({ ok: true, count: before + personReads });
    const ids = new Set(results.map((r) => r.requestId));
    expect(ids.size).toBe(300);
  });
});

describe("audit store unavailable: the gateway fails closed", () => {
  const expectNothingShown = (r: { status: number; body: any }) => {
    expect(r.status).toBe(503);
    expect(r.body).toEqual({
      data: null,
      errors: [{ message: AUDIT_UNAVAILABLE_MESSAGE, extensions: { code: "AUDIT_UNAVAILABLE" } }],
    });
    expect(JSON.stringify(r.body)).not.toMatch(/Amira|Zara|MAT1|p1/);
  };

  it("shows no personal data when the store breaks under a running gateway", async () => {
    const db = await openPglite();
    const store = createAuditStore(db);
    const gateway = await startGateway({ config: configFor(), logger, auditStore: store }, 0);
    try {
      const ok = await post(gateway, `{ person(id: "p1") { givenName } }`);
      expect(ok.body).toEqual({ data: { person: { givenName: "Amira" } } });
      await db.close();
      expectNothingShown(await post(gateway, `{ person(id: "p1") { givenName maternity { localIds } } }`));
      // Nor when the response discloses people without showing any Person.
      expectNothingShown(
        await post(gateway, `{ searchPeople(query: { nhsNumber: "9434765919" }) { score matchedOn } }`),
      );
      expectNothingShown(
        await post(gateway, `{ family(id: "f1") { members { relationship } } }`, {
          role: "health-visitor",
          purpose: "safeguarding",
        }),
      );
      // Nor when it shows another person (a mother's child) only inside the mother's agency record.
      expectNothingShown(
        await post(gateway, `{ person(id: "p1") { birthRegistration { asParent { child { forenames } } } } }`, {
          role: "registrar",
          purpose: "registration",
        }),
      );
      // Reading no one needs no record: that still answers.
      expect((await post(gateway, `{ person(id: "nobody") { givenName } }`)).body).toEqual({ data: { person: null } });
    } finally {
      await gateway.stop();
    }
  });

  it("shows no personal data when AUDIT_DATABASE_URL cannot be reached (and still starts)", async () => {
    const gateway = await startGateway(
      { config: configFor({ AUDIT_DATABASE_URL: "postgres://postgres@127.0.0.1:1/audit" }), logger },
      0,
    );
    try {
      expectNothingShown(
        await post(gateway, `{ searchPeople(query: { familyName: "Hussain" }) { person { givenName } } }`),
      );
    } finally {
      await gateway.stop();
    }
  });
});

it("gives every Person field of the supergraph a data category", () => {
  const person = parse(readSupergraph()).definitions.find(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === "Person",
  )!;
  const fields = person.fields!.filter((f) => !f.directives?.some((d) => d.name.value === "inaccessible"));
  expect(fields.length).toBeGreaterThan(10);
  for (const field of fields) expect(PERSON_FIELD_CATEGORIES).toHaveProperty([field.name.value]);
});

describe("the types that disclose a person, against the supergraph", () => {
  const supergraph = buildASTSchema(parse(readSupergraph()));
  const objects = Object.values(supergraph.getTypeMap()).filter(
    (t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith("__"),
  );

  it("lists every type with a field leading to a Person, as disclosing one or only carrying Persons", () => {
    const leading = objects
      .filter((t) => Object.values(t.getFields()).some((f) => getNamedType(f.type).name === "Person"))
      .map((t) => t.name)
      .sort();
    expect(leading).toEqual(expect.arrayContaining(["CandidateRecord", "FamilyMember", "PersonMatch"]));
    expect(leading).toEqual([...Object.keys(PERSON_DISCLOSURES), ...Object.keys(PERSON_CARRIERS)].sort());
  });

  it("lists every type with a field that looks like a person's identity, as disclosing one or saying why not", () => {
    const IDENTITY_FIELD =
      /^(name|fullName|givenName|familyName|forenames|surname|maidenSurname|dateOfBirth|bornAt|nhsNumber|postcode)$/;
    const carrying = objects
      .filter((t) => t.name !== "Person" && Object.keys(t.getFields()).some((f) => IDENTITY_FIELD.test(f)))
      .map((t) => t.name)
      .sort();
    expect(carrying).toEqual(
      expect.arrayContaining(["BirthDetails", "CandidateRecord", "RegisteredChild", "RegisteredParent"]),
    );
    expect(carrying.filter((name) => !(name in PERSON_DISCLOSURES))).toEqual(Object.keys(IDENTITY_LOOKALIKES).sort());
  });

  it.each(Object.entries(PERSON_DISCLOSURES))(
    "%s: leads to its person, names its agency, and every field has a category",
    (name, d) => {
      const type = supergraph.getType(name) as GraphQLObjectType;
      const fields = type.getFields();
      expect(String(fields[d.personField].type)).toBe("Person!");
      if (d.agencyField) expect(String(fields[d.agencyField].type)).toBe("AgencyName!");
      for (const field of Object.keys(fields)) expect(d.fields).toHaveProperty([field]);
    },
  );
});
