/**
 * The access policy end to end: every role against every purpose and every field group, through
 * the gateway to the subgraphs that enforce it, with and without a legitimate relationship and
 * with break-glass; and the same policy holding when the gateway is gone around. The expected
 * outcome of each case is read from the policy (shared/src/policy.ts, the table in the README),
 * so the table below is the README's table, checked against what the services actually return.
 */
import {
  callerFor,
  FIELD_GROUPS,
  GROUP_SERVICE,
  levelFor,
  mayDeclare,
  PURPOSES_OF_ACCESS,
  ROLES,
  signCallerToken,
  type FieldGroup,
  type PurposeOfAccess,
  type Role,
} from "@ffd/shared";
import { careHoldersOf, socialWorkerOf, type CareHolders } from "./support/care-units";
import { startFederation, type Federation } from "./support/federation";

const borough = { seed: 7, referenceDate: "2025-06-30", families: 300 };
const REASON = "Police report of domestic abuse at the family's address tonight; checking who is involved.";

const PERSON = `
  id nhsNumber givenName familyName dateOfBirth sex
  family { id }
  records { agency }
  maternity { localIds provider pregnancies { id agreedDueDate outcome bookedOn } birth { bornAt } }
  healthVisiting { namedHealthVisitor mandatedReviews { type status } contacts { date } }
  childrensCentres { registrations { memberRef registeredOn centre { code } household { postcode } sessionsAttended } }
  birthRegistration { asChild { id registeredOn registeredWithinLegalPeriod informant placeOfBirth } asParent { id registeredOn informant } }
  childrensSocialCare { flags { type startedOn active detail { categoryOfAbuse reviews } } socialWorker { name phone } }
`;
/** Daniel Okafor (the story family children's social care holds), for its field group. */
const SOCIAL_CARE = `id childrensSocialCare { flags { type startedOn active detail { categoryOfAbuse reviews } } socialWorker { name phone } }`;
const ACCESS_QUERY = `query Access($zara: ID!, $amira: ID!, $daniel: ID!) {
  zara: person(id: $zara) { ${PERSON} }
  amira: person(id: $amira) { ${PERSON} }
  daniel: person(id: $daniel) { ${SOCIAL_CARE} }
}`;

type Json = any; // responses are checked field by field below

/** An agency group: the Person field it is on, and probes of summary and of detail for Zara or Amira. */
interface AgencyProbe {
  field: string;
  who: "zara" | "amira" | "daniel";
  summary: (record: Json) => unknown[];
  detail: (record: Json) => unknown[];
}
const AGENCY_PROBES: Partial<Record<FieldGroup, AgencyProbe[]>> = {
  maternity: [
    { field: "maternity", who: "zara", summary: (r) => [r.localIds, r.provider], detail: (r) => [r.birth] },
    {
      field: "maternity",
      who: "amira",
      summary: (r) => r.pregnancies.map((p: Json) => p.agreedDueDate),
      detail: (r) => r.pregnancies.flatMap((p: Json) => [p.outcome, p.bookedOn]),
    },
  ],
  healthVisiting: [
    {
      field: "healthVisiting",
      who: "zara",
      summary: (r) => [r.namedHealthVisitor, r.mandatedReviews],
      detail: (r) => [r.contacts],
    },
  ],
  childrensCentres: [
    {
      field: "childrensCentres",
      who: "zara",
      summary: (r) => r.registrations.flatMap((x: Json) => [x.registeredOn, x.centre]),
      detail: (r) => r.registrations.flatMap((x: Json) => [x.household, x.sessionsAttended]),
    },
  ],
  birthRegistration: [
    {
      field: "birthRegistration",
      who: "zara",
      summary: (r) => [r.asChild.registeredOn, r.asChild.registeredWithinLegalPeriod],
      detail: (r) => [r.asChild.informant, r.asChild.placeOfBirth],
    },
    {
      field: "birthRegistration",
      who: "amira",
      summary: (r) => r.asParent.map((x: Json) => x.registeredOn),
      detail: (r) => r.asParent.map((x: Json) => x.informant),
    },
  ],
  childrensSocialCare: [
    {
      field: "childrensSocialCare",
      who: "daniel",
      // As CP-IS: the flag, its type and dates, and the social worker's contact for every casework role.
      summary: (r) => [
        r.socialWorker,
        ...r.flags.flatMap((f: Json) => (f.type === "CHILD_PROTECTION_PLAN" && f.active ? [f.startedOn] : [])),
      ],
      detail: (r) => r.flags.map((f: Json) => f.detail),
    },
  ],
};
const AGENCY_OF_FIELD: Record<string, string> = {
  maternity: "MATERNITY",
  healthVisiting: "HEALTH_VISITING",
  childrensCentres: "CHILDRENS_CENTRES",
  birthRegistration: "REGISTRATION",
  childrensSocialCare: "CHILDRENS_SOCIAL_CARE",
};

