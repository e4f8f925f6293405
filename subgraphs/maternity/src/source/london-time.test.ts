import { londonTimestampToUtcIso, londonToUtcIso } from "./london-time";

describe("UK wall-clock times to UTC", () => {
  it.each([
    ["2023-12-05", "14:20:00", "2023-12-05T14:20:00Z", "winter: GMT is UTC"],
    ["2024-07-28", "23:30:00", "2024-07-28T22:30:00Z", "summer: BST is UTC+1"],
    ["2022-08-01", "00:30:00", "2022-07-31T23:30:00Z", "just after midnight BST is the day before in UTC"],
    ["2024-03-31", "00:59:59", "2024-03-31T00:59:59Z", "spring forward: last GMT second"],
    ["2024-03-31", "01:30:00", "2024-03-31T01:30:00Z", "spring forward: a time that never happened reads as GMT"],
    ["2024-03-31", "02:00:00", "2024-03-31T01:00:00Z", "spring forward: first BST time"],
    ["2024-10-27", "00:30:00", "2024-10-26T23:30:00Z", "autumn back: before the repeated hour"],
    ["2024-10-27", "01:30:00", "2024-10-27T00:30:00Z", "autumn back: a repeated time is its first (BST) occurrence"],
    ["2024-10-27", "02:00:00", "2024-10-27T02:00:00Z", "autumn back: after the repeated hour"],
    ["2024-02-29", "12:00", "2024-02-29T12:00:00Z", "leap day, time without seconds"],
    ["2024-06-01", "08:00:00.25", "2024-06-01T07:00:00.250Z", "fractions of a second are kept"],
  ])("%s %s is %s (%s)", (date, time, iso) => {
    expect(londonToUtcIso(date, time)).toBe(iso);
  });

  it("reads a PostgreSQL timestamp without time zone as London time", () => {
    expect(londonTimestampToUtcIso("2024-07-29 09:15:00")).toBe("2024-07-29T08:15:00Z");
    expect(londonTimestampToUtcIso("2023-12-05 18:00:00")).toBe("2023-12-05T18:00:00Z");
  });

  it.each([
    ["2023-02-29", "10:00:00"],
    ["2024-01-01", "24:00:00"],
    ["01/01/2024", "10:00:00"],
    ["2024-01-01", "10.00"],
  ])("refuses %s %s", (date, time) => {
    expect(() => londonToUtcIso(date, time)).toThrow(RangeError);
  });
});
