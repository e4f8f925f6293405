import { Sex } from "@ffd/shared";
import {
  complexSocialFactorsOf,
  deliveryMethodOf,
  firstFeedOf,
  gestationOf,
  nhsDigitsOf,
  pregnancyOutcomeOf,
  sexOf,
} from "./maternity.codes";
import { DeliveryMethod, FirstFeed, PregnancyOutcome } from "./maternity.port";

describe("maternity code sets", () => {
  it.each([
    ["0", DeliveryMethod.SPONTANEOUS_VERTEX],
    ["1", DeliveryMethod.SPONTANEOUS_OTHER_CEPHALIC],
    ["2", DeliveryMethod.LOW_FORCEPS],
    ["3", DeliveryMethod.OTHER_FORCEPS],
    ["4", DeliveryMethod.VENTOUSE],
    ["5", DeliveryMethod.BREECH],
    ["6", DeliveryMethod.BREECH_EXTRACTION],
    ["7", DeliveryMethod.ELECTIVE_CAESAREAN],
    ["8", DeliveryMethod.EMERGENCY_CAESAREAN],
    ["9", DeliveryMethod.OTHER],
  ] as const)("delivery_method_cd %s is %s", (code, method) => {
    expect(deliveryMethodOf(code)).toBe(method);
  });

  it.each([
    ["01", FirstFeed.BREAST_MILK],
    ["02", FirstFeed.NOT_BREAST_MILK],
    ["03", FirstFeed.MIXED],
    [null, null],
  ] as const)("baby_first_feed_cd %s is %s", (code, feed) => {
    expect(firstFeedOf(code)).toBe(feed);
  });

  it.each([
    ["1", Sex.MALE],
    ["2", Sex.FEMALE],
    ["9", Sex.UNKNOWN],
  ] as const)("person_phenotypic_sex %s is %s", (code, sex) => {
    expect(sexOf(code)).toBe(sex);
  });

  it.each([
    [null, PregnancyOutcome.ONGOING],
    ["01", PregnancyOutcome.LIVE_BIRTH],
    ["02", PregnancyOutcome.STILLBIRTH],
    ["03", PregnancyOutcome.LOSS],
  ] as const)("preg_outcome_cd %s is %s", (code, outcome) => {
    expect(pregnancyOutcomeOf(code)).toBe(outcome);
  });

  it.each([
    ["Y", true],
    ["N", false],
    ["X", null],
  ] as const)("complex_social_factors_ind %s is %s", (code, value) => {
    expect(complexSocialFactorsOf(code)).toBe(value);
  });

  it.each([
    [275, { weeks: 39, days: 2, totalDays: 275 }],
    [252, { weeks: 36, days: 0, totalDays: 252 }],
    [6, { weeks: 0, days: 6, totalDays: 6 }],
    [0, { weeks: 0, days: 0, totalDays: 0 }],
  ])("gestation of %i days", (days, gestation) => {
    expect(gestationOf(days)).toEqual(gestation);
  });

  it("refuses a negative or fractional gestation", () => {
    expect(() => gestationOf(-1)).toThrow(RangeError);
    expect(() => gestationOf(1.5)).toThrow(RangeError);
  });

  it.each([
    ["9434765919", "9434765919"],
    ["943 476 5919", "9434765919"],
    ["943476591 ", null],
    ["", null],
    [null, null],
  ])("NHS number %p as digits is %p", (raw, digits) => {
    expect(nhsDigitsOf(raw)).toBe(digits);
  });
});
