import { GraphQLError, Kind } from "graphql";
import { DATE_FORMAT_MESSAGE, DATE_TIME_FORMAT_MESSAGE, DateScalar, DateTimeScalar } from "./scalars";

/** Parses as a variable and as a literal; both must agree. */
function parsed(scalar: typeof DateScalar, value: string): unknown[] {
  const outcomes: unknown[] = [];
  for (const parse of [() => scalar.parseValue(value), () => scalar.parseLiteral({ kind: Kind.STRING, value })]) {
    try {
      outcomes.push(parse());
    } catch (err) {
      outcomes.push(err);
    }
  }
  return outcomes;
}

describe("Date", () => {
  it.each(["2024-03-12", "2024-02-29", "1900-01-01"])("accepts %s", (value) => {
    expect(parsed(DateScalar, value)).toEqual([value, value]);
  });

  it.each(["2026-02-30", "2023-02-29", "yesterday", "12/03/1994", "2024-3-12", "2024-03-12T00:00:00Z", ""])(
    "refuses %s with BAD_USER_INPUT saying how to write a date, without quoting it",
    (value) => {
      for (const outcome of parsed(DateScalar, value)) {
        expect(outcome).toBeInstanceOf(GraphQLError);
        expect((outcome as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
        expect((outcome as GraphQLError).message).toBe(DATE_FORMAT_MESSAGE);
      }
    },
  );
});

describe("DateTime", () => {
  it.each(["2024-03-12T14:05:00Z", "2024-03-12T14:05Z", "2024-03-12T14:05:00.123+01:00", "2024-02-29T23:59:59-05:30"])(
    "accepts %s",
    (value) => {
      expect(parsed(DateTimeScalar, value)).toEqual([value, value]);
    },
  );

  // Date.parse takes every one of these; none is ISO 8601 with an offset on a real day.
  it.each(["2024-02-30T10:00:00Z", "12/03/1994", "1", "2024-03-12", "2024-03-12T14:05:00", "2024-03-12T24:00:00Z"])(
    "refuses %s with BAD_USER_INPUT saying how to write one, without quoting it",
    (value) => {
      for (const outcome of parsed(DateTimeScalar, value)) {
        expect(outcome).toBeInstanceOf(GraphQLError);
        expect((outcome as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
        expect((outcome as GraphQLError).message).toBe(DATE_TIME_FORMAT_MESSAGE);
      }
    },
  );
});
