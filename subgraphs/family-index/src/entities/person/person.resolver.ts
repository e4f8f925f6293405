import { badUserInput } from "@ffd/shared";
import { Arg, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { requireIndex, type FamilyIndexContext } from "../../context";
import type { LinkedPerson, LinkedRecord } from "../../linkage/types";
import { agencyName, LinkRule } from "../enums";
import { Family, type FamilyRef } from "../family/family.type";
import { AgencyRecordLink, Person } from "./person.type";

function recordIdsOf(records: readonly LinkedRecord[], agency: LinkedRecord["agency"]): string[] {
  return records.filter((r) => r.agency === agency).map((r) => r.localId);
}

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, {
    nullable: true,
    description: "A person by their family index id; null when no person has that id.",
  })
  async person(@Arg("id", () => ID) id: string, @Ctx() ctx: FamilyIndexContext): Promise<LinkedPerson | null> {
    requireIndex(ctx);
    if (!id.trim()) throw badUserInput("Give a person id.", "id");
    return ctx.loaders.person.load(id);
  }

  @FieldResolver(() => Family, {
    nullable: true,
    description: "The family the person belongs to; null when no agency records them with family.",
  })
  family(@Root() person: LinkedPerson): FamilyRef | null {
    return person.familyId ? { id: person.familyId } : null;
  }

  @FieldResolver(() => [AgencyRecordLink], {
    description: "Which agency systems know this person, by which record, and why each was linked.",
  })
  async records(@Root() person: LinkedPerson, @Ctx() ctx: FamilyIndexContext): Promise<AgencyRecordLink[]> {
    const records = await ctx.loaders.recordsByPerson.load(person.id);
    return records.map((r) => ({
      agency: agencyName(r.agency),
      localId: r.localId,
      linkedBy: r.rule as LinkRule,
      confidence: r.confidence,
    }));
  }

  @Directive("@inaccessible")
  @FieldResolver(() => [ID], {
    description: "Local ids of the person's maternity records (for the maternity subgraph).",
  })
  async maternityRecordIds(@Root() person: LinkedPerson, @Ctx() ctx: FamilyIndexContext): Promise<string[]> {
    return recordIdsOf(await ctx.loaders.recordsByPerson.load(person.id), "maternity");
  }

  @Directive("@inaccessible")
  @FieldResolver(() => [ID], {
    description: "Local ids of the person's health visiting records (for the health-visiting subgraph).",
  })
  async healthVisitingRecordIds(@Root() person: LinkedPerson, @Ctx() ctx: FamilyIndexContext): Promise<string[]> {
    return recordIdsOf(await ctx.loaders.recordsByPerson.load(person.id), "health-visiting");
  }

  @Directive("@inaccessible")
  @FieldResolver(() => [ID], {
    description: "Local ids of the person's children's centres records (for the childrens-centres subgraph).",
  })
  async childrensCentresRecordIds(@Root() person: LinkedPerson, @Ctx() ctx: FamilyIndexContext): Promise<string[]> {
    return recordIdsOf(await ctx.loaders.recordsByPerson.load(person.id), "childrens-centres");
  }

  @Directive("@inaccessible")
  @FieldResolver(() => [ID], {
    description: "Local ids of the person's birth registration records (for the registration subgraph).",
  })
  async registrationRecordIds(@Root() person: LinkedPerson, @Ctx() ctx: FamilyIndexContext): Promise<string[]> {
    return recordIdsOf(await ctx.loaders.recordsByPerson.load(person.id), "registration");
  }
}
