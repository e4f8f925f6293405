import { FIELD_GROUPS, levelFor, purposesFor, ROLES } from "@ffd/shared";
import { BREAK_GLASS_MAX_LENGTH, breakGlassOf } from "./purpose";

const REASON = "Child protection strategy meeting in one hour; need the full health history.";

describe("breakGlassOf (X-Break-Glass-Reason)", () => {
  it("is null when the request does not break glass", () => {
    expect(breakGlassOf(undefined, "front-door", "safeguarding")).toBeNull();
  });

  it("gives the reason, with its spaces tidied, to a role and purpose with something to open", () => {
    expect(breakGlassOf(`  ${REASON.replace(/ /g, "   ")}  `, "front-door", "safeguarding")).toBe(REASON);
  });

  it.each([
    ["empty", ""],
    ["blank", "     "],
    ["too short to say why", "urgent"],
    ["too long", "x".repeat(BREAK_GLASS_MAX_LENGTH + 1)],
  ])("refuses a reason that is %s (400 BAD_USER_INPUT)", (_what, header) => {
    expect(breakGlassOf(header, "safeguarding-lead", "safeguarding")).toMatchObject({
      status: 400,
      body: { errors: [{ extensions: { code: "BAD_USER_INPUT" } }] },
    });
  });

  it("refuses control characters", () => {
    expect(breakGlassOf(`${REASON}\u0007`, "safeguarding-lead", "safeguarding")).toMatchObject({ status: 400 });
  });

  // Over every role and purpose it may state: allowed exactly where the policy asks for a relationship.
  const stated = ROLES.flatMap((role) => purposesFor(role).map((purpose) => [role, purpose] as const));
  it.each(stated)("%s for %s: allowed only where some group is full with relationship", (role, purpose) => {
    const opensSomething = FIELD_GROUPS.some((g) => levelFor(role, purpose, g) === "FULL_WITH_RELATIONSHIP");
    const result = breakGlassOf(REASON, role, purpose);
    if (opensSomething) expect(result).toBe(REASON);
    else
      expect(result).toMatchObject({
        status: 403,
        body: { errors: [{ extensions: { code: "FORBIDDEN" } }] },
      });
  });
});
