import { PURPOSES_OF_ACCESS, ROLES, type PurposeOfAccess, type Role } from "./access";
import { AGENCY_SERVICES, type AgencyEntry, type AgencyService } from "./services";

/**
 * THE ACCESS POLICY: which role may state which purpose of access, and for each purpose how much
 * of each group of fields it may see. This file is the one place it is written; the README's
 * table "Who may see what" is generated from it (a test fails when they differ), the gateway
 * refuses a purpose the role may not state, and every subgraph enforces the levels on its own
 * fields (enforce.ts). Pure data and pure functions: no I/O.
 */

/** The field group of each agency's data: one per agency of the service registry (services.ts). */
export type AgencyFieldGroup = AgencyService["fieldGroup"];
/** The groups of fields the policy speaks about: identity and family, one per agency, then administration. */
export type FieldGroup = "identity" | "family" | AgencyFieldGroup | "linkageReview" | "auditTrail";

/** The field groups in the policy table's column order, the agencies' from the registry (`agencies`: a test's). */
export function fieldGroupsOf(agencies: readonly AgencyEntry[] = AGENCY_SERVICES): readonly string[] {
  return ["identity", "family", ...agencies.map((a) => a.fieldGroup), "linkageReview", "auditTrail"];
}
export const FIELD_GROUPS = fieldGroupsOf() as readonly FieldGroup[];

/** What each field group holds, in the words of the README. */
export const FIELD_GROUP_CONTENTS: Readonly<Record<FieldGroup, string>> = {
  identity: "NHS number, names, date of birth, sex, postcode",
  family:
    "the person's family: its members and how each is related (`Person.family`, `family(id)`), and the locality its address is in (`Family.locality`)",
  maternity: "the maternity system's record (`Person.maternity`): pregnancies, births",
  healthVisiting: "the health visiting record (`Person.healthVisiting`): caseload, mandated reviews, contacts",
  childrensCentres: "the children's centres record (`Person.childrensCentres`): household registration, sessions",
  birthRegistration: "the register of births (`Person.birthRegistration`): the person's own entry and their children's",
  childrensSocialCare:
    "children's social care (`Person.childrensSocialCare`): safeguarding flags as CP-IS shares them, the allocated social worker, and each plan's detail",
  linkageReview:
    "record linkage review: every link of a person's records (`Person.records`, with rule and confidence), candidate pairs with both records' demographics, review decisions, confirm/reject/unlink",
  auditTrail: "the audit trail: who has read whose record, when and why (`auditTrail`, access reports)",
};

/**
 * Levels of detail, least first.
 * - NONE: nothing; the field is withheld (null with a FORBIDDEN error naming the agency).
 * - SUMMARY: that the agency knows the person, who the lead practitioner or place is, and what
 *   is due; no clinical detail (see SUMMARY_CONTENTS).
 * - FULL_WITH_RELATIONSHIP: everything, but only when the caller has a legitimate relationship
 *   with the family (a member is on the worker's health visiting caseload, the household is
 *   registered at the worker's centre, or, for a midwife, booked with the worker's trust: see
 *   relationship.ts); without one, SUMMARY; beyond that only by break-glass with a written
 *   reason, which is allowed, audited and queued for review.
 * - FULL: everything, with no relationship needed (the role's own work is the relationship:
 *   e.g. the registrar and the register, the data steward and the link review).
 */
