import { describeAgencyContract } from "../../../tests/support/agency-contract";
import { createServer } from "./server";
import { FIXTURE_TODAY, openFixtureDb } from "./testing/fixtures";

const person = (id: string, childrensSocialCareRecordIds: unknown[]) => ({ id, childrensSocialCareRecordIds });

describeAgencyContract({
  agency: "childrens-social-care",
  openFixtureDb,
  createServer,
  settings: { config: {}, today: () => FIXTURE_TODAY },
  entities: {
    Person: {
      guard: "person",
      known: [
        person("p-daniel", ["C1000002"]),
        person("p-grace", ["C1000001"]),
        person("p-sam", ["C1000003"]),
        person("p-ava", ["C1000004"]),
      ],
      unknown: [person("p-unknown", ["C9999999", 7, null]), person("p-none", [])],
      // Clients (with their workers), episodes, reviews.
      queries: ["csc_client,csc_worker", "csc_episode", "csc_cp_review"],
    },
  },
  badRow: {
    // An episode type outside the system's code set, and an end before the start.
    async plant(db) {
      await db.exec(`INSERT INTO csc_episode (episode_id, client_no, episode_typ, start_dt, end_dt)
                     VALUES (9, 'C1000004', 'XYZ', '20250101', ''), (10, 'C1000004', 'CIN', '20250101', '20241231')`);
    },
    entity: "Person",
    representations: [person("p-ava", ["C1000004"])],
    count: 2,
    columns: ["end_dt", "episode_typ"],
    values: ["XYZ", "20241231"],
  },
});
