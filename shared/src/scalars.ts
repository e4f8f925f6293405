import { GraphQLScalarType, Kind } from "graphql";
import { isIsoDate } from "./dates";
import { badUserInput } from "./errors";

/** A calendar date, YYYY-MM-DD, with no time and no time zone. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: "Date",
  description: "A calendar date as YYYY-MM-DD (ISO 8601), with no time or time zone.",
  serialize(value) {
    if (typeof value === "string" && isIsoDate(value)) return value;
    throw new TypeError("Date must be serialised from a YYYY-MM-DD string");
  },
  parseValue(value) {
    if (typeof value === "string" && isIsoDate(value)) return value;
    throw badUserInput(`"${String(value)}" is not a date: write dates as YYYY-MM-DD, for example 2024-03-12.`);
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && isIsoDate(ast.value)) return ast.value;
    throw badUserInput(`That is not a date: write dates as YYYY-MM-DD, for example 2024-03-12.`);
  },
});

/** A moment in time, ISO 8601 with its offset. */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: "DateTime",
  description: "A date and time, ISO 8601 with offset, for example 2024-03-12T14:05:00Z.",
  serialize(value) {
    if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return value;
    throw new TypeError("DateTime must be serialised from an ISO 8601 string");
  },
  parseValue(value) {
    if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return value;
    throw badUserInput(`"${String(value)}" is not a date and time in ISO 8601 form.`);
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && !Number.isNaN(Date.parse(ast.value))) return ast.value;
    throw badUserInput("That is not a date and time in ISO 8601 form.");
  },
});
