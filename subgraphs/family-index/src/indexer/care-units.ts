import type { LinkedIndex, LinkedPerson } from "../linkage/types";

const NONE: readonly string[] = Object.freeze([]);

/**
 * Which care units hold a record of each family, for `Person.legitimateRelationship`: a worker
 * has a legitimate relationship with a person when one of their care units holds a record of
 * the person or of anyone in the person's family (shared relationship.ts). A person with no
 * family counts as a family of one.
 *
 * Built in memory with each index generation, so the answer for every person of a request is a
 * map lookup, with no query. Memory at 100,000 families: one map entry per family (or lone
 * person) that some unit holds, each pointing at a sorted list of units that is shared by every
 * family held by exactly the same units (there are few distinct lists: a family is usually held
 * by one centre, one caseload and one provider), and the unit strings are the ones the records
 * already share.
 */
export class CareUnitIndex {
  /** Family id, or person id for a person with no family -> the units holding a record of it, sorted. */
  private readonly unitsByGroup = new Map<string, readonly string[]>();

  constructor(index: Pick<LinkedIndex, "records" | "persons">) {
    const familyOf = new Map<string, string>();
    for (const p of index.persons) if (p.familyId) familyOf.set(p.id, p.familyId);
    const collected = new Map<string, string[]>();
    for (const r of index.records) {
      if (!r.careUnit) continue;
      const group = familyOf.get(r.personId) ?? r.personId;
      const units = collected.get(group);
      if (!units) collected.set(group, [r.careUnit]);
      else if (!units.includes(r.careUnit)) units.push(r.careUnit);
    }
    const lists = new Map<string, readonly string[]>();
    for (const [group, units] of collected) {
      units.sort();
      const key = units.join("\n");
      let list = lists.get(key);
      if (!list) {
        list = Object.freeze(units);
        lists.set(key, list);
      }
      this.unitsByGroup.set(group, list);
    }
  }

  /** The care units holding a record of the person or of any member of their family, sorted. */
  unitsOf(person: Pick<LinkedPerson, "id" | "familyId">): readonly string[] {
    return this.unitsByGroup.get(person.familyId ?? person.id) ?? NONE;
  }

  /** Whether one of these units (the caller's) holds a record of the person or of their family; false for none. */
  heldByAny(person: Pick<LinkedPerson, "id" | "familyId">, units: readonly string[]): boolean {
    if (units.length === 0) return false;
    return this.unitsOf(person).some((u) => units.includes(u));
  }

  /** Families and lone persons some unit holds (for tests and logs). */
  get size(): number {
    return this.unitsByGroup.size;
  }
}
