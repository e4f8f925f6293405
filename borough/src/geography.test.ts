import { readFileSync } from "node:fs";
import { buildGeography, deprivationDecile, localityReference } from "./geography";
import { LOCALITY_REFERENCE_PATH } from "./locality-reference-cli";

describe("deprivation deciles of the borough's postcodes", () => {
  const geo = buildGeography(1, 2000);

  it("puts most small areas of centres marked deprived in the 30% most deprived, and few of the others", () => {
    // Every small area of each centre's sectors (fixed whatever the seed, so this cannot flake).
    for (const centre of geo.centres) {
      const areas = centre.sectors.flatMap((s) => [..."ABDEFGHJLNPQRSTUWXYZ"].map((l) => `${s}${l}A`));
      const share = areas.filter((pc) => deprivationDecile(pc)! <= 3).length / areas.length;
      if (centre.deprived) expect(share).toBeGreaterThan(0.75);
      else expect(share).toBeLessThanOrEqual(0.2);
    }
    // And the units families live in: about a third of them in the 30% most deprived areas.
    const units = geo.units.flat();
    const deprivedShare = units.filter((u) => u.imdDecile <= 3).length / units.length;
    expect(deprivedShare).toBeGreaterThan(0.3);
    expect(deprivedShare).toBeLessThan(0.5);
  });

  it("spreads the other centres' areas over deciles 3-10, and the deprived centres' over 1-5", () => {
    const deciles = (deprived: boolean) =>
      new Set(
        geo.centres.filter((c) => c.deprived === deprived).flatMap((c) => geo.units[c.index].map((u) => u.imdDecile)),
      );
    expect([...deciles(true)].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect([...deciles(false)].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("gives a unit the decile of its small area, the same whatever the seed, and none outside the borough", () => {
    const other = buildGeography(99, 500);
    for (const u of [...geo.units.flat(), ...other.units.flat()])
      expect(u.imdDecile).toBe(deprivationDecile(u.postcode));
    expect(deprivationDecile("DY1 4QA")).toBe(deprivationDecile("DY1 4QZ"));
    expect(deprivationDecile("B1 1AA")).toBeNull();
  });
});

describe("the locality reference", () => {
  it("names each locality's clusters, centres and sectors as the generator places them", () => {
    const reference = localityReference();
    expect(reference.localities.map((l) => [l.id, l.clusters.map((c) => c.name)])).toEqual([
      ["brindleford-central", ["Brindleford Town", "Brindleford Park"]],
      ["netherby", ["Netherby Vale", "Coppice"]],
      ["saltwell", ["Saltwell Canal", "Saltwell Heath"]],
      ["ashcombe", ["Ashcombe Town", "Ashcombe Villages"]],
    ]);
    const geo = buildGeography(1, 100);
    const centres = reference.localities.flatMap((l) => l.clusters.flatMap((c) => c.centres));
    expect(centres.map((c) => [c.code, c.sectors])).toEqual(geo.centres.map((c) => [c.code, [...c.sectors]]));
    // A decile for every small area of every sector.
    expect(reference.deprivation).toHaveLength(centres.flatMap((c) => c.sectors).length * 20);
  });

  it("is committed as generated (npm run locality:reference writes it)", () => {
    expect(JSON.parse(readFileSync(LOCALITY_REFERENCE_PATH, "utf8"))).toEqual(localityReference());
  });
});
