import {
  AGENCIES,
  ErrorCode,
  ROLES,
  badUserInput,
  levelFor,
  MAX_NOTE_LENGTH,
  PAGE_SIZES,
  purposesFor,
  requireGrant,
  requireFieldsWithinBounds,
  requireWithinBounds,
  type Agency,
  type Caller,
} from "@ffd/shared";
import { GraphQLError } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { requireIndex, type FamilyIndexContext } from "../../context";
import type { IndexedCandidate } from "../../indexer/indexer";
import { candidateId } from "../../indexer/candidates";
import { recordKey, type LinkedPerson, type LinkedRecord, type RecordKey } from "../../linkage/types";
import type { NewReviewDecision, StoredReviewDecision } from "../../store/link-store.port";
import { agencyName, AgencyName } from "../enums";
import {
  AgencyRecordInput,
  CandidateRecord,
  LinkCandidate,
  LinkCandidateConnection,
  ReviewDecisionRecord,
  ReviewKind,
  ReviewOutcome,
  ReviewVerdict,
} from "./review.type";

/** Most candidates or decisions one page lists: the bound the gateway enforces too (shared input bounds). */
export const MAX_PAGE = PAGE_SIZES.linkCandidates;

/** Who may review, as the access policy says now, for the schema's descriptions: "data-steward (direct-care)". */
const REVIEWERS = ROLES.flatMap((role) => {
  const purposes = purposesFor(role).filter((p) => levelFor(role, p, "linkageReview") === "FULL");
  return purposes.length ? [`${role} (${purposes.join(", ")})`] : [];
}).join("; ");
const REVIEW_ONLY = ` Record linkage review only: by the access policy, ${REVIEWERS || "no role"}.`;

/**
 * Review is for callers the access policy gives record linkage review to, in full, for the
 * purpose they stated (the policy's `linkageReview` group): no caller is UNAUTHENTICATED; any
 * other role, or a purpose that does not carry review, or no purpose, FORBIDDEN naming
 * family-index.
 */
export function requireReviewer(ctx: FamilyIndexContext): Caller {
  const caller = ctx.caller;
  if (!caller) {
    throw new GraphQLError("Linkage review needs a signed-in caller; this request names none.", {
      extensions: { code: ErrorCode.Unauthenticated },
    });
  }
  requireGrant(caller, "linkageReview", "FULL");
  return caller;
}

const AGENCY_OF: Readonly<Record<AgencyName, Agency>> = Object.fromEntries(
  AGENCIES.map((a) => [agencyName(a), a]),
) as Record<AgencyName, Agency>;

const keyOfInput = (r: AgencyRecordInput): RecordKey => recordKey(AGENCY_OF[r.agency], r.localId.trim());

function splitKey(key: RecordKey): { agency: AgencyName; localId: string } {
  const at = key.indexOf(":");
  return { agency: agencyName(key.slice(0, at) as Agency), localId: key.slice(at + 1) };
}

function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NotFound } });
}

function toDecisionRecord(d: StoredReviewDecision): ReviewDecisionRecord {
  return {
    id: String(d.id),
    kind: d.kind as ReviewKind,
    decision: d.decision as ReviewVerdict,
    recordA: splitKey(d.a),
    recordB: splitKey(d.b),
    decidedBy: d.decidedBy,
    decidedRole: d.decidedRole,
    decidedAt: d.decidedAt,
    note: d.note,
    probability: d.probability,
  };
}

type CandidateView = Omit<LinkCandidate, "recordA" | "recordB"> & { a: RecordKey; b: RecordKey };
type OutcomeView = { decisions: ReviewDecisionRecord[]; persons: LinkedPerson[] };

