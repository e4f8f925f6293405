/**
 * THE RULE FOR A FAMILY'S ADDRESS, from which its locality follows (Family.locality):
 *
 * 1. The family's postcode is the one held by the most of its members (each member's postcode
 *    being the one Person.postcode gives: the one most of their linked records hold).
 * 2. A tie goes to the postcode of the member who comes first in the family's order of
 *    relationship: mother, father, second parent, carer, then children (a child lives with
 *    the parent who cares for them, and agencies record the mother's address first).
 * 3. A tie still (two members of the same relationship) goes to the postcode first in
 *    alphabetical order, so the answer never depends on the order rows come in.
 * 4. Members with no postcode do not count; a family none of whose members has a postcode has
 *    no address, and its locality is null.
 *
 * The locality is then the one whose children's centre reaches the postcode's sector (null when
 * no centre of the borough reaches it: a family that has moved away).
 */
const RELATIONSHIP_ORDER = ["MOTHER", "FATHER", "SECOND_PARENT", "CARER", "CHILD", "SIBLING"];

export interface MemberAddress {
  relationship: string;
  postcode: string | null;
}

function rank(relationship: string): number {
  const i = RELATIONSHIP_ORDER.indexOf(relationship);
  return i < 0 ? RELATIONSHIP_ORDER.length : i;
}

export function familyPostcode(members: readonly MemberAddress[]): string | null {
  const byPostcode = new Map<string, { count: number; bestRank: number }>();
  for (const m of members) {
    if (!m.postcode) continue;
    const entry = byPostcode.get(m.postcode) ?? { count: 0, bestRank: Infinity };
    entry.count += 1;
    entry.bestRank = Math.min(entry.bestRank, rank(m.relationship));
    byPostcode.set(m.postcode, entry);
  }
  let best: { postcode: string; count: number; bestRank: number } | null = null;
  for (const [postcode, e] of byPostcode) {
    if (
      !best ||
      e.count > best.count ||
      (e.count === best.count && e.bestRank < best.bestRank) ||
      (e.count === best.count && e.bestRank === best.bestRank && postcode < best.postcode)
    )
      best = { postcode, ...e };
  }
  return best?.postcode ?? null;
}
