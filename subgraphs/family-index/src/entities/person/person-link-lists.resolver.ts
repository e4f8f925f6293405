import { AGENCY_SERVICES, type Agency, type AgencyEntry } from "@ffd/shared";
import { Ctx, Directive, FieldResolver, ID, Resolver, Root } from "type-graphql";
import type { FamilyIndexContext } from "../../context";
import type { LinkedPerson, LinkedRecord } from "../../linkage/types";
import { Person } from "./person.type";

/** One `Person` link list: the local ids of the person's records in one agency's system. */
export interface LinkListField {
  /** The field's name, the registry's `linkListField` (`maternityRecordIds`). */
  readonly field: string;
  readonly agency: string;
  readonly description: string;
}

/** The link lists family-index serves: one per agency of the service registry (`agencies`: a test's). */
export function linkListFields(agencies: readonly AgencyEntry[] = AGENCY_SERVICES): readonly LinkListField[] {
  return agencies.map((a) => ({
    field: a.linkListField,
    agency: a.name,
    description: `Local ids of the person's ${a.label} records (for the ${a.name} subgraph).`,
  }));
}

function recordIdsOf(records: readonly LinkedRecord[], agency: Agency): string[] {
  return records.filter((r) => r.agency === agency).map((r) => r.localId);
}

/**
 * `Person.<agency>RecordIds`: the link lists each agency subgraph `@requires` to resolve its own
 * `Person` field, `@inaccessible` so that clients never see them. The fields are declared in a
 * loop over the registry (the decorators applied as TypeScript would apply them to a written-out
 * method), so a new agency row is a new link list with nothing here to edit.
 */
export class PersonLinkListResolver {}

for (const { field, agency, description } of linkListFields()) {
  const prototype = PersonLinkListResolver.prototype;
  const descriptor: PropertyDescriptor = {
    async value(person: LinkedPerson, ctx: FamilyIndexContext): Promise<string[]> {
      return recordIdsOf(await ctx.loaders.recordsByPerson.load(person.id), agency as Agency);
    },
    writable: true,
    configurable: true,
  };
  Object.defineProperty(prototype, field, descriptor);
  Root()(prototype, field, 0);
  Ctx()(prototype, field, 1);
  FieldResolver(() => [ID], { description })(prototype, field, descriptor);
  Directive("@inaccessible")(prototype, field, descriptor);
}
Resolver(() => Person)(PersonLinkListResolver);
