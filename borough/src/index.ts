export * from "./types";
export * from "./generate";
export * from "./database";
export { MATERNITY_SCHEMA } from "./agencies/maternity.schema";
export { HEALTH_VISITING_SCHEMA } from "./agencies/health-visiting.schema";
export { CHILDRENS_CENTRES_SCHEMA } from "./agencies/childrens-centres.schema";
export { REGISTRATION_SCHEMA } from "./agencies/registration.schema";
