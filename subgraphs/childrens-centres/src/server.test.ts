import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { CountingDb, createLogger, type Db, maskFormattedError } from "@ffd/shared";
import type { GraphQLSchema } from "graphql";
import { parseChildrensCentresConfig } from "./config";
import type { ChildrensCentresContext } from "./context";
import { buildSchema, createContext } from "./server";
import { PostgresChildrensCentresSource } from "./source/childrens-centres.postgres";
import { FIXTURE_REFERENCE_DATE, openFixtureDb } from "./testing/fixtures";
import { secretEnv } from "../../../tests/support/secrets";
import { FULL_ACCESS } from "../../../tests/support/agency";

const config = parseChildrensCentresConfig({
  ...secretEnv(),
  NODE_ENV: "test",
  LOG_LEVEL: "silent",
  REFERENCE_DATE: FIXTURE_REFERENCE_DATE,
});
const logger = createLogger("childrens-centres", "silent");

const PERSON_ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Person {
        id
        childrensCentres {
          localIds
          registrations {
            memberRef
            role
            relationship
            registeredOn
            consentToShare
            household {
              reference
              addressLine1
              town
              postcode
            }
            centre {
              code
              name
              cluster
              locality
              postcode
              inMostDeprived30Percent
            }
            sessionsAttended
            lastAttendedOn
            recentSessions(limit: 2) {
              date
              activity
              centre {
                code
              }
            }
          }
        }
      }
    }
  }
