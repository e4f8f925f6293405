/**
 * The whole federation end to end: five agency subgraphs and family-index as real processes,
 * the gateway in front, over the embedded PGlite databases and over the real PostgreSQL.
 */
import { addDays } from "@ffd/shared";
import { fuzzGateway } from "./fuzz";
import { careHoldersOf } from "./support/care-units";
import { startFederation, type Federation } from "./support/federation";
import { postgresAvailable } from "./support/postgres";
import { describeIf } from "./support/services";

const REFERENCE_DATE = "2025-06-30";
const ZARA_DOB = addDays(REFERENCE_DATE, -45);
const borough = { seed: 7, referenceDate: REFERENCE_DATE, families: 300 };

const PERSON_FIELDS = `
  id givenName familyName dateOfBirth nhsNumber
  records { agency localId linkedBy }
  maternity { localIds pregnancies { agreedDueDate outcome babies { localId } } birth { bornAt birthWeightGrams deliveryMethod } }
  healthVisiting { namedHealthVisitor mandatedReviews { type dueBy completedOn status } }
  childrensCentres { registrations { memberRef centre { name cluster } household { postcode } } }
  birthRegistration { asChild { registeredOn registeredAtChildrensCentre registeredWithinLegalPeriod } asParent { id } }
`;

const HUSSAIN_QUERY = `
  query Hussain($q: PersonSearchInput!) {
    searchPeople(query: $q) {
      score
      person {
        ${PERSON_FIELDS}
        family { id members { relationship person { ${PERSON_FIELDS} } } }
      }
    }
  }
`;

