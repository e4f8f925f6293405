import { DateTimeScalar } from "@ffd/shared";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";

/*
 * The audit subgraph's types. Nothing here is a `Person`: an event names the person read only by
 * their family index id (`personId: ID!`), so reading the trail is never itself a read of a
 * child's record (the gateway's audit plugin records every `Person` in a response).
 */

/** What became of a read; the internal values are the store's. */
export enum AuditOutcome {
  RETURNED = "returned",
  PARTIALLY_DENIED = "partially-denied",
  DENIED = "denied",
  UNAVAILABLE = "unavailable",
}
registerEnumType(AuditOutcome, {
  name: "AuditOutcome",
  description: "What became of a read of a person's record.",
  valuesConfig: {
    RETURNED: { description: "Everything asked for that exists came back." },
    PARTIALLY_DENIED: { description: "The access policy withheld some data; other data came back." },
    DENIED: { description: "The access policy withheld what was asked for; nothing else came back." },
    UNAVAILABLE: { description: "Nothing was withheld by policy, but an agency's system did not answer." },
  },
});

export enum BreakGlassVerdict {
  APPROPRIATE = "APPROPRIATE",
  INAPPROPRIATE = "INAPPROPRIATE",
}
registerEnumType(BreakGlassVerdict, {
  name: "BreakGlassVerdict",
  description: "An information governance auditor's judgement of one break-glass access.",
  valuesConfig: {
    APPROPRIATE: { description: "The stated reason justified full detail without a relationship with the family." },
    INAPPROPRIATE: { description: "It did not: follow up with the worker and their manager." },
  },
});

@ObjectType({ description: "An auditor's review of one break-glass access. Recorded once; never changed." })
export class BreakGlassReview {
  @Field(() => ID, { description: "The audit event reviewed." })
  eventId!: string;

  @Field(() => BreakGlassVerdict)
  verdict!: BreakGlassVerdict;

  @Field(() => String, { nullable: true, description: "The reviewer's note, if any." })
  note!: string | null;

  @Field(() => String, { description: "The reviewer's user id (the token's subject)." })
  reviewer!: string;

  @Field(() => String, { description: "The reviewer's role (ig-auditor)." })
  reviewerRole!: string;

  @Field(() => DateTimeScalar)
  reviewedAt!: string;
}

@ObjectType({
  description:
    "One read of one person's record, as the gateway recorded it before the answer left: who, in what role, from where, why, what came back and what was withheld.",
})
export class AuditEvent {
  @Field(() => ID, { description: "The event's id in the audit trail (a UUID)." })
  eventId!: string;

  @Field(() => ID, { description: "The family index id of the person whose record was read." })
  personId!: string;

  @Field(() => String, { description: "The user who read it (their token's subject)." })
  actor!: string;

  @Field(() => String, { description: "Their role, for example front-door or health-visitor." })
  role!: string;

  @Field(() => String, { nullable: true, description: "Their organisation, when their token names one." })
  organisation!: string | null;

  @Field(() => String, { nullable: true, description: "Their children's centre, when their token names one." })
  centre!: string | null;

  @Field(() => String, {
    description: "The purpose of access they stated: direct-care, early-help, safeguarding, registration or audit.",
  })
  purpose!: string;

  @Field(() => DateTimeScalar, { description: "When, UTC." })
  occurredAt!: string;

  @Field(() => [String], {
    description:
      "Agencies whose data about the person came back: maternity, health-visiting, childrens-centres, registration.",
  })
  agencies!: string[];

  @Field(() => [String], {
    description:
      "Data categories that came back: identity, family, record-links and the agencies (a new Person field is recorded under its own name).",
  })
  categories!: string[];

  @Field(() => [String], { description: "Categories the access policy withheld (FORBIDDEN)." })
  denied!: string[];

  @Field(() => [String], { description: "Agencies whose system did not answer (AGENCY_UNAVAILABLE)." })
  unavailable!: string[];

  @Field(() => AuditOutcome)
  outcome!: AuditOutcome;

  @Field(() => String, {
    nullable: true,
    description: "The written reason when the user broke glass (X-Break-Glass-Reason); null when they did not.",
  })
  breakGlassReason!: string | null;

  @Field(() => String, { description: "The request id (x-request-id), to find the request in the logs." })
  requestId!: string;

  @Field(() => String, { nullable: true, description: "The GraphQL operation's name, if it had one." })
  operationName!: string | null;
}
