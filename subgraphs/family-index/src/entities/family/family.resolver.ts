import { badUserInput, needs, requireWithinBounds } from "@ffd/shared";
import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { requireIndex, type FamilyIndexContext } from "../../context";
import type { LinkedFamilyMember, LinkedPerson } from "../../linkage/types";
import { familyPostcode } from "../../locality/family-address";
import type { LocalityRef } from "@ffd/shared";
import { FamilyRelationship } from "../enums";
import { Locality } from "../locality/locality.type";
import { Person } from "../person/person.type";
import { Family, FamilyMember, type FamilyRef } from "./family.type";

@Resolver(() => Family)
export class FamilyResolver {
  @Authorized(needs("family", "FULL"))
  @Query(() => Family, {
    nullable: true,
    description:
      "A family by its family index id; null when no family has that id. Only for roles the access policy gives family details to for the purpose stated (FORBIDDEN otherwise).",
  })
  async family(@Arg("id", () => ID) id: string, @Ctx() ctx: FamilyIndexContext): Promise<FamilyRef | null> {
    requireWithinBounds("Query.family(id:)", id);
    requireIndex(ctx);
    if (!id.trim()) throw badUserInput("Give a family id.", "id");
    const family = await ctx.loaders.family.load(id);
    return family ? { id: family.id } : null;
  }

  // Also here, not only on the ways in (Query.family, Person.family): a Family reached by its key
  // through _entities must not show its members to a caller the policy shows no family.
  @Authorized(needs("family", "FULL"))
  @FieldResolver(() => [FamilyMember], { description: "Parents and carers first, then children." })
  async members(@Root() family: FamilyRef, @Ctx() ctx: FamilyIndexContext): Promise<LinkedFamilyMember[]> {
    return ctx.loaders.membersByFamily.load(family.id);
  }

  // Where a family lives is family detail: the same grant as its members. Two queries for any
  // number of families (members, then their people), through the same loaders as members.
  @Authorized(needs("family", "FULL"))
  @FieldResolver(() => Locality, {
    nullable: true,
    description:
      "The locality whose children's centre reaches the family's address: the postcode most of its members hold (Person.postcode); a tie goes to the member first in the order mother, father, second parent, carer, child, then to the postcode first in alphabetical order. Null when no member has a postcode or no centre of the borough reaches it. Shown only to roles the access policy gives family details to for the purpose stated (otherwise null with a FORBIDDEN error).",
  })
  locality(@Root() family: FamilyRef, @Ctx() ctx: FamilyIndexContext): Promise<LocalityRef | null> {
    return familyLocality(ctx, family.id);
  }
}

/**
 * The locality of a family by the address rule (locality/family-address.ts), through the
 * request's loaders: two queries for any number of families (members, then their people).
 */
export async function familyLocality(ctx: FamilyIndexContext, familyId: string): Promise<LocalityRef | null> {
  const members = await ctx.loaders.membersByFamily.load(familyId);
  const people = await ctx.loaders.person.loadMany(members.map((m) => m.personId));
  const postcode = familyPostcode(
    members.map((m, i) => {
      const person = people[i];
      if (person instanceof Error) throw person;
      return { relationship: m.relationship, postcode: person?.postcode ?? null };
    }),
  );
  return postcode ? (ctx.deps.localities.reachAreaOf(postcode)?.locality ?? null) : null;
}

@Resolver(() => FamilyMember)
export class FamilyMemberResolver {
  @FieldResolver(() => FamilyRelationship)
  relationship(@Root() member: LinkedFamilyMember): FamilyRelationship {
    return member.relationship as FamilyRelationship;
  }

  @FieldResolver(() => Person)
  async person(@Root() member: LinkedFamilyMember, @Ctx() ctx: FamilyIndexContext): Promise<LinkedPerson> {
    const person = await ctx.loaders.person.load(member.personId);
    // Members and people are written in one generation: a member without a person is a fault.
    if (!person) throw new Error("family member without a person in the link store");
    return person;
  }
}
