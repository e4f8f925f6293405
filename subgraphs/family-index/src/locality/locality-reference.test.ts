import { STORY_FAMILIES } from "@ffd/borough";
import { readFileSync } from "node:fs";
import { LocalityDirectory, loadLocalityDirectory, SYNTHETIC_BOROUGH_REFERENCE, sectorOf } from "@ffd/shared";

const borough = loadLocalityDirectory(SYNTHETIC_BOROUGH_REFERENCE);
const document = () => JSON.parse(readFileSync(SYNTHETIC_BOROUGH_REFERENCE, "utf8"));

describe("the locality reference", () => {
  it("lists the synthetic borough's four localities in order, with stable ids", () => {
    expect(borough.localities()).toEqual([
      { id: "brindleford-central", name: "Brindleford Central" },
      { id: "netherby", name: "Netherby" },
      { id: "saltwell", name: "Saltwell" },
      { id: "ashcombe", name: "Ashcombe" },
    ]);
    expect(borough.locality("saltwell")).toEqual({ id: "saltwell", name: "Saltwell" });
    expect(borough.locality("atlantis")).toBeNull();
  });

  it("maps a postcode through its sector to the centre, cluster and locality reaching it", () => {
    expect(borough.reachAreaOf("DY1 4QT")).toEqual({
      sector: "DY1 4",
      centreCode: "CC01",
      cluster: "Brindleford Town",
      locality: { id: "brindleford-central", name: "Brindleford Central" },
    });
    expect(borough.reachAreaOf("DY7 6AB")?.locality.id).toBe("ashcombe");
    // Outside every reach area, or not a normalised postcode.
    expect(borough.reachAreaOf("B1 1AA")).toBeNull();
    expect(borough.reachAreaOf("dy1 4qt")).toBeNull();
    expect(borough.reachAreaOf("")).toBeNull();
    expect(sectorOf("DY10 4QT")).toBe("DY10 4");
    expect(sectorOf("DY1 4Q")).toBeNull();
  });

  it("gives the story families' localities from their addresses", () => {
    const localityOf = Object.fromEntries(
      STORY_FAMILIES.map((f) => [f.key, borough.reachAreaOf(f.postcode)?.locality.id ?? null]),
    );
    expect(localityOf).toEqual({
      hussain: "brindleford-central",
      nowak: "netherby",
      campbell: "saltwell",
      bennett: "ashcombe",
      okafor: "brindleford-central",
      patel: "brindleford-central",
    });
  });

  it("lists each locality's sectors, every sector in one locality", () => {
    const all = borough.localities().flatMap((l) => borough.sectorsOf(l.id));
    expect(new Set(all).size).toBe(all.length);
    expect(borough.sectorsOf("netherby")).toEqual(
      expect.arrayContaining(["DY3 2", "DY3 1", "DY4 7", "DY4 8", "DY3 3", "DY3 4", "DY4 9", "DY4 0"]),
    );
    expect(borough.sectorsOf("netherby")).toHaveLength(8);
    expect(borough.sectorsOf("atlantis")).toEqual([]);
    for (const l of borough.localities())
      for (const s of borough.sectorsOf(l.id)) expect(borough.reachAreaOf(`${s}AA`)?.locality).toBe(l);
  });

  it("gives a postcode's IMD decile from its small area, and whether it is in the 30% most deprived", () => {
    const areas: { area: string; imdDecile: number }[] = document().deprivation;
    const deprived = areas.find((a) => a.imdDecile <= 3)!;
    const other = areas.find((a) => a.imdDecile > 3)!;
    expect(borough.deprivationDecile(`${deprived.area}Z`)).toBe(deprived.imdDecile);
    expect(borough.inMostDeprived30Percent(`${deprived.area}Z`)).toBe(true);
    expect(borough.deprivationDecile(`${other.area}A`)).toBe(other.imdDecile);
    expect(borough.inMostDeprived30Percent(`${other.area}A`)).toBe(false);
    expect(borough.deprivationDecile("B1 1AA")).toBeNull();
    expect(borough.inMostDeprived30Percent("B1 1AA")).toBe(false);
  });

  it("refuses a malformed reference, listing the problem", () => {
    const doc = document();
    expect(() => new LocalityDirectory({ ...doc, localities: [] })).toThrow(/localities/);
    const badSector = structuredClone(doc);
    badSector.localities[0].clusters[0].centres[0].sectors.push("DY1");
    expect(() => new LocalityDirectory(badSector)).toThrow(/postcode sector/);
    const twice = structuredClone(doc);
    twice.localities[1].clusters[0].centres[0].sectors.push("DY1 4");
    expect(() => new LocalityDirectory(twice)).toThrow("sector DY1 4 is in two centres' reach areas");
    const badDecile = structuredClone(doc);
    badDecile.deprivation[0].imdDecile = 11;
    expect(() => new LocalityDirectory(badDecile)).toThrow(/imdDecile/);
  });
});
