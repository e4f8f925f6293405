import { callerFor } from "./caller";
import { accessDenied, authChecker, grantFor, grantOf, needs, recordGrant, withGrant } from "./enforce";
import { FIELD_GROUPS, levelFor, purposesFor } from "./policy";
import { ROLES } from "./access";
import { callerCareUnits } from "./relationship";

describe("grantFor: the policy's level for this caller and person", () => {
  const stated = ROLES.flatMap((role) => purposesFor(role).map((purpose) => [role, purpose] as const));
  it.each(stated)("%s for %s", (role, purpose) => {
    for (const group of FIELD_GROUPS) {
      const level = levelFor(role, purpose, group);
      const plain = callerFor(role, purpose);
      const glass = callerFor(role, purpose, { breakGlass: true });
      if (level === "FULL_WITH_RELATIONSHIP") {
        expect([grantFor(plain, group, false), grantFor(plain, group, true), grantFor(glass, group, false)]).toEqual([
          "SUMMARY",
          "FULL",
          "FULL",
        ]);
      } else {
        // Neither a relationship nor break-glass changes any other level.
        expect(
          new Set([grantFor(plain, group, false), grantFor(plain, group, true), grantFor(glass, group, true)]),
        ).toEqual(new Set([level]));
      }
    }
  });

  it("gives nothing to a caller with no purpose, or no caller", () => {
    expect(grantFor(callerFor("safeguarding-lead", null, { breakGlass: true }), "maternity", true)).toBe("NONE");
    expect(grantFor(null, "identity", true)).toBe("NONE");
  });
});

describe("refusals", () => {
  it("names the agency and says why", () => {
    const none = accessDenied(callerFor("registrar", "registration"), "healthVisiting", "NONE");
    expect(none.extensions).toEqual({ code: "FORBIDDEN", agency: "health-visiting" });
    expect(none.message).toBe("The registrar role is not shown health visiting data for registration.");
    const noRelationship = accessDenied(callerFor("centre-worker", "direct-care"), "childrensCentres", "SUMMARY");
    expect(noRelationship.message).toContain("legitimate relationship");
    expect(noRelationship.message).toContain("X-Break-Glass-Reason");
    const summaryByRole = accessDenied(callerFor("centre-worker", "direct-care"), "healthVisiting", "SUMMARY");
    expect(summaryByRole.message).toBe(
      "The centre-worker role sees only a summary of health visiting data for direct-care; this detail is withheld.",
    );
  });

  it("recordGrant refuses NONE and passes the rest", () => {
    expect(() => recordGrant(callerFor("registrar", "registration"), "maternity", true)).toThrow(/not shown/);
    expect(recordGrant(callerFor("midwife", "direct-care"), "maternity", false)).toBe("SUMMARY");
  });
});

describe("authChecker", () => {
  const check = (root: object, caller = callerFor("front-door", "direct-care"), rule = needs("maternity", "FULL")) =>
    authChecker({ root, context: { caller }, args: {}, info: {} as never }, [rule]);

  it("reads the grant the object was marked with", () => {
    expect(check(withGrant({}, "maternity", "FULL"))).toBe(true);
    expect(() => check(withGrant({}, "maternity", "SUMMARY"))).toThrow(/summary/);
  });

  it("works a grant out with no relationship for an object with no mark (reached by its key)", () => {
    expect(() => check({}, callerFor("midwife", "direct-care"))).toThrow(/legitimate relationship/);
    expect(check({}, callerFor("midwife", "direct-care", { breakGlass: true }))).toBe(true);
  });

  it("keeps the mark through the copies type-graphql makes of a root", () => {
    const marked = withGrant({ a: 1 }, "maternity", "FULL");
    expect(grantOf(Object.assign(new (class Copy {})(), marked), "maternity")).toBe("FULL");
    expect(grantOf({ ...marked }, "maternity")).toBe("FULL");
    expect(JSON.stringify(marked)).toBe('{"a":1}');
  });

  it("refuses an unknown rule rather than letting it pass", () => {
    expect(() => check({}, undefined, "maternity:EVERYTHING")).toThrow(/unknown access rule/);
  });
});

describe("callerCareUnits", () => {
  it("is the caller's centre, caseload and, for a midwife only, their provider", () => {
    expect(
      callerCareUnits(callerFor("midwife", "direct-care", { organisation: "RNA", centre: "CC01", caseload: "7" })),
    ).toEqual(["centre:CC01", "hv-caseload:7", "maternity-provider:RNA"]);
    expect(callerCareUnits(callerFor("front-door", "direct-care", { organisation: "RNA" }))).toEqual([]);
  });
});
