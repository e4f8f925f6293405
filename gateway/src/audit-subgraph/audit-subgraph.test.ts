import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import {
  createLogger,
  openPglite,
  PURPOSES_OF_ACCESS,
  ROLES,
  type Caller,
  type Db,
  type PurposeOfAccess,
  type Role,
} from "@ffd/shared";
import type { AuditEvent } from "../audit/event";
import { createAuditStore, type AuditStore, type NewAuditEvent } from "../audit/store";
import type { GatewayContext } from "../context";
import { AUDIT_TRAIL_UNAVAILABLE_MESSAGE } from "./context";
import { LocalAuditDataSource } from "./data-source";
import { buildAuditSchema } from "./schema";

/*
 * The audit subgraph as the gateway's query planner calls it, in the gateway's own process:
 * its data source, in front of a real audit store (embedded PGlite), given the caller the
 * gateway authenticated. The store itself is tested on PostgreSQL too (../audit/store.test.ts);
 * through the whole gateway in ./gateway.test.ts.
 */

const logger = createLogger("gateway", "silent");
const REASON = "Police called the front door: child reported missing overnight";

function caller(role: Role, purpose: PurposeOfAccess | null, subject = `${role}-1`): Caller {
  return { subject, role, organisation: "LBX", centre: null, caseload: null, purpose, breakGlass: false };
}
const AUDITOR = caller("ig-auditor", "audit", "ig-7");

type Served = LocalAuditDataSource;

async function serve(store: AuditStore): Promise<Served> {
  return new LocalAuditDataSource({ schema: await buildAuditSchema(), store, logger });
}

