import { badUserInput, needs, requireWithinBounds } from "@ffd/shared";
import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { requireIndex, type FamilyIndexContext } from "../../context";
import type { LinkedFamilyMember, LinkedPerson } from "../../linkage/types";
import { FamilyRelationship } from "../enums";
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
