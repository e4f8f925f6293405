import { needs } from "@ffd/shared";
import { Authorized, Field, ID, ObjectType } from "type-graphql";
import type { Birth, Mother } from "../../source/maternity.port";
import { BirthDetails } from "../birth/birth.type";
import { Pregnancy } from "../pregnancy/pregnancy.type";

@ObjectType({
  description: "What the maternity system holds about a person: their pregnancies as a mother, their birth as a baby.",
})
export class MaternityRecord {
  @Field(() => [ID], {
    description: "The maternity system's local ids of this person's records ('MAT…' as a mother, 'BAB…' as a baby).",
  })
  localIds!: string[];

  @Field(() => String, { nullable: true, description: "The NHS trust that holds the record." })
  provider!: string | null;

  @Field(() => [Pregnancy], { description: "Pregnancies booked as a mother, earliest first; empty for a baby." })
  pregnancies!: Pregnancy[];

  @Authorized(needs("maternity", "FULL"))
  @Field(() => BirthDetails, {
    nullable: true,
    description:
      "This person's own birth, when the record is a baby's; null for a mother. Detail: null with FORBIDDEN for a summary.",
  })
  birth!: BirthDetails | null;

  /** The mother records among localIds (not in the schema): pregnancies are read through them. */
  motherLocalIds!: string[];
}

/**
 * One person's maternity record from what their ids turned out to be: null when none of the
 * ids is known to the maternity system. Ids keep the order the family index gave them.
 */
export function maternityRecordOf(
  ids: readonly string[],
  mothers: readonly (Mother | null)[],
  births: readonly (Birth | null)[],
): Omit<MaternityRecord, "pregnancies"> | null {
  const found = ids.filter((_, i) => mothers[i] !== null || births[i] !== null);
  if (found.length === 0) return null;
  const knownMothers = mothers.filter((m): m is Mother => m !== null);
  const knownBirths = births.filter((b): b is Birth => b !== null);
  return {
    localIds: found,
    provider: knownMothers[0]?.provider ?? knownBirths[0]?.provider ?? null,
    motherLocalIds: knownMothers.map((m) => m.localId),
    birth: knownBirths[0] ?? null,
  };
}
