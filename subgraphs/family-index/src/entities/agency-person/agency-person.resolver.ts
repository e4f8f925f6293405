import { ErrorCode, type Agency } from "@ffd/shared";
import { GraphQLError } from "graphql";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { requireIndex, type FamilyIndexContext } from "../../context";
import { recordKey, type LinkedPerson } from "../../linkage/types";
import { Person } from "../person/person.type";
import {
  BirthDetails,
  MandatedReviewWorkItem,
  RegisteredChild,
  RegisteredParent,
  type AgencyPersonRef,
  type WorkItemRef,
} from "./agency-person.type";

const PERSON_DESCRIPTION =
  "Who this is in the family index. Never null: a record the index does not hold yet (it is added at the next refresh) is an INDEX_NOT_READY error, so the object it is on is withheld rather than shown without naming its person.";

/**
 * The person an agency record is, from the request's index snapshot (record key -> person id, in
 * memory), then the person through the request's loader: every such person of a response is one
 * link store query. A record not in the index yet is an error (the field is non-null), so the
 * object naming someone is withheld rather than shown with no person to audit the read against.
 */
export async function personOfRecord(ctx: FamilyIndexContext, agency: Agency, localId: string): Promise<LinkedPerson> {
  const personId = requireIndex(ctx).personOf.get(recordKey(agency, localId));
  const person = personId ? await ctx.loaders.person.load(personId) : null;
  if (!person) {
    throw new GraphQLError(
      "This record has not reached the family index yet (it is added at its next refresh), so it is not shown. Try again later.",
      { extensions: { code: ErrorCode.IndexNotReady } },
    );
  }
  return person;
}

@Resolver(() => RegisteredChild)
export class RegisteredChildResolver {
  @FieldResolver(() => Person, { description: PERSON_DESCRIPTION })
  person(@Root() ref: AgencyPersonRef, @Ctx() ctx: FamilyIndexContext): Promise<LinkedPerson> {
    return personOfRecord(ctx, "registration", ref.localId);
  }
}

@Resolver(() => RegisteredParent)
export class RegisteredParentResolver {
  @FieldResolver(() => Person, { description: PERSON_DESCRIPTION })
  person(@Root() ref: AgencyPersonRef, @Ctx() ctx: FamilyIndexContext): Promise<LinkedPerson> {
    return personOfRecord(ctx, "registration", ref.localId);
  }
}

@Resolver(() => BirthDetails)
export class BirthDetailsResolver {
  @FieldResolver(() => Person, { description: PERSON_DESCRIPTION })
  person(@Root() ref: AgencyPersonRef, @Ctx() ctx: FamilyIndexContext): Promise<LinkedPerson> {
    return personOfRecord(ctx, "maternity", ref.localId);
  }
}

@Resolver(() => MandatedReviewWorkItem)
export class MandatedReviewWorkItemResolver {
  @FieldResolver(() => Person, {
    description:
      "The child whose review this is, in the family index. Never null: a child the index does not hold yet (added at the next refresh) is an INDEX_NOT_READY error, so the item is withheld rather than listed without naming its child.",
  })
  person(@Root() ref: WorkItemRef, @Ctx() ctx: FamilyIndexContext): Promise<LinkedPerson> {
    return personOfRecord(ctx, "health-visiting", ref.childLocalId);
  }
}