export const ACCESS_LEVELS = ["NONE", "SUMMARY", "FULL_WITH_RELATIONSHIP", "FULL"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** What SUMMARY shows, per agency field group (only the agency groups have a SUMMARY level). */
export const SUMMARY_CONTENTS: Readonly<Partial<Record<FieldGroup, string>>> = {
  maternity:
    "known to maternity (record ids, and its entry of `Person.records`), the maternity provider, each pregnancy's agreed due date, and its involvement (`Person.involvements`: current or historic, the named community midwife and team, the date of the last booking or birth); not booking details, gestation, complex social factors, outcome or birth details",
  healthVisiting:
    "known to health visiting (record ids, and its entry of `Person.records`), client type, team, named health visitor, base, on caseload since, expected delivery date, and the mandated reviews with their due dates, completion dates and status, and its involvement (`Person.involvements`: current or historic, the named health visitor and team's line, the date of the last contact); not contacts, breastfeeding or the ASQ-3 result",
  childrensCentres:
    "known to the children's centres (member references, and their entry of `Person.records`), the centre the household is registered at, the date registered, the member's role and consent to share, and their involvement (`Person.involvements`: current or historic, the key worker and centre's line, the date of the last session attended); not the household's address, the member's relationship in it, or which sessions were attended",
  birthRegistration:
    "known to the register (its entry of `Person.records`), whether and when the birth was registered, the district and entry number, whether it was within the 42 days the law allows, and its involvement (`Person.involvements`: the registrar and the date registered); not the child's or parents' registered details, the informant, the place of birth, or where it was registered",
  childrensSocialCare:
    "as CP-IS shares it with every casework role: each safeguarding flag (child protection plan, unborn child protection plan, looked after, child in need) with its start and end dates and whether it is active, shown until 12 months after it ends, the allocated social worker's name, team and phone, and its involvement (`Person.involvements`: current or historic, the social worker, since, the last review, start or end date); not the plan's detail: category of abuse, reasons, review conferences",
};

export type Levels = Readonly<Record<FieldGroup, AccessLevel>>;

export interface RolePolicy {
  /** Who holds the role, in one line. */
  readonly who: string;
  /** The purposes the role may state, each with the level of every field group. */
  readonly purposes: Readonly<Partial<Record<PurposeOfAccess, Levels>>>;
  /** Why these purposes and no others, in one line. */
  readonly why: string;
}

/**
 * Field groups of agencies added by `npm run agency:new` whose policy rows no person has decided
 * yet: hidden (NONE) from every role and purpose, the conservative default, until someone writes
 * their rows below and removes them from this list. Never guessed.
 */
export const POLICY_UNDECIDED_GROUPS: readonly string[] = [];

/**
 * One level for every agency's field group (a new registry row joins each row that spreads it),
 * except that an undecided group is NONE whatever the level.
 */
function everyAgency<L extends AccessLevel>(level: L): Readonly<Record<AgencyFieldGroup, L>> {
  return Object.fromEntries(
    AGENCY_SERVICES.map((a) => [a.fieldGroup, POLICY_UNDECIDED_GROUPS.includes(a.fieldGroup) ? "NONE" : level]),
  ) as Record<AgencyFieldGroup, L>;
}

// Building blocks, so that each row below reads as a sentence.
const AGENCIES_SUMMARY = everyAgency("SUMMARY");
const AGENCIES_WITH_RELATIONSHIP = everyAgency("FULL_WITH_RELATIONSHIP");
const NO_AGENCIES = everyAgency("NONE");
const PERSON_AND_FAMILY = { identity: "FULL", family: "FULL" } as const;
const NO_ADMIN = { linkageReview: "NONE", auditTrail: "NONE" } as const;

/** Frontline casework: who the person and family are, summary of every agency, no administration. */
const CASEWORK_SUMMARY: Levels = { ...PERSON_AND_FAMILY, ...AGENCIES_SUMMARY, ...NO_ADMIN };
/** Safeguarding: full detail from every agency for those with a relationship to the family. */
const SAFEGUARDING: Levels = { ...PERSON_AND_FAMILY, ...AGENCIES_WITH_RELATIONSHIP, ...NO_ADMIN };

export const POLICY: Readonly<Record<Role, RolePolicy>> = {
  "front-door": {
    who: "staff of the multi-agency front door who receive and triage contacts about children",
    why: "they triage contacts for direct care, early help and safeguarding; they neither register births nor audit",
    purposes: {
      "direct-care": CASEWORK_SUMMARY,
      "early-help": CASEWORK_SUMMARY,
      safeguarding: SAFEGUARDING,
    },
  },
  "centre-worker": {
    who: "family support workers at a children's centre (Family Hub)",
    why: "they care for and support families; safeguarding concerns go to the safeguarding lead",
    purposes: {
      "direct-care": { ...CASEWORK_SUMMARY, childrensCentres: "FULL_WITH_RELATIONSHIP" },
      "early-help": { ...CASEWORK_SUMMARY, childrensCentres: "FULL_WITH_RELATIONSHIP" },
    },
  },
  "health-visitor": {
    who: "health visitors of the community health service (0-5 years)",
    why: "health visitors give direct care, lead early help for young children and are safeguarding partners",
    purposes: {
      "direct-care": {
        ...CASEWORK_SUMMARY,
        maternity: "FULL_WITH_RELATIONSHIP",
        healthVisiting: "FULL_WITH_RELATIONSHIP",
      },
      "early-help": {
        ...CASEWORK_SUMMARY,
        maternity: "FULL_WITH_RELATIONSHIP",
        healthVisiting: "FULL_WITH_RELATIONSHIP",
      },
      safeguarding: SAFEGUARDING,
    },
  },
  midwife: {
    who: "midwives of the maternity service",
    why: "midwives give direct care and raise safeguarding concerns for unborn and new babies; early help is led by others",
    purposes: {
      "direct-care": { ...CASEWORK_SUMMARY, maternity: "FULL_WITH_RELATIONSHIP" },
      safeguarding: SAFEGUARDING,
    },
  },
  registrar: {
    who: "registrars of births (the register office and children's centre registration points)",
    why: "registrars register births and need nothing else: no health data, no family beyond the register",
    purposes: {
      registration: { identity: "FULL", family: "NONE", ...NO_AGENCIES, birthRegistration: "FULL", ...NO_ADMIN },
    },
  },
  "safeguarding-lead": {
    who: "designated safeguarding leads who coordinate enquiries and decide step-up and step-down",
    why: "they lead safeguarding enquiries and decide whether a family steps up from or down to early help",
    purposes: {
      safeguarding: SAFEGUARDING,
      "early-help": CASEWORK_SUMMARY,
    },
  },
  "social-worker": {
    who: "social workers of children's social care, each holding a caseload (`caseload` claim)",
    why: "they lead child protection and children in need work, so they safeguard and give early help; plan detail is for safeguarding, with their caseload or break-glass, as for any other role",
    purposes: {
      safeguarding: SAFEGUARDING,
      "early-help": CASEWORK_SUMMARY,
    },
  },
  "data-steward": {
    who: "data stewards who review uncertain record links in the family index",
    why: "correct links keep the shared record safe for the people caring for the child, so their work serves direct care; they need identities and links, never agency detail",
    purposes: {
      "direct-care": { identity: "FULL", family: "NONE", ...NO_AGENCIES, linkageReview: "FULL", auditTrail: "NONE" },
    },
  },
  "ig-auditor": {
    who: "information governance officers who audit who has seen what",
    why: "auditing access is their only purpose; they see the audit trail and no one's record",
    purposes: {
      audit: { identity: "NONE", family: "NONE", ...NO_AGENCIES, linkageReview: "NONE", auditTrail: "FULL" },
    },
  },
};

/**
 * THE LOCALITY LISTS: lists a locality team works from (issue 11), each a read of every person on
 * it. A list is read only for the purposes its work serves, and only by a role whose policy row
 * for that purpose shows in full every field group the list is made of (a list names its people
 * and is composed from their families), and at least a summary of each agency group it shows
 * what a summary shows of; each agency's data on the list's people then follows that agency's own
 * level, as anywhere else. Refused (FORBIDDEN) before anything is read. A list of counts that
 * names no one (groups and summaryOf empty) is open to every role that may state its purposes.
 */
export interface ListPolicy {
  /** What the list is, in one line. */
  readonly what: string;
  /** The purposes the list's work serves. */
  readonly purposes: readonly PurposeOfAccess[];
  /** The field groups the list shows of every person on it: each must be FULL for the role and purpose. */
  readonly groups: readonly FieldGroup[];
  /** The agency groups of which the list shows only what SUMMARY shows: each must be at least SUMMARY. */
  readonly summaryOf?: readonly FieldGroup[];
  /** Why these purposes, in one line. */
  readonly why: string;
}

export const LOCALITY_LISTS = {
  outreach: {
    what: "new births not known to a children's centre",
    purposes: ["direct-care", "early-help"],
    groups: ["identity", "family"],
    why: "reaching a family no centre knows yet is the universal offer and early help; it is no safeguarding enquiry, and registrars, data stewards and auditors do no outreach",
  },
  mandatedReviewWorklist: {
    what: "children of a locality with a mandated health visiting review overdue or due soon, with their named health visitor",
    purposes: ["direct-care", "early-help"],
    groups: ["identity"],
    summaryOf: ["healthVisiting"],
    why: "arranging a child's mandated review is the universal offer (direct care) and the start of early help; it is no safeguarding enquiry, and registrars, data stewards and auditors arrange no reviews",
  },
  mandatedReviewPerformance: {
    what: "per mandated review, how many children were due and how many were seen in time, against the national figure: counts, no one named",
    purposes: ["direct-care", "early-help", "safeguarding"],
    groups: [],
    summaryOf: [],
    why: "counts that name no one help every team that plans care or early help or safeguards children; auditing access and registering births are not served by them",
  },
  localityProfile: {
    what: "figures of a locality's 0-5 profile (under-5s known, births in the last 12 months, children's centre reach overall and in the 30% most deprived areas, births registered with a centre and at one, the mandated review rates): counts, no one named",
    purposes: ["direct-care", "early-help", "safeguarding"],
    groups: [],
    summaryOf: [],
    why: "counts that name no one help every team that plans care, early help or safeguarding decide where its resources go; the same readers as the review performance, whose rates the profile shows; auditing access and registering births are not served by them",
  },
  safeguardingMeetingList: {
    what: "families of a locality with something new in the week from any agency, for the weekly multi-agency safeguarding meeting",
    purposes: ["safeguarding", "early-help"],
    groups: ["identity", "family"],
    why: "the locality's multi-agency group meets weekly to discuss new cases and decide step-up to safeguarding or step-down to early help, so the list serves both; it is not direct care, and registrars, data stewards and auditors sit in no such group. Each reason is then shown only as the policy shows its agency's fact (a role's summary of that agency, or maternity in full for complex social factors), and a family with no reason left is not listed",
  },
} as const satisfies Readonly<Record<string, ListPolicy>>;
export type LocalityList = keyof typeof LOCALITY_LISTS;

/** Whether this role, stating this purpose, may read the list. */
export function mayReadList(role: Role, purpose: PurposeOfAccess, list: LocalityList): boolean {
  const policy: ListPolicy = LOCALITY_LISTS[list];
  return (
    // A purpose the role may not state gives nothing, even of a list of counts that needs no group.
    mayDeclare(role, purpose) &&
    policy.purposes.includes(purpose) &&
    policy.groups.every((g) => levelFor(role, purpose, g) === "FULL") &&
    (policy.summaryOf ?? []).every((g) => levelFor(role, purpose, g) !== "NONE")
  );
}

/** The purposes this role may state, in the order of PURPOSES_OF_ACCESS. */
export function purposesFor(role: Role): PurposeOfAccess[] {
  return PURPOSES_OF_ACCESS.filter((p) => POLICY[role].purposes[p] !== undefined);
}

/** Whether this role may state this purpose (the gateway refuses the request otherwise). */
export function mayDeclare(role: Role, purpose: PurposeOfAccess): boolean {
  return POLICY[role].purposes[purpose] !== undefined;
}

/** The level of detail of a field group for a role and purpose; NONE for a purpose the role may not state. */
export function levelFor(role: Role, purpose: PurposeOfAccess, group: FieldGroup): AccessLevel {
  if (POLICY_UNDECIDED_GROUPS.includes(group)) return "NONE";
  return POLICY[role].purposes[purpose]?.[group] ?? "NONE";
}

/**
 * Whether this role may break glass for this purpose: only where some field group is "full with
 * relationship", which break-glass turns into full. It never gives a role what its policy withholds.
 */
export function mayBreakGlass(role: Role, purpose: PurposeOfAccess): boolean {
  return FIELD_GROUPS.some((g) => levelFor(role, purpose, g) === "FULL_WITH_RELATIONSHIP");
}

const LEVEL_LABELS: Readonly<Record<AccessLevel, string>> = {
  NONE: "—",
  SUMMARY: "summary",
  FULL_WITH_RELATIONSHIP: "full with relationship",
  FULL: "full",
};

function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...rows.map(line)].join("\n");
}

