import { describeAgencyContract } from "../../../tests/support/agency-contract";
import { createServer } from "./server";
import { FIXTURE_REFERENCE_DATE, openFixtureDb } from "./testing/fixtures";

const person = (id: string, childrensCentresRecordIds?: string[]) => ({ id, childrensCentresRecordIds });

describeAgencyContract({
  agency: "childrens-centres",
  openFixtureDb,
  createServer,
  settings: { config: { REFERENCE_DATE: FIXTURE_REFERENCE_DATE } },
  entities: {
    Person: {
      guard: "person",
      known: [
        person("amira", ["M0000001"]),
        person("zara-and-baby", ["M0000002", "M0000006"]),
        person("grace", ["M0000007"]),
        person("jo", ["M0000005"]),
        person("omar", ["M0000003"]),
      ],
      unknown: [person("none", []), person("no-list"), person("gone", ["M9999999"])],
      // However many records, households and centres the people span.
      queries: ["cc_member", "cc_household", "cc_centre", "cc_attendance,cc_session"],
    },
    ChildrensCentre: {
      guard: "public",
      known: [{ code: "CC03" }, { code: "CC01" }, { code: "CC02" }],
      unknown: [{ code: "CC99" }],
      queries: ["cc_centre"],
    },
  },
  badRow: {
    // A member's role outside the system's code set.
    async plant(db) {
      await db.exec(
        "UPDATE cc_member SET member_role = 'LODGER', first_name = 'Zebedee' WHERE member_ref = 'M0000004'",
      );
    },
    entity: "Person",
    representations: [person("yusuf", ["M0000004"]), person("amira", ["M0000001"])],
    count: 1,
    columns: ["member_role"],
    values: ["LODGER", "Zebedee"],
  },
});
