import { readFileSync } from "node:fs";
import path from "node:path";
import { PURPOSES_OF_ACCESS, ROLES, type PurposeOfAccess, type Role } from "./access";
import {
  mayReadList,
  ACCESS_LEVELS,
  FIELD_GROUPS,
  levelFor,
  mayDeclare,
  POLICY,
  purposesFor,
  SUMMARY_CONTENTS,
  withPolicyBlocks,
  type AccessLevel,
  type FieldGroup,
} from "./policy";
import { POLICY_READMES } from "./policy-readme";

/** The purposes each role may state, written out independently of POLICY (the specification). */
const EXPECTED_PURPOSES: Record<Role, PurposeOfAccess[]> = {
  "front-door": ["direct-care", "early-help", "safeguarding"],
  "centre-worker": ["direct-care", "early-help"],
  "health-visitor": ["direct-care", "early-help", "safeguarding"],
  midwife: ["direct-care", "safeguarding"],
  registrar: ["registration"],
  "safeguarding-lead": ["early-help", "safeguarding"],
  "social-worker": ["early-help", "safeguarding"],
  "data-steward": ["direct-care"],
  "ig-auditor": ["audit"],
};

const AGENCY_GROUPS: FieldGroup[] = [
  "maternity",
  "healthVisiting",
  "childrensCentres",
  "birthRegistration",
  "childrensSocialCare",
];
/** The roles that do casework with families (everyone but the registrar, the data steward and the auditor). */
const CASEWORK_ROLES: Role[] = [
  "front-door",
  "centre-worker",
  "health-visitor",
  "midwife",
  "safeguarding-lead",
  "social-worker",
];
const HEALTH_GROUPS: FieldGroup[] = ["maternity", "healthVisiting"];

const LABEL_TO_LEVEL: Record<string, AccessLevel> = {
  "—": "NONE",
  summary: "SUMMARY",
  "full with relationship": "FULL_WITH_RELATIONSHIP",
  full: "FULL",
};