/** Every scenario runs on both kinds of agency database. */
const federationSuite = (databases: "pglite" | "postgres") => () => {
  let fed: Federation;
  /** The family's health visitor (their caseload), for safeguarding: full detail from every agency. */
  let familyVisitor = "";

  beforeAll(async () => {
    fed = await startFederation({ databases, borough });
    const found = await fed.query(
      `{ searchPeople(query: { familyName: "Hussain", dateOfBirth: "1994-03-12" }) {
          person { family { members { person { id givenName } } } } } }`,
    );
    const zara = found.body.data.searchPeople[0].person.family.members.find((m: any) => m.person.givenName === "Zara")
      .person.id;
    const steward = await fed.query(
      `query($id: ID!) { person(id: $id) { records { agency localId } } }`,
      { id: zara },
      await fed.token("data-steward"),
    );
    const { caseload } = careHoldersOf(borough, steward.body.data.person.records);
    familyVisitor = await fed.token("health-visitor", { caseload });
  }, 420_000);

  afterAll(async () => {
    await fed?.stop();
  });

  const hussain = async (f: Federation) => {
    const { status, body } = await f.query(
      HUSSAIN_QUERY,
      { q: { familyName: "Hussain", dateOfBirth: "1994-03-12" } },
      familyVisitor,
      "safeguarding",
    );
    expect(status).toBe(200);
    return body;
  };

  it("finds Amira Hussain and composes her family from all four agencies (for her health visitor, safeguarding)", async () => {
    fed.calls.length = 0;
    const body = await hussain(fed);
    expect(body.errors).toBeUndefined();
    const top = body.data.searchPeople[0];
    expect(top.person).toMatchObject({ givenName: "Amira", familyName: "Hussain", dateOfBirth: "1994-03-12" });
    const amira = top.person;
    expect(amira.maternity.pregnancies.length).toBeGreaterThan(0);
    expect(amira.birthRegistration.asParent.length).toBeGreaterThan(0);

    const members = amira.family.members as Array<{ relationship: string; person: any }>;
    const zara = members.find((m) => m.person.givenName === "Zara")?.person;
    expect(members.find((m) => m.person.id === amira.id)?.relationship).toBe("MOTHER");
    expect(members.find((m) => m.person.givenName === "Zara")?.relationship).toBe("CHILD");
    expect(zara).toMatchObject({ familyName: "Hussain", dateOfBirth: ZARA_DOB });
    // Zara is known to all four agencies, and each one's data comes back.
    expect(new Set(zara.records.map((r: any) => r.agency))).toEqual(
      new Set(["MATERNITY", "HEALTH_VISITING", "CHILDRENS_CENTRES", "REGISTRATION"]),
    );
    expect(
      zara.maternity.birth.bornAt.startsWith(ZARA_DOB) || zara.maternity.birth.bornAt.startsWith(addDays(ZARA_DOB, -1)),
    ).toBe(true);
    expect(zara.healthVisiting.mandatedReviews.map((r: any) => r.type)).toEqual([
      "ANTENATAL",
      "NEW_BIRTH_VISIT",
      "SIX_TO_EIGHT_WEEK",
      "ONE_YEAR",
      "TWO_TO_TWO_AND_A_HALF_YEAR",
    ]);
    const status = Object.fromEntries(zara.healthVisiting.mandatedReviews.map((r: any) => [r.type, r.status]));
    expect(status).toMatchObject({
      NEW_BIRTH_VISIT: "COMPLETED",
      SIX_TO_EIGHT_WEEK: "DUE",
      ONE_YEAR: "NOT_YET_DUE",
      TWO_TO_TWO_AND_A_HALF_YEAR: "NOT_YET_DUE",
    });
    expect(zara.childrensCentres.registrations.length).toBeGreaterThan(0);
    expect(zara.birthRegistration.asChild).toMatchObject({
      registeredAtChildrensCentre: true,
      registeredWithinLegalPeriod: true,
    });
    // The gateway asked every subgraph, and only through the gateway's plan.
    expect(new Set(fed.calls)).toEqual(
      new Set(["family-index", "maternity", "health-visiting", "childrens-centres", "registration"]),
    );
  });

  it("places the Hussain family in Brindleford Central, the locality of the centre Zara is registered at", async () => {
    fed.calls.length = 0;
    const { status, body } = await fed.query(
      `query ($q: PersonSearchInput!) {
        localities { id name }
        searchPeople(query: $q) {
          person { family { locality { id name } members { person { givenName childrensCentres { registrations { centre { locality } } } } } } }
        }
      }`,
      { q: { familyName: "Hussain", dateOfBirth: "1994-03-12" } },
      familyVisitor,
      "safeguarding",
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.localities).toEqual([
      { id: "brindleford-central", name: "Brindleford Central" },
      { id: "netherby", name: "Netherby" },
      { id: "saltwell", name: "Saltwell" },
      { id: "ashcombe", name: "Ashcombe" },
    ]);
    const family = body.data.searchPeople[0].person.family;
    expect(family.locality).toEqual({ id: "brindleford-central", name: "Brindleford Central" });
    // The locality reference and the children's centres system agree on where the family is served.
    const zara = family.members.find((m: any) => m.person.givenName === "Zara").person;
    expect(zara.childrensCentres.registrations.map((r: any) => r.centre.locality)).toContain(family.locality.name);
    expect(new Set(fed.calls)).toEqual(new Set(["family-index", "childrens-centres"]));
  });

  const NEW_BIRTHS = `query NewBirths($locality: ID!) {
    newBirthsNotKnownToCentres(locality: $locality) {
      dateOfBirth
      child { id givenName familyName birthRegistration { asChild { district registeredOn } } healthVisiting { namedHealthVisitor } }
      mother { id givenName familyName }
    }
  }`;

  it("lists Arjun Patel, not Zara Hussain, on Brindleford Central's outreach list, in one call per subgraph, auditing every person listed", async () => {
    fed.calls.length = 0;
    const { status, body } = await fed.query(
      NEW_BIRTHS,
      { locality: "brindleford-central" },
      await fed.token("front-door"),
      "early-help",
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const list = body.data.newBirthsNotKnownToCentres as any[];
    const arjun = list.find((e) => e.child.givenName === "Arjun" && e.child.familyName === "Patel");
    expect(arjun).toMatchObject({
      dateOfBirth: addDays(REFERENCE_DATE, -20),
      mother: { givenName: "Priya", familyName: "Patel" },
      child: {
        birthRegistration: { asChild: { district: "Brindleford", registeredOn: addDays(REFERENCE_DATE, -5) } },
        healthVisiting: { namedHealthVisitor: expect.any(String) },
      },
    });
    expect(list.map((e) => `${e.child.givenName} ${e.child.familyName}`)).not.toContain("Zara Hussain");
    // One fetch of the list from family-index, then one of each agency's field for every child.
    expect([...fed.calls].sort()).toEqual(["family-index", "health-visiting", "registration"]);
    // A list is a read of every person on it: each child and each mother has the event.
    for (const entry of list) {
      const [child] = await fed.audit.trailForPerson(entry.child.id, { limit: 1 });
      expect(child).toMatchObject({
        operationName: "NewBirths",
        role: "front-door",
        purpose: "early-help",
        categories: expect.arrayContaining(["identity", "family"]),
      });
      if (entry.mother) {
        const [mother] = await fed.audit.trailForPerson(entry.mother.id, { limit: 1 });
        expect(mother).toMatchObject({ operationName: "NewBirths", categories: ["identity"] });
      }
    }
    const [arjunRead] = await fed.audit.trailForPerson(arjun.child.id, { limit: 1 });
    expect(arjunRead).toMatchObject({
      agencies: ["health-visiting", "registration"],
      categories: ["identity", "family", "health-visiting", "registration"],
      outcome: "returned",
    });
    // Refused to a registrar before any agency is asked.
    fed.calls.length = 0;
    const registrar = await fed.query(
      NEW_BIRTHS,
      { locality: "brindleford-central" },
      await fed.token("registrar"),
      "registration",
    );
    expect(registrar.body.data).toBeNull();
    expect(registrar.body.errors.map((e: any) => e.extensions.code)).toEqual(["FORBIDDEN"]);
    expect(fed.calls).toEqual(["family-index"]);
  });

  const SAFEGUARDING = `query Safeguarding($locality: ID!, $weekOf: Date) {
    safeguardingMeetingList(locality: $locality, weekOf: $weekOf) {
      family { id }
      reasons { person { id givenName familyName } agency kind what on }
    }
  }`;
  /** Only the families, as a client might ask: every person a reason names is still audited. */
  const SAFEGUARDING_FAMILIES = `query SafeguardingFamilies($locality: ID!, $weekOf: Date) {
    safeguardingMeetingList(locality: $locality, weekOf: $weekOf) { family { id } }
  }`;

  it("puts the Okafors on Brindleford Central's safeguarding list for the week their plans started, in one call to family-index, auditing every person a reason names", async () => {
    const weekOf = addDays(REFERENCE_DATE, -10);
    const lead = await fed.token("safeguarding-lead");
    fed.calls.length = 0;
    const { status, body } = await fed.query(
      SAFEGUARDING,
      { locality: "brindleford-central", weekOf },
      lead,
      "safeguarding",
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const list = body.data.safeguardingMeetingList as any[];
    const okafors = list.find((e) => e.reasons.some((r: any) => r.person.familyName === "Okafor"));
    expect(okafors.reasons).toEqual(
      expect.arrayContaining([
        {
          person: { id: expect.any(String), givenName: "Grace", familyName: "Okafor" },
          agency: "CHILDRENS_SOCIAL_CARE",
          kind: "SOCIAL_CARE_FLAG_STARTED",
          what: "Unborn child protection plan started",
          on: weekOf,
        },
        {
          person: { id: expect.any(String), givenName: "Daniel", familyName: "Okafor" },
          agency: "CHILDRENS_SOCIAL_CARE",
          kind: "SOCIAL_CARE_FLAG_STARTED",
          what: "Child protection plan started",
          on: weekOf,
        },
      ]),
    );
    // Composed in family-index (its calls to the agencies' event feeds are internal, not subgraph fetches).
    expect([...fed.calls]).toEqual(["family-index"]);
    // Asked for only the families, the gateway still audits every person a reason names.
    const families = await fed.query(
      SAFEGUARDING_FAMILIES,
      { locality: "brindleford-central", weekOf },
      lead,
      "safeguarding",
    );
    expect(families.body.data.safeguardingMeetingList.map((e: any) => e.family.id)).toEqual(
      list.map((e) => e.family.id),
    );
    expect(JSON.stringify(families.body)).not.toMatch(/auditList_|auditPerson_/);
    for (const id of new Set(list.flatMap((e) => e.reasons.map((r: any) => r.person.id)))) {
      const [event] = await fed.audit.trailForPerson(id, { limit: 1 });
      expect(event).toMatchObject({
        operationName: "SafeguardingFamilies",
        role: "safeguarding-lead",
        purpose: "safeguarding",
        categories: expect.arrayContaining(["family"]),
      });
    }
    const grace = okafors.reasons.find((r: any) => r.person.givenName === "Grace").person.id;
    const [graceRead] = await fed.audit.trailForPerson(grace, { limit: 1 });
    expect(graceRead).toMatchObject({
      agencies: ["childrens-social-care"],
      categories: ["family", "childrens-social-care"],
    });
    // A registrar may not read it.
    const registrar = await fed.query(
      SAFEGUARDING,
      { locality: "brindleford-central" },
      await fed.token("registrar"),
      "registration",
    );
    expect(registrar.body.errors.map((e: any) => e.extensions.code)).toEqual(["FORBIDDEN"]);
  });

  it("lists who is involved with Zara, each agency's answer read live from its own system", async () => {
    const { status, body } = await fed.query(
      `{ searchPeople(query: { givenName: "Zara", familyName: "Hussain", dateOfBirth: "${ZARA_DOB}" }) { person {
          healthVisiting { namedHealthVisitor }
          involvements { agency status leadPractitioner { name role team phone } since lastContactOn } } } }`,
      {},
      familyVisitor,
      "direct-care",
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const zara = body.data.searchPeople[0].person;
    const involved = Object.fromEntries(zara.involvements.map((i: any) => [i.agency, i]));
    expect(Object.keys(involved)).toEqual(["MATERNITY", "HEALTH_VISITING", "CHILDRENS_CENTRES", "REGISTRATION"]);
    // A baby under five on the caseload, seen at her new birth visit on day 11.
    expect(involved.HEALTH_VISITING).toMatchObject({
      status: "CURRENT",
      leadPractitioner: { name: zara.healthVisiting.namedHealthVisitor, role: "Health visitor" },
      lastContactOn: addDays(ZARA_DOB, 11),
    });
    expect(involved.HEALTH_VISITING.leadPractitioner.phone).toMatch(/^01384 \d{6}$/);
    expect(involved.CHILDRENS_CENTRES.leadPractitioner).toMatchObject({ role: "Key worker", name: expect.any(String) });
    expect(involved.MATERNITY.leadPractitioner).toMatchObject({ role: "Community midwife" });
    // Registered 20 days after her birth, by a registrar; a registration is always historic.
    expect(involved.REGISTRATION).toMatchObject({
      status: "HISTORIC",
      leadPractitioner: { role: "Registrar" },
      since: addDays(ZARA_DOB, 20),
    });
  });

  it("refuses a request with no token, or a bad one", async () => {
    const res = await fetch(fed.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"query":"{ __typename }"}',
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const bad = await fed.query("{ __typename }", undefined, "not.a.token");
    expect(bad.status).toBe(401);
  });

  it("refuses a request that states no purpose of access, or an unknown one, asking no subgraph", async () => {
    fed.calls.length = 0;
    for (const purpose of [null, "curiosity"]) {
      const { status, body } = await fed.query(HUSSAIN_QUERY, { q: { familyName: "Hussain" } }, undefined, purpose);
      expect(status).toBe(400);
      expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
      expect(body.errors[0].message).toMatch(
        /X-Purpose-Of-Access.*direct-care, early-help, safeguarding, registration, audit/,
      );
    }
    expect(fed.calls).toEqual([]);
  });

  it("explains an invalid NHS number and an empty search as BAD_USER_INPUT", async () => {
    const q = `query($q: PersonSearchInput!) { searchPeople(query: $q) { score } }`;
    const invalid = await fed.query(q, { q: { nhsNumber: "9434765918" } });
    expect(invalid.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(invalid.body.errors[0].message).toMatch(/not a valid NHS number/);
    const empty = await fed.query(q, { q: {} });
    expect(empty.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(empty.body.errors[0].message).toMatch(/at least one/i);
    const blank = await fed.query(q, { q: { givenName: "  ", familyName: "" } });
    expect(blank.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("finds Amira by NHS number alone", async () => {
    const first = await hussain(fed);
    const nhs = first.data.searchPeople[0].person.nhsNumber;
    expect(nhs).toMatch(/^\d{10}$/);
    const { body } = await fed.query(
      `query($q: PersonSearchInput!) { searchPeople(query: $q) { person { givenName familyName } } }`,
      { q: { nhsNumber: nhs } },
    );
    expect(body.data.searchPeople[0].person).toEqual({ givenName: "Amira", familyName: "Hussain" });
  });

  // Arbitrary input (issue 8): data or a clear client error, never an internal error, an outage, a
  // stack or a logged value. Once, over the embedded databases: the input paths are the same.
  if (databases === "pglite")
    it("answers arbitrary searches, ids, dates and headers with data or a clear client error, logging none of them", async () => {
      const linesBefore = fed.logLines().length;
      await fuzzGateway(fed, await fed.token("front-door"), Number(process.env.FUZZ_RUNS ?? 300));
      // The log check above is not vacuous: the services did log while the fuzz ran.
      expect(fed.logLines().length).toBeGreaterThan(linesBefore);
    }, 180_000);

  it("audits each person a search or a family discloses without showing a Person: scores, relationships", async () => {
    const amira = (await hussain(fed)).data.searchPeople[0].person;
    const scores = await fed.query(
      `query ScoresOnly($q: PersonSearchInput!) { searchPeople(query: $q) { score matchedOn } }`,
      { q: { nhsNumber: amira.nhsNumber } },
    );
    expect(scores.body.errors).toBeUndefined();
    expect(scores.body.data.searchPeople[0].matchedOn).toContain("nhsNumber:exact");
    const [searched] = await fed.audit.trailForPerson(amira.id, { limit: 1 });
    expect(searched).toMatchObject({ operationName: "ScoresOnly", role: "front-door", categories: ["identity"] });

    const members = await fed.query(`query MembersOnly($id: ID!) { family(id: $id) { members { relationship } } }`, {
      id: amira.family.id,
    });
    expect(members.body.errors).toBeUndefined();
    expect(members.body.data.family.members).toHaveLength(amira.family.members.length);
    expect(JSON.stringify(members.body)).not.toContain(amira.id);
    for (const member of amira.family.members) {
      const [event] = await fed.audit.trailForPerson(member.person.id, { limit: 1 });
      expect(event).toMatchObject({ operationName: "MembersOnly", categories: ["family"] });
    }
  });

  it("audits a child shown on their mother's birth registration as a read of the child", async () => {
    const amira = (await hussain(fed)).data.searchPeople[0].person;
    const zara = amira.family.members.find((m: any) => m.person.givenName === "Zara").person;
    const { status, body } = await fed.query(
      `query MothersRegistrations($id: ID!) {
        person(id: $id) { birthRegistration { asParent { child { forenames surname dateOfBirth } } } } }`,
      { id: amira.id },
      await fed.token("registrar"),
      "registration",
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const children = body.data.person.birthRegistration.asParent.map((r: any) => r.child);
    expect(children).toContainEqual({
      forenames: expect.stringMatching(/^Zara\b/),
      surname: "Hussain",
      dateOfBirth: ZARA_DOB,
    });
    expect(JSON.stringify(body)).not.toMatch(/auditPerson_/);
    expect(JSON.stringify(body)).not.toContain(zara.id);
    // The child's own trail shows the read, though no Person of hers was selected.
    const [event] = await fed.audit.trailForPerson(zara.id, { limit: 1 });
    expect(event).toMatchObject({
      operationName: "MothersRegistrations",
      role: "registrar",
      purpose: "registration",
      agencies: ["registration"],
      categories: ["identity"],
    });
  });

  it("links the Okafors as one family and shows their social care flags with the social worker; partial data when social care is down", async () => {
    const query = `query Okafor($q: PersonSearchInput!) {
      searchPeople(query: $q) {
        person {
          id givenName records { agency }
          involvements { agency status leadPractitioner { name role phone } }
          childrensSocialCare { flags { type startedOn endedOn active } socialWorker { name team phone } }
          family { id members { relationship person { id givenName records { agency }
            childrensSocialCare { flags { type startedOn active } socialWorker { name phone } } } } }
        }
      }
    }`;
    const variables = { q: { familyName: "Okafor", dateOfBirth: "1998-06-02" } };
    const { body } = await fed.query(query, variables, await fed.token("front-door"), "direct-care");
    expect(body.errors).toBeUndefined();
    const grace = body.data.searchPeople[0].person;
    expect(grace.givenName).toBe("Grace");
    const members = grace.family.members as Array<{ relationship: string; person: any }>;
    const daniel = members.find((m) => m.person.givenName === "Daniel");
    expect(daniel?.relationship).toBe("CHILD");
    expect(members.find((m) => m.person.id === grace.id)?.relationship).toBe("MOTHER");
    const tenDaysBefore = addDays(REFERENCE_DATE, -10);
    expect(grace.childrensSocialCare.flags).toEqual([
      { type: "UNBORN_CHILD_PROTECTION_PLAN", startedOn: tenDaysBefore, endedOn: null, active: true },
    ]);
    expect(daniel!.person.childrensSocialCare.flags).toEqual([
      { type: "CHILD_PROTECTION_PLAN", startedOn: tenDaysBefore, active: true },
    ]);
    expect(grace.childrensSocialCare.socialWorker).toMatchObject({
      name: expect.any(String),
      phone: expect.any(String),
    });
    expect(daniel!.person.childrensSocialCare.socialWorker.name).toBe(grace.childrensSocialCare.socialWorker.name);
    // Linked from social care's identity feed (NHS numbers) alongside the other agencies.
    expect(new Set(daniel!.person.records.map((r: any) => r.agency))).toEqual(
      new Set(["MATERNITY", "HEALTH_VISITING", "CHILDRENS_CENTRES", "REGISTRATION", "CHILDRENS_SOCIAL_CARE"]),
    );
    expect(grace.records.map((r: any) => r.agency)).toContain("CHILDRENS_SOCIAL_CARE");
    // Her social worker is children's social care's lead practitioner, on an open (unborn) plan.
    expect(grace.involvements.find((i: any) => i.agency === "CHILDRENS_SOCIAL_CARE")).toEqual({
      agency: "CHILDRENS_SOCIAL_CARE",
      status: "CURRENT",
      leadPractitioner: {
        name: grace.childrensSocialCare.socialWorker.name,
        role: "Social worker",
        phone: grace.childrensSocialCare.socialWorker.phone,
      },
    });

    await fed.stopAgency("childrens-social-care");
    const down = (await fed.query(query, variables, await fed.token("front-door"), "direct-care")).body;
    expect(down.data.searchPeople[0].person.givenName).toBe("Grace");
    expect(down.data.searchPeople[0].person.childrensSocialCare).toBeNull();
    // Her involvements still list the others, and say social care did not answer.
    const stillInvolved = down.data.searchPeople[0].person.involvements.map((i: any) => i.agency);
    expect(stillInvolved).toEqual(
      grace.involvements.map((i: any) => i.agency).filter((a: string) => a !== "CHILDRENS_SOCIAL_CARE"),
    );
    expect(down.errors.some((e: any) => e.path?.[e.path.length - 1] === "involvements")).toBe(true);
    expect(down.errors.length).toBeGreaterThan(0);
    expect(
      down.errors.every(
        (e: any) => e.extensions.code === "AGENCY_UNAVAILABLE" && e.extensions.agency === "childrens-social-care",
      ),
    ).toBe(true);
    expect(JSON.stringify(down.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|http:\/\//);
  });

  it("gives the safeguarding list without children's social care when it is down, naming it", async () => {
    await fed.stopAgency("childrens-social-care"); // already stopped by the test above when the whole suite runs
    const { body } = await fed.query(
      SAFEGUARDING,
      { locality: "brindleford-central", weekOf: addDays(REFERENCE_DATE, -10) },
      await fed.token("safeguarding-lead"),
      "safeguarding",
    );
    const reasons = (body.data.safeguardingMeetingList as any[]).flatMap((e) => e.reasons);
    expect(reasons.filter((r: any) => r.agency === "CHILDRENS_SOCIAL_CARE")).toEqual([]);
    expect(body.errors.map((e: any) => [e.extensions.code, e.extensions.agency])).toEqual([
      ["AGENCY_UNAVAILABLE", "childrens-social-care"],
    ]);
    expect(JSON.stringify(body.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|http:\/\//);
  });

  it("answers with partial data when one agency is down, naming it, leaking nothing", async () => {
    await fed.stopAgency("maternity");
    const body = await hussain(fed);
    const amira = body.data.searchPeople[0].person;
    expect(amira.maternity).toBeNull();
    const zara = amira.family.members.find((m: any) => m.person.givenName === "Zara").person;
    expect(zara.maternity).toBeNull();
    expect(zara.healthVisiting.mandatedReviews).toHaveLength(5);
    expect(zara.childrensCentres.registrations.length).toBeGreaterThan(0);
    expect(zara.birthRegistration.asChild.registeredAtChildrensCentre).toBe(true);
    const unavailable = body.errors.filter((e: any) => e.extensions.code === "AGENCY_UNAVAILABLE");
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.every((e: any) => e.extensions.agency === "maternity")).toBe(true);
    expect(body.errors.every((e: any) => e.extensions.code === "AGENCY_UNAVAILABLE")).toBe(true);
    const text = JSON.stringify(body.errors);
    for (const leak of ["127.0.0.1", "ECONNREFUSED", "stacktrace", "fetch failed", "http://", "    at "])
      expect(text).not.toContain(leak);

    // A gateway started while the agency is down still starts and still answers.
    const second = await fed.startAnotherGateway();
    const res = await fetch(second.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${await fed.token("front-door")}`,
        "x-purpose-of-access": "direct-care",
      },
      body: JSON.stringify({
        query: HUSSAIN_QUERY,
        variables: { q: { familyName: "Hussain", dateOfBirth: "1994-03-12" } },
      }),
    });
    const again = (await res.json()) as any;
    expect(again.data.searchPeople[0].person.givenName).toBe("Amira");
    expect(again.errors.some((e: any) => e.extensions.agency === "maternity")).toBe(true);
  });

  const PROFILE = `query LocalityProfile($locality: ID!) {
    localityProfile(locality: $locality) {
      underFives births
      reach { children registered rate }
      reachMostDeprived { children registered rate }
      birthsRegisteredWithCentre { children registered rate }
      birthsRegisteredAtCentre { registered atCentre rate }
      reviewPerformance { reviews { review eligible rate nationalRate } }
    }
  }`;

  it("composes Brindleford Central's 0-5 profile for a data steward: family-index's counts, health visiting's review rates and registration's births registered at a centre, one call each", async () => {
    fed.calls.length = 0;
    const { status, body } = await fed.query(
      PROFILE,
      { locality: "brindleford-central" },
      await fed.token("data-steward"),
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const profile = body.data.localityProfile;
    // Zara and Arjun Patel are among the births of the last 12 months.
    expect(profile.births).toBeGreaterThanOrEqual(2);
    expect(profile.underFives).toBeGreaterThanOrEqual(profile.births);
    expect(profile.reach.children).toBe(profile.underFives);
    expect(profile.reach.registered).toBeLessThanOrEqual(profile.underFives);
    expect(profile.birthsRegisteredWithCentre.children).toBe(profile.births);
    expect(profile.reachMostDeprived.children).toBeLessThanOrEqual(profile.underFives);
    expect(profile.reviewPerformance.reviews.map((r: any) => r.nationalRate)).toEqual([null, 0.85, 0.8, 0.75, null]);
    // Arjun Patel, born in the 12 months to a mother of the locality, was registered in Brindleford.
    const { registered, atCentre, rate } = profile.birthsRegisteredAtCentre;
    expect(registered).toBeGreaterThanOrEqual(1);
    expect(atCentre).toBeLessThanOrEqual(registered);
    expect(rate).toBe(atCentre / registered);
    expect([...fed.calls].sort()).toEqual(["family-index", "health-visiting", "registration"]);
    // Counts that name no one: nobody's read is audited, and a registrar is refused.
    const registrar = await fed.query(PROFILE, { locality: "netherby" }, await fed.token("registrar"), "registration");
    expect(registrar.body.errors.map((e: any) => e.extensions.code)).toEqual(["FORBIDDEN"]);
  });

  it("puts Leo Nowak's overdue 1 year review on Netherby's work list, audits every child listed, and names an agency down", async () => {
    await fed.stopAgency("maternity"); // already stopped when the whole suite runs; health visiting is stopped below
    const WORKLIST = `query Worklist {
      mandatedReviewWorklist(locality: "netherby") {
        person { id givenName familyName maternity { localIds } }
        review dueBy status namedHealthVisitor
      }
      mandatedReviewPerformance(locality: "netherby") { reviews { review eligible completedInTime rate nationalRate } }
    }`;
    const frontDoor = await fed.token("front-door");
    const { status, body } = await fed.query(WORKLIST, {}, frontDoor, "direct-care");
    expect(status).toBe(200);
    const items = body.data.mandatedReviewWorklist as any[];
    const leo = items.find((i) => i.person.givenName === "Leo" && i.person.familyName === "Nowak");
    expect(leo).toMatchObject({
      review: "ONE_YEAR",
      status: "OVERDUE",
      dueBy: expect.any(String),
      namedHealthVisitor: expect.any(String),
    });
    expect(leo.dueBy < REFERENCE_DATE).toBe(true);
    // Overdue first.
    const statuses = items.map((i) => i.status);
    const firstNotOverdue = statuses.findIndex((s) => s !== "OVERDUE");
    expect(firstNotOverdue === -1 ? [] : statuses.slice(firstNotOverdue)).not.toContain("OVERDUE");
    // Partial data: maternity (stopped above) is null on each child, named in every error.
    expect(leo.person.maternity).toBeNull();
    expect(body.errors.length).toBeGreaterThan(0);
    expect(
      body.errors.every((e: any) => e.extensions.code === "AGENCY_UNAVAILABLE" && e.extensions.agency === "maternity"),
    ).toBe(true);
    // Performance beside it, with DESIGN.md's national figures.
    const perf = Object.fromEntries(
      body.data.mandatedReviewPerformance.reviews.map((r: any) => [r.review, r.nationalRate]),
    );
    expect(perf).toEqual({
      ANTENATAL: null,
      NEW_BIRTH_VISIT: 0.85,
      SIX_TO_EIGHT_WEEK: 0.8,
      ONE_YEAR: 0.75,
      TWO_TO_TWO_AND_A_HALF_YEAR: null,
    });
    // Every child listed is a read of that person, with health visiting's data.
    for (const id of new Set(items.map((i) => i.person.id))) {
      const [event] = await fed.audit.trailForPerson(id, { limit: 1 });
      expect(event).toMatchObject({ operationName: "Worklist", role: "front-door", purpose: "direct-care" });
      expect(event.agencies).toContain("health-visiting");
      expect(event.categories).toContain("health-visiting");
    }
    // A registrar may not read it; with health visiting down, the list is missing and named.
    const registrar = await fed.query(WORKLIST, {}, await fed.token("registrar"), "registration");
    expect(registrar.body.errors.map((e: any) => e.extensions.code)).toContain("FORBIDDEN");
    await fed.stopAgency("health-visiting");
    const down = (await fed.query(WORKLIST, {}, frontDoor, "direct-care")).body;
    expect(down.data).toBeNull();
    expect(down.errors.map((e: any) => [e.extensions.code, e.extensions.agency])).toContainEqual([
      "AGENCY_UNAVAILABLE",
      "health-visiting",
    ]);
    expect(JSON.stringify(down.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|http:\/\//);
  });

  it("gives the outreach list without the named health visitors when health visiting is down, naming it", async () => {
    await fed.stopAgency("health-visiting");
    const { body } = await fed.query(NEW_BIRTHS, { locality: "brindleford-central" }, await fed.token("front-door"));
    const arjun = body.data.newBirthsNotKnownToCentres.find((e: any) => e.child.givenName === "Arjun");
    expect(arjun.child.healthVisiting).toBeNull();
    expect(arjun.child.birthRegistration.asChild.district).toBe("Brindleford");
    expect(body.errors.length).toBeGreaterThan(0);
    expect(
      body.errors.every(
        (e: any) => e.extensions.code === "AGENCY_UNAVAILABLE" && e.extensions.agency === "health-visiting",
      ),
    ).toBe(true);
    const [event] = await fed.audit.trailForPerson(arjun.child.id, { limit: 1 });
    expect(event).toMatchObject({ unavailable: ["health-visiting"], outcome: "unavailable" });
  });

  it("gives the 0-5 profile's counts and births registered at a centre without the review rates when health visiting is down, naming it", async () => {
    await fed.stopAgency("health-visiting");
    const { body } = await fed.query(PROFILE, { locality: "brindleford-central" }, await fed.token("data-steward"));
    expect(body.data.localityProfile.births).toBeGreaterThanOrEqual(2);
    expect(body.data.localityProfile.reach.rate).toEqual(expect.any(Number));
    expect(body.data.localityProfile.reviewPerformance).toBeNull();
    expect(body.data.localityProfile.birthsRegisteredAtCentre.registered).toEqual(expect.any(Number));
    expect(body.errors.map((e: any) => [e.extensions.code, e.extensions.agency])).toEqual([
      ["AGENCY_UNAVAILABLE", "health-visiting"],
    ]);
    expect(JSON.stringify(body.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|http:\/\//);
  });
};

describe("federation over pglite", federationSuite("pglite"));
describeIf(postgresAvailable())("federation over postgres", federationSuite("postgres"));
