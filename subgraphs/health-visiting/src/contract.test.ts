import { describeAgencyContract } from "../../../tests/support/agency-contract";
import { createServer } from "./server";
import { FIXTURE_LOCALITIES, FIXTURE_REFERENCE_DATE, openFixtureDb } from "./testing/health-visiting.fixture";

const person = (id: string, healthVisitingRecordIds: string[]) => ({ id, healthVisitingRecordIds });
const PATIENTS = ["1001", "1002", "1003", "1004", "1005", "1006", "1007", "1008", "1009", "1010"];

describeAgencyContract({
  agency: "health-visiting",
  openFixtureDb,
  createServer,
  settings: { config: { REFERENCE_DATE: FIXTURE_REFERENCE_DATE }, localities: FIXTURE_LOCALITIES },
  entities: {
    Person: {
      guard: "person",
      known: [...PATIENTS.map((id) => person(`p${id}`, [id])), person("p-leo", ["99999", "1004", "1004", "1011"])],
      unknown: [person("p-none", []), person("p-gone", ["99999", "not-an-id", "01002"])],
      // Patients joined with their caseload, mothers of the children, contacts.
      queries: ["hv_caseload,hv_patient", "hv_family_rel", "hv_contact"],
    },
    // The 0-5 profile's review rates: every locality of the fixture's reference.
    LocalityProfile: {
      guard: "list",
      list: "mandatedReviewPerformance",
      known: [{ id: "north" }, { id: "south" }, { id: "east" }, { id: "west" }],
      unknown: [{ id: "atlantis" }],
      queries: ["hv_caseload,hv_patient", "hv_family_rel", "hv_contact"],
    },
  },
  badRow: {
    // A contact whose date does not read.
    async plant(db) {
      await db.exec(
        `INSERT INTO hv_contact (contact_id, pat_id, contact_dt, contact_type_cd, outcome_cd, bf_status_cd, asq3_cd, staff_name)
         VALUES (6, 1002, '32/05/2025', 'HV', 'ATT', NULL, NULL, 'Zebedee Brown')`,
      );
    },
    entity: "Person",
    // One batch reads both: both fail, neither answers a record short of a contact.
    representations: [person("person-zara", ["1002"]), person("person-leo", ["1004"])],
    count: 1,
    columns: ["contact_dt"],
    values: ["32/05", "Zebedee"],
  },
});
