import { describeAgencyContract } from "../../../tests/support/agency-contract";
import { createServer } from "./server";
import { openFixtureDb } from "./testing/fixtures";

const person = (id: string, maternityRecordIds: string[]) => ({ id, maternityRecordIds });
const BIRTHS = "msd000_org,msd001_mother_demog,msd401_baby_demog";

describeAgencyContract({
  agency: "maternity",
  openFixtureDb,
  createServer,
  // The day its involvements are as of (the contract reads no status).
  settings: { config: { REFERENCE_DATE: "2024-08-09" } },
  entities: {
    Person: {
      guard: "person",
      known: [
        person("p-amira", ["MAT0000001"]),
        person("p-beth", ["MAT0000002"]),
        person("p-zara", ["BAB0000001"]),
        person("p-chloe", ["MAT9999999", "MAT0000003"]),
        person("p-twin", ["BAB0000003"]),
        person("p-dana", ["MAT0000004"]),
      ],
      unknown: [person("p-stranger", ["MAT9999999", "BAB9999999"]), person("p-none", [])],
      // Mothers (with their trust), pregnancies by mother, births by baby id, births by pregnancy.
      queries: ["msd000_org,msd001_mother_demog", "msd101_preg_booking", BIRTHS, BIRTHS],
    },
    Pregnancy: {
      guard: "record",
      known: [{ id: "PRG0000005" }, { id: "PRG0000002" }, { id: "PRG0000003" }, { id: "PRG0000001" }],
      unknown: [{ id: "PRG9999999" }],
      queries: ["msd101_preg_booking", BIRTHS],
    },
    BirthDetails: {
      guard: "detail",
      known: [{ localId: "BAB0000001" }, { localId: "BAB0000002" }, { localId: "BAB0000004" }],
      unknown: [{ localId: "BAB9999999" }, { localId: "MAT0000001" }],
      queries: [BIRTHS],
    },
  },
  badRow: {
    // A delivery method outside the system's code set.
    async plant(db) {
      await db.exec(
        "UPDATE msd401_baby_demog SET delivery_method_cd = 'Z', baby_forename = 'Zebedee' WHERE baby_local_id = 'BAB0000001'",
      );
    },
    entity: "Person",
    representations: [person("p-zara", ["BAB0000001"]), person("p-twin", ["BAB0000003"])],
    count: 1,
    columns: ["delivery_method_cd"],
    values: ["Zebedee"],
  },
});
