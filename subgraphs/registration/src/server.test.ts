import {
  callerFor,
  createLogger,
  type Db,
  IDENTITY_FEED_AUDIENCE,
  IDENTITY_FEED_PATH,
  type IdentityFeedPage,
  type RunningService,
  signServiceToken,
  decodeFeedCursor,
} from "@ffd/shared";
import { parseRegistrationConfig } from "./config";
import { createServer, type RegistrationServer } from "./server";
import { FIXTURE_LOCAL_IDS, openFixtureDb } from "./testing/fixtures";
import { secretEnv } from "../../../tests/support/secrets";
import { inProcess } from "../../../tests/support/agency";

const config = parseRegistrationConfig({ ...secretEnv(), NODE_ENV: "test" });
const silent = createLogger("registration", "silent");

const ENTRY_FIELDS = `
  id district entryNumber registeredOn daysFromBirthToRegistration registeredWithinLegalPeriod
  registeredAtChildrensCentre venue placeOfBirth informant
  child { forenames surname sex dateOfBirth nhsNumber }
  mother { kind forenames surname maidenSurname dateOfBirth }
  secondParent { kind forenames surname maidenSurname dateOfBirth }`;

const PERSON_ENTITIES = `
  query ($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on Person { id birthRegistration { localIds asChild { id } asParent { id } } }
    }
  }`;

const REGISTRATION_ENTITIES = `
  query ($reps: [_Any!]!) {
    _entities(representations: $reps) { ... on BirthRegistration { ${ENTRY_FIELDS} } }
  }`;

const person = (id: string, registrationRecordIds: unknown[]) => ({ __typename: "Person", id, registrationRecordIds });
const registration = (id: unknown) => ({ __typename: "BirthRegistration", id });

/** The registrar sees the register in full, with no relationship needed. */
const REGISTRAR = callerFor("registrar", "registration");

