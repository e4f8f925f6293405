export * from "./types";
export * from "./generate";
export * from "./database";
export { truthCsv, csvField, classifyRecord, TRUTH_CSV_HEADER, type TrueIdentity, type MeasuredKind } from "./truth";
export {
  STORY_FAMILIES,
  storyDateOfBirth,
  storyPerson,
  type StoryFamilySpec,
  type StoryPersonSpec,
  type ReviewType,
  type ReviewPlan,
} from "./stories";
export {
  noiseRates,
  NOISE_KINDS,
  NOISE_DESCRIPTIONS,
  NoiseStats,
  type NoiseKind,
  type AgencyNoiseRates,
} from "./noise";
export { reviewWindow, type ReviewWindow } from "./build/health-visiting";
export { BOROUGH_NAME, TRUST, DISTRICTS } from "./geography";
export { MATERNITY_IDENTITY_CHANGE_LOG, MATERNITY_SCHEMA } from "./agencies/maternity.schema";
export { HEALTH_VISITING_IDENTITY_CHANGE_LOG, HEALTH_VISITING_SCHEMA } from "./agencies/health-visiting.schema";
export { CHILDRENS_CENTRES_IDENTITY_CHANGE_LOG, CHILDRENS_CENTRES_SCHEMA } from "./agencies/childrens-centres.schema";
export { REGISTRATION_IDENTITY_CHANGE_LOG, REGISTRATION_SCHEMA } from "./agencies/registration.schema";
export {
  CHILDRENS_SOCIAL_CARE_IDENTITY_CHANGE_LOG,
  CHILDRENS_SOCIAL_CARE_SCHEMA,
} from "./agencies/childrens-social-care.schema";
export { otherSystemExtract, postcodeTypo, OTHER_SYSTEM_RATES, type OtherSystemKind } from "./other-system";
