import { badUserInput, needs, nhsNumberProblem, requireFieldsWithinBounds } from "@ffd/shared";
import { Arg, Authorized, Ctx, Query, Resolver } from "type-graphql";
import { requireIndex, type FamilyIndexContext } from "../../context";
import type { LinkedPerson } from "../../linkage/types";
import { toCriteria } from "../../search/search-index";
import { PersonMatch } from "./person-match.type";
import { PersonSearchInput } from "./person-search.input";

export const EMPTY_SEARCH_MESSAGE =
  "Give at least one of: NHS number, given name, family name, date of birth or postcode.";

@Resolver()
export class SearchResolver {
  // Searching by name, date of birth or NHS number is reading identity: refused whole to a
  // caller the policy shows no identity details (its results would say who is known).
  @Authorized(needs("identity", "FULL"))
  @Query(() => [PersonMatch], {
    description:
      "Finds people as linkage matches records: the query is compared with every candidate record by the same comparisons and match model (typos, phonetic spellings, nicknames, day/month swaps, postcode sector and district all count, weighed by how telling they are). Each person at most once, by their best-matching record; most probable first, at most 25. The cut-off: records the query gives under 4 bits of evidence for are left out, and so are people whose evidence is over 15 bits (30,000 times) below the best person's and, when the query gives a name, people agreeing with it on no name nor the NHS number (a shared date of birth or postcode alone: weaker candidates, listed only with includeWeakerCandidates). Only for roles the access policy gives identity details to for the purpose stated (FORBIDDEN otherwise).",
  })
  async searchPeople(
    @Arg("query", () => PersonSearchInput) query: PersonSearchInput,
    @Ctx() ctx: FamilyIndexContext,
  ): Promise<{ person: LinkedPerson; score: number; matchedOn: string[] }[]> {
    // Again here, not only at the gateway: past its bound a name would only cost comparison time.
    requireFieldsWithinBounds("PersonSearchInput", query);
    const criteria = toCriteria(query);
    if (!Object.keys(criteria).length) throw badUserInput(EMPTY_SEARCH_MESSAGE);
    if (criteria.nhsNumber !== undefined) {
      const problem = nhsNumberProblem(query.nhsNumber!.trim());
      if (problem) throw badUserInput(problem, "nhsNumber");
    }
    const index = requireIndex(ctx);
    const hits = index.search.search(criteria, { weaker: query.includeWeakerCandidates === true });
    const persons = await ctx.loaders.person.loadMany(hits.map((h) => h.personId));
    const matches: { person: LinkedPerson; score: number; matchedOn: string[] }[] = [];
    hits.forEach((hit, i) => {
      const person = persons[i];
      if (person instanceof Error) throw person;
      if (person) matches.push({ person, score: hit.score, matchedOn: hit.matchedOn });
    });
    return matches;
  }
}
