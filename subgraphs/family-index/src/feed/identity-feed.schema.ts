import { isIsoDate, type IdentityFeedPage } from "@ffd/shared";
import { z } from "zod";

/** What an agency's identity feed must send; anything else is refused at this boundary. */
const relationship = z.enum(["MOTHER", "FATHER", "SECOND_PARENT", "CARER", "CHILD", "SIBLING"]);

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
});

export const identityFeedPageSchema = z.object({
  agency: z.string(),
  records: z.array(identityRecord),
  nextCursor: z.string().nullable(),
});

export function parseIdentityFeedPage(body: unknown): IdentityFeedPage {
  return identityFeedPageSchema.parse(body);
}
