import { describeAgencyContract } from "../../../tests/support/agency-contract";
import { createServer } from "./server";
import { FIXTURE_LOCALITIES, FIXTURE_REFERENCE_DATE, openFixtureDb } from "./testing/fixtures";

const person = (id: string, registrationRecordIds?: unknown[]) => ({ id, registrationRecordIds });

describeAgencyContract({
  agency: "registration",
  openFixtureDb,
  createServer,
  settings: { config: { REFERENCE_DATE: FIXTURE_REFERENCE_DATE }, localities: FIXTURE_LOCALITIES },
  entities: {
    Person: {
      guard: "person",
      known: [
        person("p-lily", ["Northbrook:101:child"]),
        person("p-grace", ["Northbrook:102:mother", "Northbrook:101:mother"]),
        person("p-daniel", ["Northbrook:101:parent2", "Northbrook:102:parent2", "junk"]),
        person("p-chloe", ["Northbrook:103:parent2"]),
        person("p-sam", ["Southmere:7:child"]),
      ],
      unknown: [
        person("p-none", []),
        person("p-bad", ["Northbrook:101", "Northbrook:101:father", 42, null]),
        person("p-unknown", ["Northbrook:999:child", "Northbrook:102:parent2"]),
        person("p-no-list"),
      ],
      queries: ["ron_birth_reg"],
    },
    BirthRegistration: {
      guard: "record",
      known: [
        { id: "Southmere:7" },
        { id: "Northbrook:101" },
        { id: "Northbrook:103" },
        { id: "Northbrook:102" },
        { id: "Northbrook:101" },
      ],
      unknown: [{ id: "Northbrook:999" }, { id: "not an id" }, { id: 101 }],
      queries: ["ron_birth_reg"],
    },
    RegisteredChild: {
      guard: "detail",
      known: [
        { localId: "Northbrook:101:child" },
        { localId: "Northbrook:102:child" },
        { localId: "Southmere:7:child" },
      ],
      unknown: [
        { localId: "Northbrook:101:mother" },
        { localId: "Northbrook:999:child" },
        { localId: "Northbrook:101" },
      ],
      queries: ["ron_birth_reg"],
    },
    RegisteredParent: {
      guard: "detail",
      known: [
        { localId: "Northbrook:101:mother" },
        { localId: "Northbrook:101:parent2" },
        { localId: "Northbrook:103:parent2" },
        { localId: "Southmere:7:mother" },
      ],
      unknown: [{ localId: "Northbrook:101:child" }, { localId: "Northbrook:102:parent2" }],
      queries: ["ron_birth_reg"],
    },
    // The 0-5 profile's births registered at a centre: every locality of the fixture's reference.
    LocalityProfile: {
      guard: "list",
      list: "localityProfile",
      known: [{ id: "north" }, { id: "south" }, { id: "east" }],
      unknown: [{ id: "atlantis" }, { id: 7 }],
      queries: ["ron_birth_reg"],
    },
  },
  badRow: {
    // A child's sex outside the register's code set ('0', '1', '2', '9').
    async plant(db) {
      await db.exec(`UPDATE ron_birth_reg SET child_sex = 'Q', child_forenames = 'Zebedee'
                     WHERE reg_district = 'Northbrook' AND entry_no = 103`);
    },
    entity: "Person",
    representations: [person("p-ava", ["Northbrook:103:child"]), person("p-emma", ["Northbrook:103:mother"])],
    count: 1,
    columns: ["child_sex"],
    values: ["Zebedee", "Smith-Jones", "Chloe"],
  },
});