type Access = "none" | "relationship" | "break-glass";
type Grant = "NONE" | "SUMMARY" | "FULL";

/** What the policy says the caller gets, written out here rather than borrowed from the code under test. */
function expectedGrant(role: Role, purpose: PurposeOfAccess, group: FieldGroup, access: Access): Grant {
  const level = levelFor(role, purpose, group);
  if (level === "FULL_WITH_RELATIONSHIP") return access === "none" ? "SUMMARY" : "FULL";
  return level;
}

const hasRelationshipLevel = (role: Role, purpose: PurposeOfAccess) =>
  FIELD_GROUPS.some((g) => levelFor(role, purpose, g) === "FULL_WITH_RELATIONSHIP");

const underPath = (error: Json, prefix: (string | number)[]) =>
  Array.isArray(error.path) && prefix.every((seg, i) => error.path[i] === seg);

const present = (v: unknown) => v !== null && v !== undefined;

describe("access policy, end to end: every role x purpose x field group", () => {
  let fed: Federation;
  let zara: string;
  let amira: string;
  let holders: CareHolders;
  let daniel: string;
  /** Daniel's allocated social worker, the caseload a social worker's token names for a relationship. */
  let danielsWorker: string;
  /** The agencies holding Zara's and Amira's records (what linkage review shows). */
  const agenciesOf: Record<string, Set<string>> = {};

  beforeAll(async () => {
    fed = await startFederation({ databases: "pglite", borough });
    const found = await fed.query(
      `{ searchPeople(query: { familyName: "Hussain", dateOfBirth: "1994-03-12" }) {
          person { id family { members { relationship person { id givenName } } } } } }`,
    );
    const person = found.body.data.searchPeople[0].person;
    amira = person.id;
    zara = person.family.members.find((m: Json) => m.person.givenName === "Zara").person.id;
    const steward = await fed.query(
      `query($id: ID!) { person(id: $id) { records { agency localId } } }`,
      { id: zara },
      await fed.token("data-steward"),
    );
    holders = careHoldersOf(borough, steward.body.data.person.records);
    const okafor = await fed.query(
      `{ searchPeople(query: { familyName: "Okafor", dateOfBirth: "2021-09-14" }) { person { id } } }`,
    );
    daniel = okafor.body.data.searchPeople[0].person.id;
    danielsWorker = socialWorkerOf(borough, "Daniel", "Okafor", "2021-09-14");
    for (const [who, id] of [
      ["zara", zara],
      ["amira", amira],
    ] as const) {
      const read = await fed.query(
        `query($id: ID!) { person(id: $id) { records { agency } } }`,
        { id },
        await fed.token("data-steward"),
      );
      agenciesOf[who] = new Set(read.body.data.person.records.map((r: Json) => r.agency));
    }
  }, 240_000);

  afterAll(async () => {
    await fed?.stop();
  });

  async function read(role: Role, purpose: PurposeOfAccess, access: Access) {
    // A social worker's caseload claim is a social care caseload: Daniel's worker's. Zara's family
    // is then reached through her centre, as for every other role.
    const caseload = role === "social-worker" ? danielsWorker : holders.caseload;
    const claims =
      access === "relationship" ? { centre: holders.centre, caseload, organisation: holders.provider } : {};
    const headers: Record<string, string> = access === "break-glass" ? { "X-Break-Glass-Reason": REASON } : {};
    return fed.query(ACCESS_QUERY, { zara, amira, daniel }, await fed.token(role, claims), purpose, headers);
  }

  /**
   * Whether a case says what Daniel's grant is: with no claims (none) or break-glass always; with
   * claims only for a social worker, whose caseload is his. Other roles' claims are the Hussains'
   * units, which may or may not also reach the Okafors (one trust serves both), so their
   * relationship with Daniel is not asserted here.
   */
  const knowsDaniel = (role: Role, access: Access) => access !== "relationship" || role === "social-worker";

  const pairs = ROLES.flatMap((role) => PURPOSES_OF_ACCESS.map((purpose) => [role, purpose] as const));
  const stated = pairs.filter(([role, purpose]) => mayDeclare(role, purpose));
  const cases = stated.flatMap(([role, purpose]) =>
    (hasRelationshipLevel(role, purpose)
      ? (["none", "relationship", "break-glass"] as const)
      : (["none"] as const)
    ).map((access) => [role, purpose, access] as const),
  );

  it.each(pairs.filter(([role, purpose]) => !mayDeclare(role, purpose)))(
    "%s may not state %s: 403 FORBIDDEN, no subgraph asked",
    async (role, purpose) => {
      fed.calls.length = 0;
      const { status, body } = await read(role, purpose, "none");
      expect(status).toBe(403);
      expect(body.errors[0].extensions.code).toBe("FORBIDDEN");
      expect(fed.calls).toEqual([]);
    },
  );

  it.each(cases)(
    "%s for %s (relationship: %s) gets each field group at the policy's level",
    async (role, purpose, access) => {
      const { status, body } = await read(role, purpose, access);
      expect(status).toBe(200);
      const errors: Json[] = body.errors ?? [];
      // Whatever is withheld is withheld by policy, named, and nothing else goes wrong.
      for (const e of errors) {
        expect(e.extensions.code).toBe("FORBIDDEN");
        expect(Object.values(GROUP_SERVICE)).toContain(e.extensions.agency);
      }
      const data = body.data;
      for (const who of ["zara", "amira"] as const) {
        // The person is always named (so the read is audited), whatever else is withheld.
        expect(data[who].id).toBe(who === "zara" ? zara : amira);

        // identity
        const identity = expectedGrant(role, purpose, "identity", access);
        if (identity === "FULL") expect(data[who].givenName).toEqual(expect.any(String));
        else {
          expect(data[who].givenName).toBeNull();
          expect(errors.some((e) => underPath(e, [who, "givenName"]) && e.extensions.agency === "family-index")).toBe(
            true,
          );
        }
        // family
        const family = expectedGrant(role, purpose, "family", access);
        if (family === "FULL") expect(data[who].family).not.toBeNull();
        else {
          expect(data[who].family).toBeNull();
          expect(errors.some((e) => underPath(e, [who, "family"]) && e.extensions.agency === "family-index")).toBe(
            true,
          );
        }
        // records: every agency for linkage review, otherwise only the agencies the caller sees something of
        const seen = (Object.keys(AGENCY_PROBES) as FieldGroup[]).filter(
          (g) => expectedGrant(role, purpose, g, access) !== "NONE",
        );
        const recordAgencies = new Set(data[who].records.map((r: Json) => r.agency));
        if (expectedGrant(role, purpose, "linkageReview", access) === "FULL") {
          expect(recordAgencies).toEqual(agenciesOf[who]);
        } else {
          expect(recordAgencies).toEqual(
            new Set(seen.map((g) => AGENCY_OF_FIELD[AGENCY_PROBES[g]![0].field]).filter((a) => agenciesOf[who].has(a))),
          );
        }
      }

      // each agency's field group
      for (const [group, probes] of Object.entries(AGENCY_PROBES) as [FieldGroup, AgencyProbe[]][]) {
        const grant = expectedGrant(role, purpose, group, access);
        for (const probe of probes) {
          if (probe.who === "daniel" && !knowsDaniel(role, access)) continue;
          const record = data[probe.who][probe.field];
          const withheld = errors.filter((e) => underPath(e, [probe.who, probe.field]));
          const context = `${group} of ${probe.who}: expected ${grant}`;
          if (grant === "NONE") {
            expect({ context, record }).toEqual({ context, record: null });
            expect(withheld.map((e) => e.path.length)).toEqual([2]);
          } else {
            expect({ context, record: present(record) }).toEqual({ context, record: true });
            const summary = probe.summary(record);
            expect(summary.length).toBeGreaterThan(0);
            expect({ context, summary: summary.every(present) }).toEqual({ context, summary: true });
            const detail = probe.detail(record);
            expect(detail.length).toBeGreaterThan(0);
            if (grant === "FULL") {
              expect({ context, detail: detail.every(present), withheld }).toEqual({
                context,
                detail: true,
                withheld: [],
              });
            } else {
              expect({ context, detail: detail.some(present) }).toEqual({ context, detail: false });
              expect(withheld.length).toBeGreaterThan(0);
            }
          }
          for (const e of withheld) expect(e.extensions.agency).toBe(GROUP_SERVICE[group]);
        }
      }
    },
  );

  it.each(stated)("%s for %s: linkage review at the policy's level", async (role, purpose) => {
    const { body } = await fed.query(
      `{ linkCandidates(first: 1) { totalCount } }`,
      undefined,
      await fed.token(role),
      purpose,
    );
    if (levelFor(role, purpose, "linkageReview") === "FULL") {
      expect(body.errors).toBeUndefined();
      expect(body.data.linkCandidates.totalCount).toEqual(expect.any(Number));
    } else {
      expect(body.data).toBeNull();
      expect(body.errors).toEqual([
        // The gateway adds serviceName to a subgraph's error; code and agency are family-index's.
        expect.objectContaining({
          extensions: expect.objectContaining({ code: "FORBIDDEN", agency: "family-index" }),
        }),
      ]);
    }
  });

  it.each(stated)("%s for %s: the audit trail at the policy's level", async (role, purpose) => {
    const { body } = await fed.query(
      `query($id: ID!) { auditTrail(personId: $id, first: 5) { personId role purpose outcome } }`,
      { id: zara },
      await fed.token(role),
      purpose,
    );
    if (levelFor(role, purpose, "auditTrail") === "FULL") {
      expect(body.errors).toBeUndefined();
      // Zara's reads by the cases above are in her trail.
      expect(body.data.auditTrail.length).toBeGreaterThan(0);
      expect(body.data.auditTrail.every((e: Json) => e.personId === zara)).toBe(true);
    } else {
      expect(body.data).toBeNull();
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions).toMatchObject({ code: "FORBIDDEN", agency: "audit" });
    }
  });

  describe("relationship and break-glass", () => {
    it("a centre worker at another centre gets the summary; at the family's centre, the detail", async () => {
      const other = holders.centre === "CC01" ? "CC02" : "CC01";
      const query = `query($id: ID!) { person(id: $id) { childrensCentres { registrations { registeredOn sessionsAttended } } } }`;
      const elsewhere = await fed.query(query, { id: zara }, await fed.token("centre-worker", { centre: other }));
      expect(elsewhere.body.data.person.childrensCentres.registrations[0]).toMatchObject({
        registeredOn: expect.any(String),
        sessionsAttended: null,
      });
      expect(elsewhere.body.errors[0].message).toContain("legitimate relationship");
      const here = await fed.query(query, { id: zara }, await fed.token("centre-worker", { centre: holders.centre }));
      expect(here.body.errors).toBeUndefined();
      expect(here.body.data.person.childrensCentres.registrations[0].sessionsAttended).toEqual(expect.any(Number));
    });

    it("the relationship covers the family: the daughter's health visitor sees the mother's contacts", async () => {
      const query = `query($id: ID!) { person(id: $id) { healthVisiting { contacts { date } } } }`;
      const { body } = await fed.query(
        query,
        { id: amira },
        await fed.token("health-visitor", { caseload: holders.caseload }),
      );
      expect(body.errors).toBeUndefined();
      expect(body.data.person.healthVisiting.contacts).toEqual(expect.any(Array));
    });

    it("break-glass opens full detail, and the reason is written to the audit event of every person read", async () => {
      const { status, body } = await fed.query(
        `query BreakGlass($id: ID!) { person(id: $id) { id maternity { birth { bornAt } } } }`,
        { id: zara },
        await fed.token("safeguarding-lead"),
        "safeguarding",
        { "X-Break-Glass-Reason": REASON },
      );
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data.person.maternity.birth.bornAt).toEqual(expect.any(String));
      const trail = await fed.audit.trailForPerson(zara);
      const event = trail.find((e) => e.operationName === "BreakGlass");
      expect(event).toMatchObject({
        role: "safeguarding-lead",
        purpose: "safeguarding",
        breakGlassReason: REASON,
        outcome: "returned",
      });
    });

    it("refuses break-glass without a real reason (400), and where it would open nothing (403)", async () => {
      const short = await fed.query(`{ __typename }`, undefined, await fed.token("safeguarding-lead"), "safeguarding", {
        "X-Break-Glass-Reason": "urgent",
      });
      expect(short.status).toBe(400);
      expect(short.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
      const registrar = await fed.query(`{ __typename }`, undefined, await fed.token("registrar"), "registration", {
        "X-Break-Glass-Reason": REASON,
      });
      expect(registrar.status).toBe(403);
      expect(registrar.body.errors[0].extensions.code).toBe("FORBIDDEN");
    });

    it("records a summary-only read as partially denied in the audit trail", async () => {
      await fed.query(
        `query SummaryOnly($id: ID!) { person(id: $id) { id healthVisiting { namedHealthVisitor contacts { date } } } }`,
        { id: zara },
        await fed.token("front-door"),
      );
      const event = (await fed.audit.trailForPerson(zara)).find((e) => e.operationName === "SummaryOnly");
      expect(event).toMatchObject({
        outcome: "partially-denied",
        agencies: ["health-visiting"],
        denied: ["health-visiting"],
        breakGlassReason: null,
      });
    });
  });

  describe("around the gateway", () => {
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Person { id healthVisiting { namedHealthVisitor contacts { date } } } } }`;

    async function direct(token: string | null, representations: Json[]) {
      const res = await fetch(fed.subgraphUrls["health-visiting"], {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: entities, variables: { r: representations } }),
      });
      return { status: res.status, body: (await res.json()) as Json };
    }
    it("refuses a subgraph request without the gateway's token", async () => {
      const { status, body } = await direct(null, []);
      expect(status).toBe(401);
      expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    });

    it("enforces the policy on _entities sent straight to a subgraph", async () => {
      const records = (
        await fed.query(
          `query($id: ID!) { person(id: $id) { records { agency localId } } }`,
          { id: zara },
          await fed.token("data-steward"),
        )
      ).body.data.person.records as Json[];
      const hv = records.filter((r) => r.agency === "HEALTH_VISITING").map((r) => r.localId);
      // A registrar's caller token: health visiting is not for the registrar at all.
      const registrar = await signCallerToken(fed.internalSecret, callerFor("registrar", "registration"));
      const refused = await direct(registrar, [{ __typename: "Person", id: zara, healthVisitingRecordIds: hv }]);
      expect(refused.body.data._entities[0].healthVisiting).toBeNull();
      expect(refused.body.errors[0].extensions).toEqual({ code: "FORBIDDEN", agency: "health-visiting" });
      // A health visitor's token with a representation that does not carry the relationship: summary only.
      const visitor = await signCallerToken(fed.internalSecret, callerFor("health-visitor", "direct-care"));
      const summary = await direct(visitor, [{ __typename: "Person", id: zara, healthVisitingRecordIds: hv }]);
      expect(summary.body.data._entities[0].healthVisiting).toMatchObject({
        namedHealthVisitor: expect.any(String),
        contacts: null,
      });
      expect(summary.body.errors[0].extensions).toEqual({ code: "FORBIDDEN", agency: "health-visiting" });
    });

    it("refuses an agency's entity reached by key to a role the policy shows nothing of that agency", async () => {
      const found = await fed.query(
        `query($amira: ID!, $zara: ID!) {
          amira: person(id: $amira) { maternity { pregnancies { id } } }
          zara: person(id: $zara) { birthRegistration { asChild { id } } } }`,
        { amira, zara },
        await fed.token("front-door"),
      );
      const pregnancy = found.body.data.amira.maternity.pregnancies[0].id;
      const registration = found.body.data.zara.birthRegistration.asChild.id;
      const cases: [string, string, Json, string, PurposeOfAccess][] = [
        [
          "maternity",
          `... on Pregnancy { id agreedDueDate }`,
          { __typename: "Pregnancy", id: pregnancy },
          "registrar",
          "registration",
        ],
        [
          "maternity",
          `... on Pregnancy { id agreedDueDate }`,
          { __typename: "Pregnancy", id: pregnancy },
          "ig-auditor",
          "audit",
        ],
        [
          "registration",
          `... on BirthRegistration { id district registeredOn }`,
          { __typename: "BirthRegistration", id: registration },
          "ig-auditor",
          "audit",
        ],
      ];
      for (const [service, selection, representation, role, purpose] of cases) {
        const token = await signCallerToken(fed.internalSecret, callerFor(role as Role, purpose));
        const res = await fetch(fed.subgraphUrls[service], {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query: `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
            variables: { r: [representation] },
          }),
        });
        const body = (await res.json()) as Json;
        expect(body.data._entities).toEqual([null]);
        expect(body.errors.map((e: Json) => e.extensions)).toEqual([{ code: "FORBIDDEN", agency: service }]);
      }
    });
  });
});