/** The roles, who holds each, the purposes each may state and why, as a Markdown table (README). */
export function rolesTableMarkdown(): string {
  return markdownTable(
    ["Role", "Who", "May state", "Why"],
    ROLES.map((role) => [
      `\`${role}\``,
      POLICY[role].who,
      purposesFor(role)
        .map((p) => `\`${p}\``)
        .join(", "),
      POLICY[role].why,
    ]),
  );
}

/**
 * The policy as a Markdown table (one row per role and purpose it may state), exactly as it
 * stands in the README between the `access-policy-table` markers.
 */
export function policyTableMarkdown(): string {
  const header = ["Role", "Purpose", ...FIELD_GROUPS];
  const rows: string[][] = [];
  for (const role of ROLES) {
    for (const purpose of purposesFor(role)) {
      rows.push([
        `\`${role}\``,
        `\`${purpose}\``,
        ...FIELD_GROUPS.map((g) => LEVEL_LABELS[levelFor(role, purpose, g)]),
      ]);
    }
  }
  return markdownTable(header, rows);
}

/** The field groups and what each holds, as a Markdown table (README). */
export function fieldGroupsTableMarkdown(): string {
  return markdownTable(
    ["Field group", "What it holds"],
    FIELD_GROUPS.map((g) => [g, FIELD_GROUP_CONTENTS[g]]),
  );
}

