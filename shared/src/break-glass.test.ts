import { breakGlassReasonProblem, normaliseBreakGlassReason, PURPOSES_OF_ACCESS, ROLES } from "./access";
import { mayBreakGlass, mayDeclare } from "./policy";

/* Break-glass rules that the gateway enforces and the staff app checks before sending. */

describe("mayBreakGlass", () => {
  it("is allowed exactly where a field group is full with relationship", () => {
    const allowed = ROLES.flatMap((role) =>
      PURPOSES_OF_ACCESS.filter((p) => mayDeclare(role, p) && mayBreakGlass(role, p)).map((p) => `${role} ${p}`),
    );
    expect(allowed.sort()).toEqual(
      [
        "centre-worker direct-care",
        "centre-worker early-help",
        "front-door safeguarding",
        "health-visitor direct-care",
        "health-visitor early-help",
        "health-visitor safeguarding",
        "midwife direct-care",
        "midwife safeguarding",
        "safeguarding-lead safeguarding",
        "social-worker safeguarding",
      ].sort(),
    );
  });

  it("is never allowed for a purpose the role may not state", () => {
    expect(mayBreakGlass("registrar", "safeguarding")).toBe(false);
    expect(mayBreakGlass("ig-auditor", "audit")).toBe(false);
  });
});

describe("a break-glass reason", () => {
  it("is trimmed, each run of white space one space", () => {
    expect(normaliseBreakGlassReason("  Police\n\tstrategy   meeting ")).toBe("Police strategy meeting");
  });

  it.each([
    ["too-short", "x".repeat(9)],
    [null, "x".repeat(10)],
    [null, "x".repeat(1000)],
    ["too-long", "x".repeat(1001)],
    ["control-characters", "Strategy\u0000meeting today"],
    ["control-characters", "Strategy\u007fmeeting today"],
  ])("is %s: %j", (problem, reason) => {
    expect(breakGlassReasonProblem(reason)).toBe(problem);
  });
});
