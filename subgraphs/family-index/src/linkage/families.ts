import { ageInYears, type IsoDate } from "@ffd/shared";
import { familyIdFor } from "./ids";
import { UnionFind } from "./union-find";
import {
  recordKey,
  type LinkedFamily,
  type LinkedFamilyMember,
  type MemberRelationship,
  type RecordKey,
  type SourceRecord,
} from "./types";

/** Parent-like roles as recorded relative to a child, most specific first (ties go to the earlier). */
const PARENT_ROLES = ["MOTHER", "FATHER", "SECOND_PARENT", "CARER"] as const;
type ParentRole = (typeof PARENT_ROLES)[number];

/** Below this age on the reference date, a family member known only from a household is a child. */
export const ADULT_AGE = 18;

interface ParentEdge {
  child: string;
  parent: string;
  role: ParentRole;
}

/**
 * Families from the agencies' own relations and households:
 *
 * - a relation on a record (a baby's MOTHER in maternity; a child's MOTHER, FATHER,
 *   SECOND_PARENT or CARER in health visiting and registration) joins the two people; a CHILD
 *   relation on an adult's record is read the other way round; SIBLING joins without a role;
 * - the members of one household (children's centres `householdId`) are joined;
 * - a family is a connected component of people through those joins (a person with no
 *   relation and no household has no family).
 *
 * Each member's relationship to the family:
 * 1. CHILD when some other member is recorded as their parent or carer (in any agency);
 * 2. otherwise the role recorded for them relative to a child in the family: the role most
 *    often recorded, ties and disagreements going to the more specific one (MOTHER, FATHER,
 *    SECOND_PARENT before CARER: a mother is also recorded as a carer in some systems);
 * 3. otherwise (known only from a household): CHILD if under ADULT_AGE on the reference
 *    date, else CARER (also when the date of birth is unknown).
 * SIBLING is not given yet (a sibling is a CHILD of the family here).
 */
export function buildFamilies(
  records: readonly SourceRecord[],
  personOf: ReadonlyMap<RecordKey, string>,
  dateOfBirthOf: ReadonlyMap<string, IsoDate | null>,
  referenceDate: IsoDate,
): { families: LinkedFamily[]; familyOf: Map<string, string> } {
  const joins = new UnionFind();
  const join = (a: string, b: string) => {
    joins.add(a);
    joins.add(b);
    joins.union(a, b);
  };
  const edges: ParentEdge[] = [];
  const households = new Map<string, string[]>();

  for (const r of records) {
    const self = personOf.get(recordKey(r.agency, r.localId));
    if (!self) continue;
    for (const rel of r.relations) {
      const other = personOf.get(recordKey(r.agency, rel.localId));
      if (!other || other === self) continue;
      join(self, other);
      if (rel.relationship === "CHILD") edges.push({ child: other, parent: self, role: "CARER" });
      else if (rel.relationship !== "SIBLING") edges.push({ child: self, parent: other, role: rel.relationship });
    }
    if (r.householdId) {
      const hh = `${r.agency}|${r.householdId}`;
      const members = households.get(hh);
      if (members) members.push(self);
      else households.set(hh, [self]);
    }
  }
  for (const members of households.values()) {
    joins.add(members[0]);
    for (const m of members.slice(1)) join(members[0], m);
  }

  const isChild = new Set(edges.map((e) => e.child));
  const rolesOf = new Map<string, ParentRole[]>();
  for (const e of edges) rolesOf.set(e.parent, [...(rolesOf.get(e.parent) ?? []), e.role]);

  const families: LinkedFamily[] = [];
  const familyOf = new Map<string, string>();
  for (const group of joins.groups()) {
    const personIds = [...group].sort();
    const id = familyIdFor(personIds[0]);
    const members: LinkedFamilyMember[] = personIds.map((personId) => ({
      familyId: id,
      personId,
      relationship: relationshipOf(personId, isChild, rolesOf, dateOfBirthOf.get(personId) ?? null, referenceDate),
    }));
    for (const p of personIds) familyOf.set(p, id);
    families.push({ id, anchorPersonId: personIds[0], members });
  }
  families.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return { families, familyOf };
}

function relationshipOf(
  personId: string,
  isChild: ReadonlySet<string>,
  rolesOf: ReadonlyMap<string, ParentRole[]>,
  dateOfBirth: IsoDate | null,
  referenceDate: IsoDate,
): MemberRelationship {
  if (isChild.has(personId)) return "CHILD";
  const roles = rolesOf.get(personId);
  if (roles && roles.length) {
    const specific = roles.filter((r) => r !== "CARER");
    if (!specific.length) return "CARER";
    let best: ParentRole = specific[0];
    const count = (role: ParentRole) => specific.filter((r) => r === role).length;
    for (const role of PARENT_ROLES) {
      if (
        count(role) > count(best) ||
        (count(role) === count(best) && PARENT_ROLES.indexOf(role) < PARENT_ROLES.indexOf(best))
      )
        best = role;
    }
    return best;
  }
  if (dateOfBirth && ageInYears(dateOfBirth, referenceDate) < ADULT_AGE) return "CHILD";
  return "CARER";
}
