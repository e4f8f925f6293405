import { GraphQLScalarType, Kind, type GraphQLScalarType as ScalarType } from "graphql";
import { isIsoDate } from "./dates";
import { badUserInput } from "./errors";

/*
 * The custom scalars of the client API. A value that does not parse is refused with
 * BAD_USER_INPUT saying what a valid one looks like, never quoting it back: a date is often a
 * date of birth, which is personal data.
 */

export const DATE_FORMAT_MESSAGE = "That is not a date: write dates as YYYY-MM-DD, for example 2024-03-12.";
export const DATE_TIME_FORMAT_MESSAGE =
  "That is not a date and time: write them in ISO 8601 with an offset, for example 2024-03-12T14:05:00Z.";

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
    throw badUserInput(DATE_FORMAT_MESSAGE);
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && isIsoDate(ast.value)) return ast.value;
    throw badUserInput(DATE_FORMAT_MESSAGE);
  },
});

/**
 * ISO 8601 date and time with its offset: a real calendar date, a time of day, optional seconds
 * and fraction, then Z or ±hh:mm. `Date.parse` alone also takes "12/03/1994", "1" and 30 February.
 */
const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

export function isIsoDateTime(s: string): boolean {
  const m = ISO_DATE_TIME.exec(s);
  return !!m && isIsoDate(m[1]) && !Number.isNaN(Date.parse(s));
}

/** A moment in time, ISO 8601 with its offset. */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: "DateTime",
  description: "A date and time, ISO 8601 with offset, for example 2024-03-12T14:05:00Z.",
  serialize(value) {
    if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return value;
    throw new TypeError("DateTime must be serialised from an ISO 8601 string");
  },
  parseValue(value) {
    if (typeof value === "string" && isIsoDateTime(value)) return value;
    throw badUserInput(DATE_TIME_FORMAT_MESSAGE);
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && isIsoDateTime(ast.value)) return ast.value;
    throw badUserInput(DATE_TIME_FORMAT_MESSAGE);
  },
});

/**
 * The implementation of every custom scalar of the client API, by name: the gateway parses
 * each incoming value with these before planning, and a test fails when the supergraph has a
 * custom scalar not listed here.
 */
export const CUSTOM_SCALARS: Readonly<Record<string, ScalarType>> = Object.freeze({
  Date: DateScalar,
  DateTime: DateTimeScalar,
});
