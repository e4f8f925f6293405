import { addDays, addMonths } from "@ffd/shared";
import { addMonthsDay, dayOf, isoOf, midnightOf, partsOfDay, ukDateOf, weekdayOf } from "./days";

describe("day numbers", () => {
  it("round-trip ISO dates and agree with @ffd/shared's addDays and addMonths", () => {
    let iso = "1899-12-25";
    for (let i = 0; i < 120_000; i += 37) {
      const d = dayOf(iso);
      expect(isoOf(d)).toBe(iso);
      for (const m of [1, 9, 12, 15, 24, 30, 36, -13]) expect(isoOf(addMonthsDay(d, m))).toBe(addMonths(iso, m));
      iso = addDays(iso, 37);
    }
  });

  it("formats the agencies' date styles", () => {
    const d = dayOf("2024-02-29");
    expect(ukDateOf(d)).toBe("29/02/2024");
    expect(midnightOf(d)).toBe("2024-02-29 00:00:00");
    expect(partsOfDay(d)).toEqual([2024, 2, 29]);
    expect(weekdayOf(dayOf("2025-06-02"))).toBe(0); // a Monday
    expect(() => dayOf("2023-02-29")).toThrow(RangeError);
  });
});