`;

const person = (id: string, childrensCentresRecordIds?: string[]) => ({
  __typename: "Person",
  id,
  childrensCentresRecordIds,
});

const RIVERSIDE = {
  code: "CC01",
  name: "Riverside Children's Centre",
  cluster: "North Cluster",
  locality: "Northfield",
  postcode: "E1 6AB",
  inMostDeprived30Percent: true,
};
const HH1 = { reference: "HH000001", addressLine1: "12 Mill Lane", town: "Northfield", postcode: "E1 6AN" };

describe("childrens-centres subgraph", () => {
  let db: Db;
  let counting: CountingDb;
  let schema: GraphQLSchema;
  let apollo: ApolloServer<ChildrensCentresContext>;

  beforeAll(async () => {
    db = await openFixtureDb();
    counting = new CountingDb(db);
    schema = await buildSchema();
    apollo = new ApolloServer<ChildrensCentresContext>({
      schema,
      formatError: (formatted) => maskFormattedError(formatted),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    await apollo.start();
  });
  afterAll(async () => {
    await apollo.stop();
    await db.close();
  });

  async function run(query: string, variables: Record<string, unknown> = {}) {
    counting.reset();
    const source = new PostgresChildrensCentresSource(counting);
    const response = await apollo.executeOperation(
      { query, variables },
      {
        contextValue: createContext({
          source,
          logger,
          requestId: "test-request",
          caller: FULL_ACCESS,
          referenceDate: config.REFERENCE_DATE,
        }),
      },
    );
    if (response.body.kind !== "single") throw new Error("expected a single result");
    return response.body.singleResult;
  }

  describe("Person.childrensCentres", () => {
    it("shows a carer's registration: household, centre, attendance as of the reference date", async () => {
      const result = await run(PERSON_ENTITIES, { representations: [person("person-amira", ["M0000001"])] });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        _entities: [
          {
            id: "person-amira",
            childrensCentres: {
              localIds: ["M0000001"],
              registrations: [
                {
                  memberRef: "M0000001",
                  role: "CARER",
                  relationship: "Self",
                  registeredOn: "2024-11-02",
                  consentToShare: true,
                  household: HH1,
                  centre: RIVERSIDE,
                  // Session 5 (2025-07-07) is after the reference date.
                  sessionsAttended: 4,
                  lastAttendedOn: "2025-06-30",
                  recentSessions: [
                    { date: "2025-06-30", activity: "Stay and Play", centre: { code: "CC01" } },
                    { date: "2025-06-16", activity: "Breastfeeding Support", centre: { code: "CC02" } },
                  ],
                },
              ],
            },
          },
        ],
      });
    });

    it("shows a child with no sessions yet, and a household with no address or consent", async () => {
      const result = await run(
        /* GraphQL */ `
          query ($representations: [_Any!]!) {
            _entities(representations: $representations) {
              ... on Person {
                childrensCentres {
                  registrations {
                    memberRef
                    role
                    consentToShare
                    household {
                      reference
                      postcode
                    }
                    centre {
                      code
                    }
                    sessionsAttended
                    lastAttendedOn
                    recentSessions {
                      date
                    }
                  }
                }
              }
            }
          }
        `,
        { representations: [person("person-jo", ["M0000005"])] },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        _entities: [
          {
            childrensCentres: {
              registrations: [
                {
                  memberRef: "M0000005",
                  role: "CARER",
                  consentToShare: false,
                  household: { reference: "HH000002", postcode: null },
                  centre: { code: "CC02" },
                  sessionsAttended: 0,
                  lastAttendedOn: null,
                  recentSessions: [],
                },
              ],
            },
          },
        ],
      });
    });

    it("drops unknown and repeated ids, keeping the order asked", async () => {
      const result = await run(
        /* GraphQL */ `
          query ($representations: [_Any!]!) {
            _entities(representations: $representations) {
              ... on Person {
                id
                childrensCentres {
                  localIds
                  registrations {
                    memberRef
                    role
                  }
                }
              }
            }
          }
        `,
        {
          representations: [
            person("zara", ["M9999999", "M0000002", "M0000002"]),
            person("twice", ["M0000007", "M0000004"]),
          ],
        },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        _entities: [
          {
            id: "zara",
            childrensCentres: { localIds: ["M0000002"], registrations: [{ memberRef: "M0000002", role: "CHILD" }] },
          },
          {
            id: "twice",
            childrensCentres: {
              localIds: ["M0000007", "M0000004"],
              registrations: [
                { memberRef: "M0000007", role: "CARER" },
                { memberRef: "M0000004", role: "CHILD" },
              ],
            },
          },
        ],
      });
    });

    it.each([0, 51, -1])("refuses recentSessions(limit: %p) as BAD_USER_INPUT", async (limit) => {
      const result = await run(
        /* GraphQL */ `
          query ($representations: [_Any!]!, $limit: Int) {
            _entities(representations: $representations) {
              ... on Person {
                childrensCentres {
                  registrations {
                    recentSessions(limit: $limit) {
                      date
                    }
                  }
                }
              }
            }
          }
        `,
        { representations: [person("p", ["M0000001"])], limit },
      );
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0].extensions).toEqual({ code: "BAD_USER_INPUT", field: "limit" });
      expect(result.errors?.[0].message).toBe(`limit must be a whole number from 1 to 50; you asked for ${limit}.`);
      // recentSessions is nullable (detail the policy may withhold), so the error nulls it alone.
      expect(result.data).toEqual({ _entities: [{ childrensCentres: { registrations: [{ recentSessions: null }] } }] });
    });

    it("accepts recentSessions(limit: 50) and gives all sessions up to the reference date", async () => {
      const result = await run(
        /* GraphQL */ `
          query ($representations: [_Any!]!) {
            _entities(representations: $representations) {
              ... on Person {
                childrensCentres {
                  registrations {
                    recentSessions(limit: 50) {
                      date
                    }
                  }
                }
              }
            }
          }
        `,
        { representations: [person("p", ["M0000001"])] },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        _entities: [
          {
            childrensCentres: {
              registrations: [
                {
                  recentSessions: [
                    { date: "2025-06-30" },
                    { date: "2025-06-16" },
                    { date: "2025-06-09" },
                    { date: "2025-06-02" },
                  ],
                },
              ],
            },
          },
        ],
      });
    });
  });

  describe("batching: _entities with N representations", () => {
    it("answers N people, each with their registrations' centres and attendance", async () => {
      const many = await run(PERSON_ENTITIES, {
        representations: [
          person("amira", ["M0000001"]),
          person("zara-and-baby", ["M0000002", "M0000006"]),
          person("grace", ["M0000007"]),
          person("jo", ["M0000005"]),
          person("omar", ["M0000003"]),
          person("nobody", []),
        ],
      });
      expect(many.errors).toBeUndefined();
      const entities = (
        many.data as {
          _entities: {
            id: string;
            childrensCentres: { registrations: { sessionsAttended: number; centre: { code: string } }[] } | null;
          }[];
        }
      )._entities;
      expect(
        entities.map((e) => [
          e.id,
          e.childrensCentres?.registrations.map((r) => [r.centre.code, r.sessionsAttended]) ?? null,
        ]),
      ).toEqual([
        ["amira", [["CC01", 4]]],
        [
          "zara-and-baby",
          [
            ["CC01", 2],
            ["CC02", 1],
          ],
        ],
        ["grace", [["CC01", 0]]],
        ["jo", [["CC02", 0]]],
        ["omar", [["CC01", 0]]],
        ["nobody", null],
      ]);
    });
  });

  it("lists the centre directory in code order", async () => {
    const result = await run(/* GraphQL */ `
      {
        childrensCentres {
          code
          name
          cluster
          locality
          postcode
          inMostDeprived30Percent
        }
      }
    `);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      childrensCentres: [
        RIVERSIDE,
        {
          code: "CC02",
          name: "Hillside Family Hub",
          cluster: "South Cluster",
          locality: "Southgate",
          postcode: "SE5 9XY",
          inMostDeprived30Percent: false,
        },
        {
          code: "CC03",
          name: "Parkview Children's Centre",
          cluster: "North Cluster",
          locality: "Northfield",
          postcode: "E2 8CD",
          inMostDeprived30Percent: true,
        },
      ],
    });
    expect(counting.count).toBe(1);
  });
});
