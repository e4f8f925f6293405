import {
  AGENCY_EVENT_KINDS,
  CARE_UNIT_KINDS,
  isIsoDate,
  type AgencyEventFeedAnswer,
  type IdentityFeedPage,
  type InvolvementFeedAnswer,
} from "@ffd/shared";
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
  deleted: z.array(z.string().min(1)).optional(),
  nextCursor: z.string().min(1).nullable(),
  changeCursor: z.string().min(1).nullable().optional(),
});

export function parseIdentityFeedPage(body: unknown): IdentityFeedPage {
  return identityFeedPageSchema.parse(body);
}

const leadPractitioner = z.object({
  name: z.string().min(1),
  role: z.string().min(1),
  team: z.string().nullable(),
  phone: z.string().nullable(),
});

const isoDate = z.string().refine(isIsoDate, "must be a date as YYYY-MM-DD");

/** What an agency's involvement feed must send (in the order of the ids asked, null for one it does not hold). */
export const involvementFeedAnswerSchema = z.object({
  agency: z.string(),
  involvements: z.array(
    z
      .object({
        localId: z.string().min(1),
        status: z.enum(["CURRENT", "HISTORIC"]),
        leadPractitioner: leadPractitioner.nullable(),
        since: isoDate.nullable(),
        lastContactOn: isoDate.nullable(),
      })
      .nullable(),
  ),
});

export function parseInvolvementFeedAnswer(body: unknown): InvolvementFeedAnswer {
  return involvementFeedAnswerSchema.parse(body);
}

/** What an agency's event feed must send: its events in the period asked, summary level. */
export const eventFeedAnswerSchema = z.object({
  agency: z.string(),
  events: z.array(
    z.object({
      localId: z.string().min(1),
      kind: z.enum(AGENCY_EVENT_KINDS),
      on: isoDate,
      summary: z.string().min(1).max(200),
    }),
  ),
});

export function parseEventFeedAnswer(body: unknown): AgencyEventFeedAnswer {
  return eventFeedAnswerSchema.parse(body);
}
