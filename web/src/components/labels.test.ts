import { AGENCY_SERVICES } from "@ffd/shared/services";
import { describe, expect, it } from "vitest";
import { agencyLabel } from "./labels";

describe("agencyLabel", () => {
  it("names every agency as its service registry row titles it, by name or AgencyName value", () => {
    for (const agency of AGENCY_SERVICES) {
      expect(agencyLabel(agency.name)).toBe(agency.title);
      expect(agencyLabel(agency.enumValue)).toBe(agency.title);
    }
    expect(agencyLabel("childrens-social-care")).toBe("Children's social care");
    expect(agencyLabel("REGISTRATION")).toBe("Birth registration");
  });

  it("words any other code", () => {
    expect(agencyLabel("record-links")).toBe("Record links");
    expect(agencyLabel("identity")).toBe("Identity");
  });
});
