import { addDays, addMonths, fromDate, isIsoDate, toDate } from "./dates";

/*
 * The calendar arithmetic every review, list and linkage rule stands on. isIsoDate, toDate and
 * fromDate are worked out without Date's string handling (they are on every list's path, for every
 * child); JavaScript's own toISOString is the oracle here, day by day.
 */

describe("isIsoDate", () => {
  it.each(["2024-02-29", "2000-02-29", "2025-12-31", "2025-01-01", "0100-01-01", "9999-12-31"])("%s is a date", (s) =>
    expect(isIsoDate(s)).toBe(true),
  );
  it.each([
    "2023-02-29", // not a leap year
    "1900-02-29", // a century, not a leap year
    "2025-04-31",
    "2025-13-01",
    "2025-00-10",
    "2025-01-00",
    "2025-1-01",
    " 2025-01-01",
    "2025-01-01T00:00:00Z",
    "0099-01-01", // Date.UTC reads years before 100 as 1900 and later
    "",
  ])("%j is not", (s) => expect(isIsoDate(s)).toBe(false));
});

describe("toDate and fromDate", () => {
  it("agree with toISOString on every day from 1899 to 2101", () => {
    const wrong: string[] = [];
    let checked = 0;
    for (let t = Date.UTC(1899, 0, 1); t <= Date.UTC(2101, 11, 31); t += 86_400_000) {
      const d = new Date(t);
      const iso = d.toISOString().slice(0, 10);
      if (fromDate(d) !== iso || toDate(iso).getTime() !== t || !isIsoDate(iso)) wrong.push(iso);
      checked += 1;
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe(74_144); // 203 years
  });

  it("refuses what is not a date, naming it", () => {
    expect(() => toDate("2023-02-29")).toThrow(/not an ISO calendar date: 2023-02-29/);
    expect(() => fromDate(new Date(NaN))).toThrow(RangeError);
  });
});

describe("addDays and addMonths", () => {
  it("cross months, years and leap days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
  });
  it("clamp to the month's last day", () => {
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-03-31", -1)).toBe("2024-02-29");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
  });
});