/** The levels table of a README, parsed back: `role purpose` → field group → level. */
function readmeLevels(readme: string): Map<string, Record<string, AccessLevel>> {
  const start = readme.indexOf("<!-- access-policy-levels:start -->");
  const end = readme.indexOf("<!-- access-policy-levels:end -->");
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  const lines = readme
    .slice(start, end)
    .split("\n")
    .filter((l) => l.startsWith("|"));
  const cells = (line: string) =>
    line
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim().replace(/`/g, ""));
  const [header, , ...rows] = lines.map(cells);
  expect(header).toEqual(["Role", "Purpose", ...FIELD_GROUPS]);
  const out = new Map<string, Record<string, AccessLevel>>();
  for (const [role, purpose, ...levels] of rows) {
    expect(out.has(`${role} ${purpose}`)).toBe(false);
    out.set(
      `${role} ${purpose}`,
      Object.fromEntries(
        FIELD_GROUPS.map((g, i) => {
          expect(Object.keys(LABEL_TO_LEVEL)).toContain(levels[i]);
          return [g, LABEL_TO_LEVEL[levels[i]]];
        }),
      ),
    );
  }
  return out;
}

describe("access policy", () => {
  describe("purposes", () => {
    it.each(ROLES)("%s may state exactly its purposes, and no other", (role) => {
      expect(purposesFor(role)).toEqual(EXPECTED_PURPOSES[role]);
      for (const purpose of PURPOSES_OF_ACCESS) {
        expect(mayDeclare(role, purpose)).toBe(EXPECTED_PURPOSES[role].includes(purpose));
      }
    });

    it("lets front-door state direct-care (the default of the tests and the IDE)", () => {
      expect(mayDeclare("front-door", "direct-care")).toBe(true);
    });

    it("gives every purpose at least one role, and only ig-auditor audit, only registrar registration", () => {
      for (const purpose of PURPOSES_OF_ACCESS) expect(ROLES.some((r) => mayDeclare(r, purpose))).toBe(true);
      expect(ROLES.filter((r) => mayDeclare(r, "audit"))).toEqual(["ig-auditor"]);
      expect(ROLES.filter((r) => mayDeclare(r, "registration"))).toEqual(["registrar"]);
    });
  });

  describe("levels", () => {
    it("is NONE for every field group under a purpose the role may not state", () => {
      for (const role of ROLES) {
        for (const purpose of PURPOSES_OF_ACCESS.filter((p) => !mayDeclare(role, p))) {
          for (const group of FIELD_GROUPS) expect(levelFor(role, purpose, group)).toBe("NONE");
        }
      }
    });

    it("defines a known level for every field group of every purpose a role may state", () => {
      for (const role of ROLES) {
        for (const purpose of purposesFor(role)) {
          expect(Object.keys(POLICY[role].purposes[purpose]!).sort()).toEqual([...FIELD_GROUPS].sort());
          for (const group of FIELD_GROUPS) expect(ACCESS_LEVELS).toContain(levelFor(role, purpose, group));
        }
      }
    });

    it("uses SUMMARY only where it is defined, and FULL_WITH_RELATIONSHIP only for agency data", () => {
      for (const role of ROLES) {
        for (const purpose of purposesFor(role)) {
          for (const group of FIELD_GROUPS) {
            const level = levelFor(role, purpose, group);
            if (level === "SUMMARY") expect(SUMMARY_CONTENTS[group]).toBeDefined();
            if (level === "FULL_WITH_RELATIONSHIP") expect(AGENCY_GROUPS).toContain(group);
          }
        }
      }
    });

    it("as CP-IS: every casework role sees social care flags and the social worker (summary) for every purpose it may state", () => {
      for (const role of CASEWORK_ROLES)
        for (const purpose of purposesFor(role))
          expect(["SUMMARY", "FULL_WITH_RELATIONSHIP"]).toContain(levelFor(role, purpose, "childrensSocialCare"));
    });

    it("gives social care plan detail only for safeguarding, and then only with a relationship (or break-glass)", () => {
      for (const role of ROLES)
        for (const purpose of purposesFor(role)) {
          const level = levelFor(role, purpose, "childrensSocialCare");
          expect(level).not.toBe("FULL");
          if (level === "FULL_WITH_RELATIONSHIP") expect(purpose).toBe("safeguarding");
        }
      expect(levelFor("social-worker", "safeguarding", "childrensSocialCare")).toBe("FULL_WITH_RELATIONSHIP");
      expect(levelFor("social-worker", "early-help", "childrensSocialCare")).toBe("SUMMARY");
      for (const role of ["registrar", "data-steward", "ig-auditor"] as const)
        for (const purpose of purposesFor(role)) expect(levelFor(role, purpose, "childrensSocialCare")).toBe("NONE");
    });

    it("a centre worker sees that a family is known to health visiting, the named health visitor and reviews due, no clinical detail", () => {
      for (const purpose of purposesFor("centre-worker")) {
        expect(levelFor("centre-worker", purpose, "healthVisiting")).toBe("SUMMARY");
        expect(levelFor("centre-worker", purpose, "maternity")).toBe("SUMMARY");
      }
      expect(SUMMARY_CONTENTS.healthVisiting).toMatch(/known to health visiting/);
      expect(SUMMARY_CONTENTS.healthVisiting).toMatch(/named health visitor/);
      expect(SUMMARY_CONTENTS.healthVisiting).toMatch(
        /mandated reviews with their due dates, completion dates and status/,
      );
      expect(SUMMARY_CONTENTS.healthVisiting).toMatch(/not contacts/);
    });

    it("a registrar sees registration data and no health data", () => {
      expect(levelFor("registrar", "registration", "birthRegistration")).toBe("FULL");
      for (const purpose of PURPOSES_OF_ACCESS) {
        for (const group of [...HEALTH_GROUPS, "childrensCentres", "family", "linkageReview", "auditTrail"] as const) {
          expect(levelFor("registrar", purpose, group)).toBe("NONE");
        }
      }
    });

    it("the IG auditor sees audit data only, and no one else sees it", () => {
      for (const purpose of PURPOSES_OF_ACCESS) {
        for (const group of FIELD_GROUPS) {
          expect(levelFor("ig-auditor", purpose, group)).toBe(
            purpose === "audit" && group === "auditTrail" ? "FULL" : "NONE",
          );
        }
      }
      for (const role of ROLES.filter((r) => r !== "ig-auditor")) {
        for (const purpose of PURPOSES_OF_ACCESS) expect(levelFor(role, purpose, "auditTrail")).toBe("NONE");
      }
    });

    it("only data stewards review links, and they see no agency data", () => {
      for (const role of ROLES) {
        for (const purpose of PURPOSES_OF_ACCESS) {
          expect(levelFor(role, purpose, "linkageReview")).toBe(
            role === "data-steward" && purpose === "direct-care" ? "FULL" : "NONE",
          );
          if (role === "data-steward") for (const g of AGENCY_GROUPS) expect(levelFor(role, purpose, g)).toBe("NONE");
        }
      }
    });

    it("full agency detail always needs a relationship, except the registrar's own register", () => {
      for (const role of ROLES) {
        for (const purpose of purposesFor(role)) {
          for (const group of AGENCY_GROUPS) {
            if (levelFor(role, purpose, group) === "FULL")
              expect([role, group]).toEqual(["registrar", "birthRegistration"]);
          }
        }
      }
    });
  });

  describe.each(POLICY_READMES.map((file) => [path.relative(path.join(__dirname, "..", ".."), file), file]))(
    "the table in %s",
    (_name, file) => {
      const readme = readFileSync(file, "utf8");

      it("is the one generated from the policy (run `npm run policy:readme` after changing it)", () => {
        expect(withPolicyBlocks(readme)).toBe(readme);
      });

      it("gives, for every role, each purpose it may state and no other, the policy's level of every field group", () => {
        const table = readmeLevels(readme);
        const expectedRows = ROLES.flatMap((role) => purposesFor(role).map((p) => `${role} ${p}`));
        expect([...table.keys()]).toEqual(expectedRows);
        for (const role of ROLES) {
          for (const purpose of purposesFor(role)) {
            for (const group of FIELD_GROUPS) {
              expect([role, purpose, group, table.get(`${role} ${purpose}`)![group]]).toEqual([
                role,
                purpose,
                group,
                levelFor(role, purpose, group),
              ]);
            }
          }
        }
      });
    },
  );
});

describe("the locality lists", () => {
  it("give the outreach list to casework roles for direct care and early help, and to no one else", () => {
    const readers = ROLES.flatMap((role) =>
      PURPOSES_OF_ACCESS.filter((purpose) => mayReadList(role, purpose, "outreach")).map((p) => `${role}/${p}`),
    );
    expect(readers).toEqual([
      "front-door/direct-care",
      "front-door/early-help",
      "centre-worker/direct-care",
      "centre-worker/early-help",
      "health-visitor/direct-care",
      "health-visitor/early-help",
      "midwife/direct-care",
      "safeguarding-lead/early-help",
      "social-worker/early-help",
    ]);
    // Safeguarding is not outreach, even for roles shown everything for it.
    expect(mayReadList("front-door", "safeguarding", "outreach")).toBe(false);
    // A purpose the role may not state gives nothing (the registrar's row has no family).
    expect(mayReadList("registrar", "registration", "outreach")).toBe(false);
    expect(mayReadList("registrar", "direct-care", "outreach")).toBe(false);
  });

  it("give the 0-5 profile (counts, no one named) to exactly the review performance's readers, more than the lists", () => {
    const readers = (list: "localityProfile" | "mandatedReviewPerformance" | "outreach") =>
      ROLES.flatMap((role) =>
        PURPOSES_OF_ACCESS.filter((purpose) => mayReadList(role, purpose, list)).map((p) => `${role}/${p}`),
      );
    // The profile shows the review rates: a reader of one is a reader of the other.
    expect(readers("localityProfile")).toEqual(readers("mandatedReviewPerformance"));
    expect(readers("localityProfile")).toEqual(expect.arrayContaining(readers("outreach")));
    expect(readers("localityProfile")).toEqual(
      expect.arrayContaining(["front-door/safeguarding", "social-worker/safeguarding", "data-steward/direct-care"]),
    );
    // Registering births and auditing access are not served by it; nor is a purpose the role may not state.
    expect(readers("localityProfile").filter((r) => /^(registrar|ig-auditor)\//.test(r))).toEqual([]);
    expect(mayReadList("registrar", "direct-care", "localityProfile")).toBe(false);
    expect(mayReadList("centre-worker", "safeguarding", "mandatedReviewPerformance")).toBe(false);
  });
});
