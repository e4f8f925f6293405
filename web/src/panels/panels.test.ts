import { AGENCY_SERVICES } from "@ffd/shared/services";
import { describe, expect, it } from "vitest";
import { PANELS } from "./panels";

describe("PANELS against the service registry", () => {
  it("has one panel for each agency of the registry, none twice", () => {
    expect(PANELS.map((p) => p.agency).sort()).toEqual(AGENCY_SERVICES.map((a) => a.name).sort());
  });

  it("reads each panel's field, title and system name from the agency's registry row", () => {
    for (const panel of PANELS) {
      const row = AGENCY_SERVICES.find((a) => a.name === panel.agency);
      expect({ field: panel.field, title: panel.title, system: panel.system }).toEqual({
        field: row?.personField,
        title: row?.title,
        system: `${row?.title} system`,
      });
    }
  });
});
