import { registerEnumType } from "type-graphql";

/** Sex as recorded; every subgraph that shows it uses this one enum. */
export enum Sex {
  FEMALE = "FEMALE",
  MALE = "MALE",
  UNKNOWN = "UNKNOWN",
}
registerEnumType(Sex, { name: "Sex", description: "Sex as recorded by the agency." });