/** One fetch of the query planner's, with the gateway's context (no caller: one that skipped authentication). */
async function post(
  served: Served,
  query: string,
  variables: Record<string, unknown> = {},
  auth: Caller | null = AUDITOR,
): Promise<{ body: any }> {
  const context = { requestId: "req-test", caller: auth, breakGlassReason: null } as unknown as GatewayContext;
  const options = {
    kind: "incoming operation",
    request: { query, variables },
    incomingRequestContext: { context },
    context,
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
  return { body: await served.process(options) };
}

function event(personId: string, overrides: Partial<NewAuditEvent> = {}): NewAuditEvent {
  return {
    personId,
    agencies: ["health-visiting"],
    categories: ["identity", "health-visiting"],
    denied: [],
    unavailable: [],
    actor: "hv-3",
    role: "health-visitor",
    organisation: "RYX",
    centre: null,
    purpose: "direct-care",
    breakGlassReason: null,
    outcome: "returned",
    requestId: "req-a",
    operationName: "Child",
    ...overrides,
  };
}

const TRAIL = `query Trail($personId: ID!, $first: Int, $from: DateTime, $to: DateTime) {
  auditTrail(personId: $personId, first: $first, from: $from, to: $to) {
    eventId personId actor role organisation centre purpose occurredAt agencies categories denied unavailable
    outcome breakGlassReason requestId operationName awaitingReview
    breakGlassReview { eventId verdict note reviewer reviewerRole reviewedAt }
  }
}`;
const REPORT = `query Report($actor: String!, $from: DateTime!, $to: DateTime!) {
  accessReport(actor: $actor, from: $from, to: $to) {
    actor from to reads people { personId reads firstAt lastAt agencies purposes outcomes }
  }
}`;
const QUEUE = `query Queue($first: Int) { breakGlassQueue(first: $first) { eventId personId actor breakGlassReason awaitingReview } }`;
const REVIEW = `mutation Review($eventId: ID!, $verdict: BreakGlassVerdict!, $note: String) {
  reviewBreakGlass(eventId: $eventId, verdict: $verdict, note: $note) { eventId verdict note reviewer reviewerRole reviewedAt }
}`;

let db: Db;
let store: AuditStore;
let served: Served;
let events: AuditEvent[];

beforeAll(async () => {
  db = await openPglite();
  store = createAuditStore(db);
  events = await store.append([
    event("child-1", { occurredAt: "2031-05-01T09:00:00.000Z" }),
    event("child-2", { occurredAt: "2031-05-01T09:30:00.000Z" }),
    event("child-1", {
      actor: "fd-2",
      role: "front-door",
      organisation: "LBX",
      purpose: "safeguarding",
      agencies: ["maternity", "health-visiting"],
      categories: ["identity", "family", "maternity", "health-visiting"],
      denied: ["childrens-centres"],
      outcome: "partially-denied",
      breakGlassReason: REASON,
      requestId: "req-b",
      operationName: null,
      occurredAt: "2031-05-02T22:15:00.000Z",
    }),
    event("child-1", {
      actor: "cw-4",
      role: "centre-worker",
      centre: "CC07",
      unavailable: ["maternity"],
      outcome: "unavailable",
      occurredAt: "2031-05-03T11:00:00.000Z",
    }),
  ]);
  served = await serve(store);
});
afterAll(async () => {
  await db.close();
});

describe("the IG auditor (ig-auditor, purpose audit)", () => {
  it("reads who has seen a person's record, newest first, with everything the event recorded", async () => {
    const { body } = await post(served, TRAIL, { personId: "child-1" });
    expect(body.errors).toBeUndefined();
    const trail = body.data.auditTrail;
    expect(trail.map((e: { actor: string }) => e.actor)).toEqual(["cw-4", "fd-2", "hv-3"]);
    expect(trail[1]).toEqual({
      eventId: events[2].eventId,
      personId: "child-1",
      actor: "fd-2",
      role: "front-door",
      organisation: "LBX",
      centre: null,
      purpose: "safeguarding",
      occurredAt: "2031-05-02T22:15:00.000Z",
      agencies: ["maternity", "health-visiting"],
      categories: ["identity", "family", "maternity", "health-visiting"],
      denied: ["childrens-centres"],
      unavailable: [],
      outcome: "PARTIALLY_DENIED",
      breakGlassReason: REASON,
      requestId: "req-b",
      operationName: null,
      awaitingReview: true,
      breakGlassReview: null,
    });
    expect(trail[0]).toMatchObject({ centre: "CC07", unavailable: ["maternity"], outcome: "UNAVAILABLE" });
    expect(trail[2]).toMatchObject({ outcome: "RETURNED", breakGlassReason: null, awaitingReview: false });
  });

  it("narrows the trail by period and count", async () => {
    const period = await post(served, TRAIL, {
      personId: "child-1",
      from: "2031-05-02T00:00:00Z",
      to: "2031-05-03T00:00:00+00:00",
    });
    expect(period.body.data.auditTrail.map((e: { actor: string }) => e.actor)).toEqual(["fd-2"]);
    const latest = await post(served, TRAIL, { personId: "child-1", first: 1 });
    expect(latest.body.data.auditTrail.map((e: { actor: string }) => e.actor)).toEqual(["cw-4"]);
    const nobody = await post(served, TRAIL, { personId: "child-99" });
    expect(nobody.body).toEqual({ data: { auditTrail: [] } });
  });

  it("reports what one user read in a period", async () => {
    const { body } = await post(served, REPORT, {
      actor: "hv-3",
      from: "2031-05-01T00:00:00Z",
      to: "2031-06-01T00:00:00Z",
    });
    expect(body).toEqual({
      data: {
        accessReport: {
          actor: "hv-3",
          from: "2031-05-01T00:00:00.000Z",
          to: "2031-06-01T00:00:00.000Z",
          reads: 2,
          people: [
            {
              personId: "child-1",
              reads: 1,
              firstAt: "2031-05-01T09:00:00.000Z",
              lastAt: "2031-05-01T09:00:00.000Z",
              agencies: ["health-visiting"],
              purposes: ["direct-care"],
              outcomes: ["RETURNED"],
            },
            {
              personId: "child-2",
              reads: 1,
              firstAt: "2031-05-01T09:30:00.000Z",
              lastAt: "2031-05-01T09:30:00.000Z",
              agencies: ["health-visiting"],
              purposes: ["direct-care"],
              outcomes: ["RETURNED"],
            },
          ],
        },
      },
    });
  });

  it.each([
    ["a blank personId", TRAIL, { personId: " " }, "personId", /Give the id of the person/],
    ["first of 0", TRAIL, { personId: "child-1", first: 0 }, "first", /first must be from 1 to 1000/],
    ["first over 1000", TRAIL, { personId: "child-1", first: 1001 }, "first", /first must be from 1 to 1000/],
    [
      "a trail period ending before it starts",
      TRAIL,
      { personId: "child-1", from: "2031-05-03T00:00:00Z", to: "2031-05-02T00:00:00Z" },
      "from",
      /after to/,
    ],
    [
      "a report period ending before it starts",
      REPORT,
      { actor: "hv-3", from: "2031-06-01T00:00:00Z", to: "2031-05-01T00:00:00Z" },
      "from",
      /after to/,
    ],
    [
      "a report over 366 days",
      REPORT,
      { actor: "hv-3", from: "2030-01-01T00:00:00Z", to: "2031-01-03T00:00:00Z" },
      "to",
      /at most 366 days/,
    ],
    [
      "a blank actor",
      REPORT,
      { actor: "", from: "2031-05-01T00:00:00Z", to: "2031-05-02T00:00:00Z" },
      "actor",
      /Give the user/,
    ],
    ["a queue over 500", QUEUE, { first: 501 }, "first", /first must be from 1 to 500/],
  ])("refuses %s with BAD_USER_INPUT naming the argument", async (_what, query, variables, field, message) => {
    const { body } = await post(served, query, variables);
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].message).toMatch(message);
    expect(body.errors[0].extensions).toEqual({ code: "BAD_USER_INPUT", field });
  });

  it("refuses a malformed date and time with BAD_USER_INPUT", async () => {
    const { body } = await post(served, REPORT, { actor: "hv-3", from: "last Tuesday", to: "2031-05-02T00:00:00Z" });
    expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });
});