@Resolver(() => LinkCandidate)
export class ReviewResolver {
  @Query(() => LinkCandidateConnection, {
    description:
      "Pairs of records the linkage is unsure about (between its two thresholds) that no decision covers yet, most probable first, with both records' demographics and each field's comparison." +
      REVIEW_ONLY,
  })
  linkCandidates(
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: FamilyIndexContext,
  ): { nodes: CandidateView[]; totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } } {
    requireReviewer(ctx);
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)
      throw badUserInput(`first must be from 1 to ${MAX_PAGE}.`, "first");
    requireWithinBounds("Query.linkCandidates(after:)", after);
    const all = requireIndex(ctx).candidates;
    let start = 0;
    if (after) {
      const at = all.findIndex((c) => c.id === after);
      if (at < 0) throw badUserInput("That cursor is not a candidate any more: start again without `after`.", "after");
      start = at + 1;
    }
    const page = all.slice(start, start + first);
    return {
      nodes: page.map((c) => ({
        id: c.id,
        probability: c.probability,
        a: c.a,
        b: c.b,
        comparisons: c.evidence.map((e) => ({ field: e.field, level: e.level, weight: e.weight })),
      })),
      totalCount: all.length,
      pageInfo: { hasNextPage: start + first < all.length, endCursor: page.length ? page[page.length - 1].id : null },
    };
  }

  @FieldResolver(() => CandidateRecord)
  recordA(@Root() c: CandidateView, @Ctx() ctx: FamilyIndexContext): Promise<CandidateRecord> {
    return candidateRecord(c.a, ctx);
  }

  @FieldResolver(() => CandidateRecord)
  recordB(@Root() c: CandidateView, @Ctx() ctx: FamilyIndexContext): Promise<CandidateRecord> {
    return candidateRecord(c.b, ctx);
  }

  @Query(() => [ReviewDecisionRecord], {
    description: "The review decisions recorded, latest first: what was decided, by whom and when." + REVIEW_ONLY,
  })
  async reviewDecisions(
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Ctx() ctx: FamilyIndexContext,
  ): Promise<ReviewDecisionRecord[]> {
    requireReviewer(ctx);
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)
      throw badUserInput(`first must be from 1 to ${MAX_PAGE}.`, "first");
    const log = await ctx.deps.store.reviewLog();
    return log.reverse().slice(0, first).map(toDecisionRecord);
  }

  @Mutation(() => ReviewOutcome, {
    description:
      "Decides that two records are the same person: by candidate id, or by the two records. The decision is kept across rebuilds and the index is updated before this answers." +
      REVIEW_ONLY,
  })
  async confirmLink(
    @Arg("candidateId", () => ID, { nullable: true }) id: string | null,
    @Arg("recordA", () => AgencyRecordInput, { nullable: true }) recordA: AgencyRecordInput | null,
    @Arg("recordB", () => AgencyRecordInput, { nullable: true }) recordB: AgencyRecordInput | null,
    @Arg("note", () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: FamilyIndexContext,
  ): Promise<OutcomeView> {
    return decidePair(ctx, "CONFIRM", id, recordA, recordB, note);
  }

  @Mutation(() => ReviewOutcome, {
    description:
      "Decides that two records are not the same person (they are then never linked, even through other records)." +
      REVIEW_ONLY,
  })
  async rejectLink(
    @Arg("candidateId", () => ID, { nullable: true }) id: string | null,
    @Arg("recordA", () => AgencyRecordInput, { nullable: true }) recordA: AgencyRecordInput | null,
    @Arg("recordB", () => AgencyRecordInput, { nullable: true }) recordB: AgencyRecordInput | null,
    @Arg("note", () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: FamilyIndexContext,
  ): Promise<OutcomeView> {
    return decidePair(ctx, "REJECT", id, recordA, recordB, note);
  }

  @Mutation(() => ReviewOutcome, {
    description:
      "Splits a record out of a person: it is decided not to be the same person as each of the person's other records." +
      REVIEW_ONLY,
  })
  async unlink(
    @Arg("personId", () => ID) personId: string,
    @Arg("record", () => AgencyRecordInput) record: AgencyRecordInput,
    @Arg("note", () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: FamilyIndexContext,
  ): Promise<OutcomeView> {
    const caller = requireReviewer(ctx);
    requireWithinBounds("Mutation.unlink(personId:)", personId);
    requireFieldsWithinBounds("AgencyRecordInput", record);
    const index = requireIndex(ctx);
    const key = keyOfInput(record);
    if (index.personOf.get(key) !== personId) {
      throw notFound("That record is not one of that person's records in the current index.");
    }
    const others = (await ctx.loaders.recordsByPerson.load(personId))
      .map((r) => recordKey(r.agency, r.localId))
      .filter((k) => k !== key);
    if (!others.length) throw badUserInput("That is the person's only record: there is nothing to split it from.");
    const decisions = others.map((other): NewReviewDecision => ({
      a: key,
      b: other,
      decision: "NOT_SAME_PERSON",
      kind: "UNLINK",
      decidedBy: caller.subject,
      decidedRole: caller.role,
      note: cleanNote(note),
      probability: null,
    }));
    return record_(ctx, decisions, [key, ...others]);
  }
}

function cleanNote(note: string | null): string | null {
  const n = note?.trim();
  if (n && n.length > MAX_NOTE_LENGTH) throw badUserInput(`A note is at most ${MAX_NOTE_LENGTH} characters.`, "note");
  return n || null;
}

async function decidePair(
  ctx: FamilyIndexContext,
  kind: "CONFIRM" | "REJECT",
  id: string | null,
  recordA: AgencyRecordInput | null,
  recordB: AgencyRecordInput | null,
  note: string | null,
): Promise<OutcomeView> {
  const caller = requireReviewer(ctx);
  const mutation = kind === "CONFIRM" ? "confirmLink" : "rejectLink";
  requireWithinBounds(`Mutation.${mutation}(candidateId:)`, id);
  for (const record of [recordA, recordB]) if (record) requireFieldsWithinBounds("AgencyRecordInput", record);
  const index = requireIndex(ctx);
  let a: RecordKey;
  let b: RecordKey;
  let candidate: IndexedCandidate | undefined;
  if (id) {
    if (recordA || recordB) throw badUserInput("Give a candidateId or recordA and recordB, not both.");
    candidate = index.candidates.find((c) => c.id === id);
    if (!candidate) throw notFound("No undecided candidate pair has that id (it may have been decided already).");
    ({ a, b } = candidate);
  } else {
    if (!recordA || !recordB) throw badUserInput("Give a candidateId, or both recordA and recordB.");
    a = keyOfInput(recordA);
    b = keyOfInput(recordB);
    if (a === b) throw badUserInput("recordA and recordB are the same record.");
    for (const [k, field] of [
      [a, "recordA"],
      [b, "recordB"],
    ] as const) {
      if (!index.personOf.has(k))
        throw new GraphQLError("No such record in the index.", {
          extensions: { code: ErrorCode.NotFound, field },
        });
    }
    candidate = index.candidates.find((c) => c.id === candidateId(a, b));
  }
  return record_(
    ctx,
    [
      {
        a,
        b,
        decision: kind === "CONFIRM" ? "SAME_PERSON" : "NOT_SAME_PERSON",
        kind,
        decidedBy: caller.subject,
        decidedRole: caller.role,
        note: cleanNote(note),
        probability: candidate?.probability ?? null,
      },
    ],
    [a, b],
  );
}

/** Stores the decisions, updates the index, and answers from the updated index. */
async function record_(
  ctx: FamilyIndexContext,
  decisions: NewReviewDecision[],
  keys: RecordKey[],
): Promise<OutcomeView> {
  const stored = await ctx.deps.store.recordDecisions(decisions);
  ctx.deps.logger.info("review.decided", {
    requestId: ctx.requestId,
    kind: decisions[0].kind,
    decisions: stored.length,
    decisionIds: stored.map((d) => d.id),
  });
  if (!ctx.deps.indexer.applyDecisions) throw new Error("this indexer cannot apply review decisions");
  await ctx.deps.indexer.applyDecisions(keys);
  ctx.moveToCurrentIndex();
  const now = requireIndex(ctx);
  const personIds = [...new Set(keys.map((k) => now.personOf.get(k)).filter((p): p is string => !!p))];
  const persons = (await ctx.loaders.person.loadMany(personIds)).map((p) => {
    if (p instanceof Error) throw p;
    return p;
  });
  return {
    decisions: stored.map(toDecisionRecord),
    persons: persons.filter((p): p is LinkedPerson => !!p),
  };
}

async function candidateRecord(key: RecordKey, ctx: FamilyIndexContext): Promise<CandidateRecord> {
  const r: LinkedRecord | null = await ctx.loaders.recordByKey.load(key);
  if (!r) throw new Error("candidate record missing from the link store");
  const person = await ctx.loaders.person.load(r.personId);
  if (!person) throw new Error("candidate record's person missing from the link store");
  return {
    agency: agencyName(r.agency),
    localId: r.localId,
    nhsNumber: r.nhsNumber,
    givenName: r.givenName,
    familyName: r.familyName,
    dateOfBirth: r.dateOfBirth,
    sex: r.sex as CandidateRecord["sex"],
    postcode: r.postcode,
    person: person as unknown as CandidateRecord["person"],
  };
}
