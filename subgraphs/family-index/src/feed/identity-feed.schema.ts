import { CARE_UNIT_KINDS, isIsoDate, type IdentityFeedPage } from "@ffd/shared";
import { z } from "zod";

/** What an agency's identity feed must send; anything else is refused at this boundary. */
const relationship = z.enum(["MOTHER", "FATHER", "SECOND_PARENT", "CARER", "CHILD", "SIBLING"]);

/** `<kind>:<id>` with a kind relationship.ts knows: the unit holding the record (see careUnit()). */
const careUnitPattern = new RegExp(`^(${CARE_UNIT_KINDS.join("|")}):.+$`);

const identityRecord = z.object({
  localId: z.string().min(1),
  nhsNumber: z.string().nullable(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  dateOfBirth: z.string().refine(isIsoDate, "must be a date as YYYY-MM-DD").nullable(),
  sex: z.enum(["FEMALE", "MALE", "UNKNOWN"]).nullable(),
  postcode: z.string().nullable(),
  relations: z.array(z.object({ localId: z.string().min(1), relationship })),
  householdId: z.string().nullable().optional(),
  careUnit: z.string().regex(careUnitPattern, "must be <kind>:<id> with a known kind").nullable().optional(),
});

export const identityFeedPageSchema = z.object({
  agency: z.string(),
  records: z.array(identityRecord),
  nextCursor: z.string().nullable(),
});

export function parseIdentityFeedPage(body: unknown): IdentityFeedPage {
  return identityFeedPageSchema.parse(body);
}