describe("the break-glass review queue", () => {
  it("lists unreviewed break-glass accesses oldest first; a review takes one off the queue, once", async () => {
    const [second] = await store.append([
      event("child-3", { actor: "mw-9", role: "midwife", purpose: "safeguarding", breakGlassReason: REASON }),
    ]);
    const queue = await post(served, QUEUE);
    expect(queue.body).toEqual({
      data: {
        breakGlassQueue: [
          {
            eventId: events[2].eventId,
            personId: "child-1",
            actor: "fd-2",
            breakGlassReason: REASON,
            awaitingReview: true,
          },
          {
            eventId: second.eventId,
            personId: "child-3",
            actor: "mw-9",
            breakGlassReason: REASON,
            awaitingReview: true,
          },
        ],
      },
    });
    expect((await post(served, QUEUE, { first: 1 })).body.data.breakGlassQueue).toHaveLength(1);

    const review = await post(served, REVIEW, {
      eventId: events[2].eventId,
      verdict: "APPROPRIATE",
      note: "  Strategy meeting the next morning confirmed the risk.  ",
    });
    expect(review.body.errors).toBeUndefined();
    expect(review.body.data.reviewBreakGlass).toEqual({
      eventId: events[2].eventId,
      verdict: "APPROPRIATE",
      note: "Strategy meeting the next morning confirmed the risk.",
      reviewer: "ig-7",
      reviewerRole: "ig-auditor",
      reviewedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect((await post(served, QUEUE)).body.data.breakGlassQueue.map((e: { eventId: string }) => e.eventId)).toEqual([
      second.eventId,
    ]);
    const trail = (await post(served, TRAIL, { personId: "child-1" })).body.data.auditTrail;
    expect(trail[1]).toMatchObject({
      eventId: events[2].eventId,
      awaitingReview: false,
      breakGlassReview: review.body.data.reviewBreakGlass,
    });

    const again = await post(
      served,
      REVIEW,
      { eventId: events[2].eventId, verdict: "INAPPROPRIATE" },
      {
        ...AUDITOR,
        subject: "ig-8",
      },
    );
    expect(again.body.data).toBeNull();
    expect(again.body.errors[0]).toMatchObject({
      message: expect.stringContaining("already been reviewed"),
      extensions: { code: "BAD_USER_INPUT", field: "eventId" },
    });
    expect((await store.reviewsFor([events[2].eventId]))[0]?.verdict).toBe("APPROPRIATE");
  });

  it.each([
    ["an unknown event", () => "no-such-event", /No audit event has this id/],
    ["an event that did not break glass", () => events[0].eventId, /not a break-glass access/],
    ["a blank id", () => "  ", /Give the id of the break-glass audit event/],
  ])("refuses to review %s with BAD_USER_INPUT", async (_what, id, message) => {
    const { body } = await post(served, REVIEW, { eventId: id(), verdict: "APPROPRIATE" });
    expect(body.data).toBeNull();
    expect(body.errors[0].message).toMatch(message);
    expect(body.errors[0].extensions).toEqual({ code: "BAD_USER_INPUT", field: "eventId" });
  });

  it("refuses a note over 2000 characters, and a review of one's own break-glass access", async () => {
    const [own] = await store.append([event("child-4", { actor: "ig-7", breakGlassReason: REASON })]);
    const long = await post(served, REVIEW, { eventId: own.eventId, verdict: "APPROPRIATE", note: "x".repeat(2001) });
    expect(long.body.errors[0].extensions).toEqual({ code: "BAD_USER_INPUT", field: "note" });
    const mine = await post(served, REVIEW, { eventId: own.eventId, verdict: "APPROPRIATE" });
    expect(mine.body.errors[0]).toMatchObject({
      message: expect.stringContaining("another auditor must review it"),
      extensions: { code: "FORBIDDEN", agency: "audit" },
    });
    expect((await store.reviewsFor([own.eventId]))[0]).toBeNull();
  });
});

describe("everyone else", () => {
  const others: [Role, PurposeOfAccess | null][] = [
    ...ROLES.flatMap((role) =>
      PURPOSES_OF_ACCESS.filter((p) => !(role === "ig-auditor" && p === "audit")).map(
        (purpose) => [role, purpose] as [Role, PurposeOfAccess],
      ),
    ),
    ["ig-auditor", null],
  ];
  const operations: [string, string, Record<string, unknown>][] = [
    ["auditTrail", TRAIL, { personId: "child-1" }],
    ["accessReport", REPORT, { actor: "hv-3", from: "2031-05-01T00:00:00Z", to: "2031-06-01T00:00:00Z" }],
    ["breakGlassQueue", QUEUE, {}],
    ["reviewBreakGlass", REVIEW, { eventId: "placeholder", verdict: "INAPPROPRIATE" }],
  ];

  it(`is refused every query and the review, FORBIDDEN naming "audit" (${others.length} role/purpose pairs)`, async () => {
    const [pending] = await store.append([event("child-5", { actor: "fd-5", breakGlassReason: REASON })]);
    const refusals: string[] = [];
    for (const [role, purpose] of others) {
      for (const [name, query, variables] of operations) {
        const vars = name === "reviewBreakGlass" ? { ...variables, eventId: pending.eventId } : variables;
        // Break-glass opens nothing here: the audit trail is never "full with relationship".
        const who = { ...caller(role, purpose), breakGlass: role !== "ig-auditor" };
        const { body } = await post(served, query, vars, who);
        const error = body.errors?.[0];
        if (
          body.data !== null ||
          body.errors.length !== 1 ||
          error.extensions.code !== "FORBIDDEN" ||
          error.extensions.agency !== "audit" ||
          error.path?.[0] !== name
        ) {
          refusals.push(`${role}/${purpose} ${name}: ${JSON.stringify(body)}`);
        }
      }
    }
    expect(refusals).toEqual([]);
    expect((await store.reviewsFor([pending.eventId]))[0]).toBeNull();
  });

  it("says why: the role is not shown the audit trail for its purpose", async () => {
    const { body } = await post(served, TRAIL, { personId: "child-1" }, caller("safeguarding-lead", "safeguarding"));
    expect(body.errors[0].message).toBe("The safeguarding-lead role is not shown the audit trail for safeguarding.");
  });

  it("is refused UNAUTHENTICATED without a caller the gateway authenticated, and reads nothing", async () => {
    const reads: string[] = [];
    const counting = new Proxy(store, {
      get: (target, key, receiver) => {
        reads.push(String(key));
        return Reflect.get(target, key, receiver);
      },
    });
    const { body } = await post(await serve(counting), TRAIL, { personId: "child-1" }, null);
    expect(body).toEqual({
      errors: [
        {
          message: "Sign in first: the audit trail is read through the gateway by a signed-in user.",
          extensions: { code: "UNAUTHENTICATED" },
        },
      ],
    });
    expect(reads).toEqual([]);
  });
});

describe("when the audit database cannot be read", () => {
  it("answers AUDIT_UNAVAILABLE, not a masked internal error", async () => {
    const brokenDb = await openPglite();
    const broken = createAuditStore(brokenDb);
    await broken.ready();
    await brokenDb.close();
    const down = await serve(broken);
    for (const [query, variables] of [
      [TRAIL, { personId: "child-1" }],
      [QUEUE, {}],
    ] as const) {
      const { body } = await post(down, query, variables);
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: AUDIT_TRAIL_UNAVAILABLE_MESSAGE,
          extensions: { code: "AUDIT_UNAVAILABLE" },
        }),
      ]);
    }
  });
});
