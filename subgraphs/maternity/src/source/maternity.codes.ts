import { Sex } from "@ffd/shared";
import { DeliveryMethod, FirstFeed, type Gestation, PregnancyOutcome } from "./maternity.port";

/**
 * The maternity system's code sets (MSDS), as the DDL documents them, and what they mean
 * here. The row schemas in the adapter admit only these codes, so every translation below is
 * total: a code outside the set is refused at the boundary, not guessed at.
 */
export const DELIVERY_METHOD_CODES = {
  "0": DeliveryMethod.SPONTANEOUS_VERTEX,
  "1": DeliveryMethod.SPONTANEOUS_OTHER_CEPHALIC,
  "2": DeliveryMethod.LOW_FORCEPS,
  "3": DeliveryMethod.OTHER_FORCEPS,
  "4": DeliveryMethod.VENTOUSE,
  "5": DeliveryMethod.BREECH,
  "6": DeliveryMethod.BREECH_EXTRACTION,
  "7": DeliveryMethod.ELECTIVE_CAESAREAN,
  "8": DeliveryMethod.EMERGENCY_CAESAREAN,
  "9": DeliveryMethod.OTHER,
} as const satisfies Record<string, DeliveryMethod>;
export type DeliveryMethodCode = keyof typeof DELIVERY_METHOD_CODES;

export const FIRST_FEED_CODES = {
  "01": FirstFeed.BREAST_MILK, // maternal or donor breast milk
  "02": FirstFeed.NOT_BREAST_MILK,
  "03": FirstFeed.MIXED,
} as const satisfies Record<string, FirstFeed>;
export type FirstFeedCode = keyof typeof FIRST_FEED_CODES;

/** person_phenotypic_sex: '9' is "indeterminate", which the shared enum calls UNKNOWN. */
export const PHENOTYPIC_SEX_CODES = {
  "1": Sex.MALE,
  "2": Sex.FEMALE,
  "9": Sex.UNKNOWN,
} as const satisfies Record<string, Sex>;
export type PhenotypicSexCode = keyof typeof PHENOTYPIC_SEX_CODES;

/** preg_outcome_cd; NULL (no outcome yet) is an ongoing pregnancy. */
export const PREGNANCY_OUTCOME_CODES = {
  "01": PregnancyOutcome.LIVE_BIRTH,
  "02": PregnancyOutcome.STILLBIRTH,
  "03": PregnancyOutcome.LOSS, // miscarriage or other loss
} as const satisfies Record<string, PregnancyOutcome>;
export type PregnancyOutcomeCode = keyof typeof PREGNANCY_OUTCOME_CODES;

/** complex_social_factors_ind: 'X' is "not known", which is null, not false. */
export const COMPLEX_SOCIAL_FACTORS_CODES = {
  Y: true,
  N: false,
  X: null,
} as const satisfies Record<string, boolean | null>;
export type ComplexSocialFactorsCode = keyof typeof COMPLEX_SOCIAL_FACTORS_CODES;

export const deliveryMethodOf = (code: DeliveryMethodCode): DeliveryMethod => DELIVERY_METHOD_CODES[code];
export const firstFeedOf = (code: FirstFeedCode | null): FirstFeed | null =>
  code === null ? null : FIRST_FEED_CODES[code];
export const sexOf = (code: PhenotypicSexCode): Sex => PHENOTYPIC_SEX_CODES[code];
export const pregnancyOutcomeOf = (code: PregnancyOutcomeCode | null): PregnancyOutcome =>
  code === null ? PregnancyOutcome.ONGOING : PREGNANCY_OUTCOME_CODES[code];
export const complexSocialFactorsOf = (code: ComplexSocialFactorsCode): boolean | null =>
  COMPLEX_SOCIAL_FACTORS_CODES[code];

/** Gestation held as whole days, shown as weeks+days. */
export function gestationOf(totalDays: number): Gestation {
  if (!Number.isInteger(totalDays) || totalDays < 0) throw new RangeError(`not a gestation in days: ${totalDays}`);
  return { weeks: Math.floor(totalDays / 7), days: totalDays % 7, totalDays };
}

/** The NHS number as ten digits, or null when the system holds none (or not ten digits). */
export function nhsDigitsOf(raw: string | null): string | null {
  if (raw === null) return null;
  const digits = raw.replace(/[\s-]/g, "");
  return /^\d{10}$/.test(digits) ? digits : null;
}
