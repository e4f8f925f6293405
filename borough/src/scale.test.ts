import { generateBorough } from "./generate";

/**
 * The generator copes with a large borough: sane counts at 100,000 families. How long it takes is
 * printed here and measured by `npm run bench` (a timed assertion would fail on a loaded machine).
 */
describe("a borough of 100,000 families", () => {
  it("generates with sane counts", () => {
    const started = performance.now();
    const b = generateBorough({ seed: 2, referenceDate: "2025-06-01", families: 100_000, noise: "default" });
    const ms = Math.round(performance.now() - started);
    const rows = Object.fromEntries(
      Object.values(b.databases).flatMap((db) => db.tables.map((t) => [t.table, t.rows.length])),
    );
    const heapMb = Math.round(process.memoryUsage().heapUsed / 1e6);

    console.log(`100,000 families: ${ms} ms, heap ${heapMb} MB, ${b.truth.length} truth records`, rows);
    expect(rows.msd001_mother_demog).toBeGreaterThan(85_000);
    expect(rows.msd401_baby_demog).toBeGreaterThan(110_000);
    expect(rows.hv_patient).toBeGreaterThan(200_000);
    expect(rows.cc_household).toBeGreaterThan(55_000);
    expect(rows.cc_household).toBeLessThan(70_000);
    expect(rows.ron_birth_reg).toBeGreaterThan(150_000);
    expect(b.truth.length).toBeGreaterThan(1_000_000);
  });
});
