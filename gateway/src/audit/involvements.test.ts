import { buildSchema, execute, getOperationAST, parse, print, type GraphQLFormattedError } from "graphql";
import { addPersonIds, collectPersonReads } from "./collect";
import { PERSON_FIELD_CATEGORIES } from "./event";

/*
 * Person.involvements in the audit trail: each Involvement that comes back is a read of its
 * agency's data about the person it sits under (in `agencies`, under the agency's category),
 * whether or not the client selected its `agency`; an agency left out as unavailable is recorded
 * as such.
 */

const schema = buildSchema(`
  enum AgencyName { MATERNITY HEALTH_VISITING CHILDRENS_CENTRES REGISTRATION CHILDRENS_SOCIAL_CARE }
  enum InvolvementStatus { CURRENT HISTORIC }
  type LeadPractitioner { name: String! role: String! team: String phone: String }
  type Involvement {
    agency: AgencyName!
    status: InvolvementStatus!
    leadPractitioner: LeadPractitioner
    since: String
    lastContactOn: String
  }
  type Person { id: ID! givenName: String involvements: [Involvement!]! }
  type Query { person(id: ID!): Person }
`);

const ZARA = {
  id: "p2",
  givenName: "Zara",
  involvements: [
    {
      agency: "HEALTH_VISITING",
      status: "CURRENT",
      leadPractitioner: { name: "Grace Okafor", role: "Health visitor" },
    },
    { agency: "REGISTRATION", status: "HISTORIC", leadPractitioner: null },
  ],
};

/** The query as the gateway runs it (ids and audit keys added), its result, and what is recorded. */
async function audit(query: string, errors: GraphQLFormattedError[] = []) {
  const document = addPersonIds(schema, parse(query));
  const result = await execute({ schema, document, rootValue: { person: () => ZARA } });
  expect(result.errors).toBeUndefined();
  const data = result.data as Record<string, unknown>;
  const reads = collectPersonReads({
    schema,
    document,
    operation: getOperationAST(document)!,
    variables: {},
    data,
    errors,
  });
  return { reads, data, sent: print(document) };
}

describe("the audit of Person.involvements", () => {
  it("records each involvement's agency on the person, even when the client selected only the practitioner", async () => {
    const { reads, data, sent } = await audit(`{ person(id: "p2") { involvements { leadPractitioner { name } } } }`);
    expect(sent).toContain("auditAgency_: agency");
    expect(reads).toEqual([
      {
        personId: "p2",
        agencies: ["health-visiting", "registration"],
        categories: ["health-visiting", "registration"],
        denied: [],
        unavailable: [],
      },
    ]);
    // What the gateway added is taken out of the answer again.
    expect(data).toEqual({
      person: { involvements: [{ leadPractitioner: { name: "Grace Okafor" } }, { leadPractitioner: null }] },
    });
  });

  it("records the agencies beside the identity read, and an agency left out as unavailable", async () => {
    const { reads } = await audit(`{ person(id: "p2") { givenName involvements { agency status } } }`, [
      {
        message: "The maternity system is unavailable",
        path: ["person", "involvements"],
        extensions: { code: "AGENCY_UNAVAILABLE", agency: "maternity" },
      },
    ]);
    expect(reads).toEqual([
      {
        personId: "p2",
        agencies: ["health-visiting", "registration"],
        categories: ["identity", "health-visiting", "registration"],
        denied: [],
        unavailable: ["maternity"],
      },
    ]);
  });

  it("gives the list itself no category of its own, and refuses the audit key as a client's alias", async () => {
    expect(PERSON_FIELD_CATEGORIES.involvements).toBeNull();
    expect(() => addPersonIds(schema, parse(`{ person(id: "p2") { involvements { auditAgency_: status } } }`))).toThrow(
      /reserved for the audit trail/,
    );
  });
});