/** What SUMMARY shows per agency field group, as a Markdown table (README). */
export function summaryTableMarkdown(): string {
  return markdownTable(
    ["Field group", "Summary shows"],
    FIELD_GROUPS.flatMap((g) => (SUMMARY_CONTENTS[g] ? [[g, SUMMARY_CONTENTS[g]]] : [])),
  );
}

/** The generated blocks of the README's access policy section, by marker name. */
export function policyReadmeBlocks(): Record<string, string> {
  return {
    "access-policy-roles": rolesTableMarkdown(),
    "access-policy-groups": fieldGroupsTableMarkdown(),
    "access-policy-levels": policyTableMarkdown(),
    "access-policy-summary": summaryTableMarkdown(),
  };
}

/**
 * The README text with each generated block (between `<!-- name:start -->` and
 * `<!-- name:end -->`) replaced by the policy's current table; blocks absent from the text are
 * left out. Pure: the caller reads and writes the file.
 */
export function withPolicyBlocks(readme: string): string {
  let out = readme;
  for (const [name, table] of Object.entries(policyReadmeBlocks())) {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const i = out.indexOf(start);
    const j = out.indexOf(end);
    if (i < 0 || j < i) continue;
    out = `${out.slice(0, i + start.length)}\n\n${table}\n\n${out.slice(j)}`;
  }
  return out;
}