describe("registration subgraph", () => {
  let db: Db;
  let server: RegistrationServer;
  let answering: Awaited<ReturnType<typeof inProcess>>;

  beforeAll(async () => {
    db = await openFixtureDb();
    server = await createServer({ db, config, logger: silent });
    answering = await inProcess(server);
  });
  afterAll(async () => {
    await answering.stop();
    await db.close();
  });

  const run = (query: string, variables: Record<string, unknown>) => answering.run(query, variables, REGISTRAR);

  describe("BirthRegistration", () => {
    it("shows an entry as registered, with a father and a children's centre venue", async () => {
      const result = await run(REGISTRATION_ENTITIES, { reps: [registration("Northbrook:101")] });
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toEqual([
        {
          id: "Northbrook:101",
          district: "Northbrook",
          entryNumber: 101,
          registeredOn: "2024-02-12",
          daysFromBirthToRegistration: 42,
          registeredWithinLegalPeriod: true,
          registeredAtChildrensCentre: true,
          venue: "Northbrook Children's Centre",
          placeOfBirth: "Northbrook General Hospital",
          informant: "Mother and father",
          child: {
            forenames: "Lily Rose",
            surname: "Okafor",
            sex: "FEMALE",
            dateOfBirth: "2024-01-01",
            nhsNumber: "9434765919",
          },
          mother: {
            kind: "MOTHER",
            forenames: "Grace",
            surname: "Okafor",
            maidenSurname: "Adeyemi",
            dateOfBirth: "1990-05-05",
          },
          secondParent: {
            kind: "FATHER",
            forenames: "Daniel",
            surname: "Okafor",
            maidenSurname: null,
            dateOfBirth: "1988-07-07",
          },
        },
      ]);
    });

    it("applies the 42-day rule at its boundary: day 42 is within, day 43 is late", async () => {
      const result = await run(REGISTRATION_ENTITIES, {
        reps: [registration("Northbrook:101"), registration("Northbrook:102")],
      });
      const [day42, day43] = result.data?._entities as Record<string, unknown>[];
      expect([day42.daysFromBirthToRegistration, day42.registeredWithinLegalPeriod]).toEqual([42, true]);
      expect([day43.daysFromBirthToRegistration, day43.registeredWithinLegalPeriod]).toEqual([43, false]);
    });

    it("translates a second female parent, an unstated sex and a register office registration", async () => {
      const result = await run(REGISTRATION_ENTITIES, {
        reps: [registration("Northbrook:102"), registration("Northbrook:103"), registration("Southmere:7")],
      });
      expect(result.data?._entities).toMatchObject([
        {
          registeredAtChildrensCentre: false,
          venue: "Register Office",
          secondParent: null,
          child: { sex: "MALE", nhsNumber: null },
        },
        {
          daysFromBirthToRegistration: 10,
          registeredWithinLegalPeriod: true,
          child: { sex: "FEMALE", nhsNumber: null },
          secondParent: {
            kind: "SECOND_FEMALE_PARENT",
            forenames: "Chloe",
            surname: "Jones",
            maidenSurname: null,
            dateOfBirth: null,
          },
        },
        {
          registeredAtChildrensCentre: true,
          venue: "Southmere Family Hub",
          child: { sex: "UNKNOWN" },
          secondParent: { kind: "FATHER" },
        },
      ]);
    });
  });

  describe("Person.birthRegistration", () => {
    it("gives a child their own registration", async () => {
      const result = await run(
        `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id birthRegistration { localIds asChild { ${ENTRY_FIELDS} } asParent { id } } } } }`,
        {
          reps: [person("p-lily", ["Northbrook:101:child"])],
        },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toMatchObject([
        {
          id: "p-lily",
          birthRegistration: {
            localIds: ["Northbrook:101:child"],
            asChild: {
              id: "Northbrook:101",
              child: { forenames: "Lily Rose" },
              registeredAtChildrensCentre: true,
              registeredWithinLegalPeriod: true,
            },
            asParent: [],
          },
        },
      ]);
    });

    it("gives a mother both her children's registrations, eldest first", async () => {
      const result = await run(PERSON_ENTITIES, {
        reps: [person("p-grace", ["Northbrook:102:mother", "Northbrook:101:mother"])],
      });
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toEqual([
        {
          id: "p-grace",
          birthRegistration: {
            localIds: ["Northbrook:102:mother", "Northbrook:101:mother"],
            asChild: null,
            asParent: [{ id: "Northbrook:101" }, { id: "Northbrook:102" }],
          },
        },
      ]);
    });

    it("keeps only the ids that exist", async () => {
      const result = await run(PERSON_ENTITIES, {
        reps: [person("p-daniel", ["Northbrook:101:parent2", "Northbrook:102:parent2", "junk"])],
      });
      expect(result.data?._entities).toEqual([
        {
          id: "p-daniel",
          birthRegistration: {
            localIds: ["Northbrook:101:parent2"],
            asChild: null,
            asParent: [{ id: "Northbrook:101" }],
          },
        },
      ]);
    });
  });

  describe("over HTTP", () => {
    let running: RunningService;
    let base: string;

    beforeAll(async () => {
      running = await server.start(0);
      base = running.url.replace(/\/graphql$/, "");
    });
    afterAll(() => running.stop());

    const feed = async (query: string, token?: string) =>
      fetch(`${base}${IDENTITY_FEED_PATH}${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const familyIndexToken = () =>
      signServiceToken(config.INTERNAL_TOKEN_SECRET, "family-index", IDENTITY_FEED_AUDIENCE);

    it("refuses the identity feed without a token (401) and to any service but family-index (403)", async () => {
      expect((await feed("?limit=10")).status).toBe(401);
      const gatewayToken = await signServiceToken(config.INTERNAL_TOKEN_SECRET, "gateway", IDENTITY_FEED_AUDIENCE);
      expect((await feed("?limit=10", gatewayToken)).status).toBe(403);
      const wrongSecret = await signServiceToken(
        "another-secret-that-is-at-least-32-characters",
        "family-index",
        IDENTITY_FEED_AUDIENCE,
      );
      expect((await feed("?limit=10", wrongSecret)).status).toBe(401);
    });

    it("serves every person on the register in one page", async () => {
      const response = await feed("?limit=100", await familyIndexToken());
      expect(response.status).toBe(200);
      const page = (await response.json()) as IdentityFeedPage;
      expect(page.agency).toBe("registration");
      expect(page.nextCursor).toBeNull();
      expect(page.records.map((r) => r.localId)).toEqual(FIXTURE_LOCAL_IDS);
    });

    it.each([1, 2, 3, 4, 7, 11])(
      "pages with limit %i to exactly all records, pages ending inside entries",
      async (limit) => {
        const token = await familyIndexToken();
        const seen: string[] = [];
        const cursors: string[] = [];
        let after: string | null = null;
        for (let pages = 0; pages < 50; pages++) {
          const response = await feed(`?limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ""}`, token);
          expect(response.status).toBe(200);
          const page = (await response.json()) as IdentityFeedPage;
          seen.push(...page.records.map((r) => r.localId));
          if (!page.nextCursor) break;
          cursors.push(page.nextCursor);
          after = page.nextCursor;
        }
        expect(seen).toEqual(FIXTURE_LOCAL_IDS);
        // The first page ends inside the first entry (the cursor is opaque to family-index).
        if (limit === 2) expect(decodeFeedCursor(cursors[0])).toMatchObject({ after: "Northbrook:101:mother" });
      },
    );
  });
});
