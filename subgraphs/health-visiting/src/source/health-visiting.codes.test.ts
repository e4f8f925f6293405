import {
  BreastfeedingStatus,
  HealthVisitingClientType,
  HealthVisitingContactOutcome as O,
  HealthVisitingContactType as T,
} from "./health-visiting.port";
import {
  asq3FromCode,
  breastfeedingFromCode,
  clientTypeFromCode,
  contactOutcomeFromCode,
  contactTypeFromCode,
  nameAsHeld,
  nhsDigits,
  parseLegacyDate,
  patIdFromLocalId,
  relationshipFromCode,
  sexFromGenderCode,
} from "./health-visiting.codes";

describe("parseLegacyDate (DD/MM/YYYY)", () => {
  it.each([
    ["12/03/1994", "1994-03-12"],
    ["01/05/2025", "2025-05-01"],
    ["29/02/2024", "2024-02-29"],
    ["31/12/2099", "2099-12-31"],
    ["7/9/1988", "1988-09-07"],
    [" 15/06/2025 ", "2025-06-15"],
  ])("reads %j as %s", (raw, iso) => {
    expect(parseLegacyDate(raw)).toBe(iso);
  });

  it.each([
    ["31/02/2024"], // no such day
    ["29/02/2023"], // not a leap year
    ["00/01/2024"],
    ["12/13/2024"], // month 13: not read as US order either
    ["2024-03-01"], // ISO keyed into a DD/MM/YYYY field
    ["12/03/94"],
    ["12-03-1994"],
    ["12/03/1994x"],
    [""],
    ["unknown"],
  ])("gives null for %j", (raw) => {
    expect(parseLegacyDate(raw)).toBeNull();
  });

  it("gives null for no value", () => {
    expect(parseLegacyDate(null)).toBeNull();
    expect(parseLegacyDate(undefined)).toBeNull();
  });
});

describe("code translations", () => {
  it("pat_type", () => {
    expect(clientTypeFromCode("C")).toBe(HealthVisitingClientType.CHILD);
    expect(clientTypeFromCode("P")).toBe(HealthVisitingClientType.PARENT_OR_CARER);
    expect(clientTypeFromCode("A")).toBe(HealthVisitingClientType.EXPECTANT_PARENT);
    expect(clientTypeFromCode("a ")).toBe(HealthVisitingClientType.EXPECTANT_PARENT);
    expect(clientTypeFromCode("X")).toBeNull();
  });

  it("gender_cd", () => {
    expect(sexFromGenderCode("F")).toBe("FEMALE");
    expect(sexFromGenderCode("M")).toBe("MALE");
    expect(sexFromGenderCode("U")).toBe("UNKNOWN");
    expect(sexFromGenderCode("Q")).toBeNull();
    expect(sexFromGenderCode(null)).toBeNull();
  });

  it("contact_type_cd, with unknown codes as OTHER", () => {
    expect(
      ["ANT", "NBV", "68W", "1YR", "2YR", "HV", "CLN", "TEL", "hv ", "XYZ", null].map(contactTypeFromCode),
    ).toEqual([
      T.ANTENATAL,
      T.NEW_BIRTH_VISIT,
      T.SIX_TO_EIGHT_WEEK_REVIEW,
      T.ONE_YEAR_REVIEW,
      T.TWO_TO_TWO_AND_A_HALF_YEAR_REVIEW,
      T.HOME_VISIT,
      T.CLINIC,
      T.TELEPHONE,
      T.HOME_VISIT,
      T.OTHER,
      T.OTHER,
    ]);
  });

  it("outcome_cd, with unknown codes as UNKNOWN", () => {
    expect(["ATT", "DNA", "CAN", "att", "??", null].map(contactOutcomeFromCode)).toEqual([
      O.ATTENDED,
      O.DID_NOT_ATTEND,
      O.CANCELLED,
      O.ATTENDED,
      O.UNKNOWN,
      O.UNKNOWN,
    ]);
  });

  it("bf_status_cd and asq3_cd", () => {
    expect(["T", "P", "N", "X", null].map(breastfeedingFromCode)).toEqual([
      BreastfeedingStatus.TOTALLY,
      BreastfeedingStatus.PARTIALLY,
      BreastfeedingStatus.NOT_BREASTFED,
      null,
      null,
    ]);
    expect(["Y", "N", "X", null].map(asq3FromCode)).toEqual([true, false, null, null]);
  });

  it("rel_cd: what the adult is to the child", () => {
    expect(["MTH", "FTH", "PAR", "CRR", "GRN", null].map(relationshipFromCode)).toEqual([
      "MOTHER",
      "FATHER",
      "SECOND_PARENT",
      "CARER",
      null,
      null,
    ]);
  });
});

describe("identifiers", () => {
  it("NHS numbers as keyed become digits only", () => {
    expect(nhsDigits("943 476 5919")).toBe("9434765919");
    expect(nhsDigits("9434765919")).toBe("9434765919");
    expect(nhsDigits(" 943-476-5919 ")).toBe("9434765919");
    expect(nhsDigits("   ")).toBeNull();
    expect(nhsDigits("unknown")).toBeNull();
    expect(nhsDigits(null)).toBeNull();
  });

  it("names are kept as held, trimmed, blank as null", () => {
    expect(nameAsHeld("  Amira ")).toBe("Amira");
    expect(nameAsHeld("O'Neil-Smith")).toBe("O'Neil-Smith");
    expect(nameAsHeld("  ")).toBeNull();
    expect(nameAsHeld(null)).toBeNull();
  });

  it("local ids are pat_ids written in decimal, nothing else", () => {
    expect(patIdFromLocalId("1001")).toBe(1001);
    expect(patIdFromLocalId("0")).toBe(0);
    expect(patIdFromLocalId("2147483647")).toBe(2147483647);
    for (const bad of ["2147483648", "01001", "-1", "1e3", "1001 ", "", "MAT1001"])
      expect(patIdFromLocalId(bad)).toBeNull();
  });
});
