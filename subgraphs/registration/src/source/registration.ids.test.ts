import { formatEntryId, formatPersonLocalId, parseEntryId, parsePersonLocalId } from "./registration.ids";

describe("registration ids", () => {
  it("parses and prints person local ids and entry ids", () => {
    expect(parsePersonLocalId("Northbrook:101:child")).toEqual({
      district: "Northbrook",
      entryNumber: 101,
      role: "child",
    });
    expect(parsePersonLocalId("Northbrook:101:mother")?.role).toBe("mother");
    expect(parsePersonLocalId("Northbrook:101:parent2")?.role).toBe("parent2");
    expect(parseEntryId("Northbrook:101")).toEqual({ district: "Northbrook", entryNumber: 101 });
    expect(formatPersonLocalId({ district: "Northbrook", entryNumber: 101, role: "parent2" })).toBe(
      "Northbrook:101:parent2",
    );
    expect(formatEntryId({ district: "Northbrook", entryNumber: 101 })).toBe("Northbrook:101");
  });

  it("reads from the right, so a district may hold a colon", () => {
    expect(parsePersonLocalId("Old:Town:5:mother")).toEqual({ district: "Old:Town", entryNumber: 5, role: "mother" });
  });

  it.each([
    "",
    "Northbrook",
    "Northbrook:101",
    "Northbrook:101:father",
    "Northbrook:101:Child",
    "Northbrook:0101:child",
    "Northbrook:1e2:child",
    "Northbrook:101.0:child",
    "Northbrook: 101:child",
    "Northbrook:-0:child",
    "Northbrook:2147483648:child",
    ":101:child",
    " Northbrook:101:child",
    "Northbrook :101:child",
    "Line\nbreak:101:child",
    `${"x".repeat(41)}:101:child`,
    "Northbrook:101:child:",
  ])("treats %j as no person id", (raw) => {
    expect(parsePersonLocalId(raw)).toBeNull();
  });

  it.each([null, undefined, 101, {}, ["Northbrook:101:child"]])("treats %j (not a string) as no id", (raw) => {
    expect(parsePersonLocalId(raw)).toBeNull();
    expect(parseEntryId(raw)).toBeNull();
  });

  it.each(["Northbrook", "Northbrook:", "Northbrook:101:child", "Northbrook:x", ":1"])(
    "treats %j as no entry id",
    (raw) => {
      expect(parseEntryId(raw)).toBeNull();
    },
  );
});
