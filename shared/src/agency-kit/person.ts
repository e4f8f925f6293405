import "reflect-metadata";
import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root, type ClassType } from "type-graphql";
import { recordGrant, withGrant, type CallerContext } from "../enforce";
import { openReference, type EntityReference } from "../entity-reference";
import type { Agency } from "../errors";
import { agencyService } from "../services";

/**
 * THE PERSON EXTENSION, one for every agency. Each agency subgraph extends family-index's
 * `Person` with one field (`Person.maternity`, ...) that reads the person's records in the
 * agency system by the local ids family-index links to them (`Person.maternityRecordIds`,
 * through `@requires`), at the grant the access policy gives the caller, with or without a
 * legitimate relationship with the family (`Person.legitimateRelationship`, also required).
 * The names come from the agency's row of the service registry, so they cannot drift from
 * family-index's link lists or the policy's field groups.
 */

/** What an agency's Person stub holds: the key, the agency's local ids for the person, the relationship flag. */
export interface AgencyPersonStub {
  id: string;
  /** The person's local ids in this agency's system (family-index's link list), deduplicated. */
  recordIds: string[];
  /** Only an explicit true from family-index: without it, a summary at most. */
  legitimateRelationship: boolean;
}

/** A link list as the gateway sent it: the strings, once each; anything else is no ids. */
export function parseLinkList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((v): v is string => typeof v === "string" && v !== ""))];
}

export interface AgencyPersonTypeOptions {
  /** The agency's record type, what `Person.<personField>` answers. */
  record: () => ClassType;
  /** The field's description, as clients read it in the schema. */
  description: string;
}

/**
 * The agency's `Person` type: `id` (the key), its link list and the relationship flag (both
 * `@external`, owned by family-index) and its own field, `@requires` both.
 */
export function agencyPersonType(agency: Agency, options: AgencyPersonTypeOptions): ClassType {
  const { linkListField, personField } = agencyService(agency);
  class Person {}
  const proto = Person.prototype;
  // Declared in the order the committed schemas print them: key, link list, flag, the agency's field.
  Field(() => ID)(proto, "id");
  Directive("@external")(proto, linkListField);
  Field(() => [ID])(proto, linkListField);
  Directive("@external")(proto, "legitimateRelationship");
  Field(() => Boolean, {
    description: "Whether the caller has a legitimate relationship with the person's family (family-index).",
  })(proto, "legitimateRelationship");
  Directive(`@requires(fields: "${linkListField} legitimateRelationship")`)(proto, personField);
  Field(options.record, { nullable: true, description: options.description })(proto, personField);
  // No description of its own: Person is family-index's entity, described there.
  ObjectType("Person")(Person);
  Directive('@key(fields: "id")')(Person);
  return Person;
}

export interface AgencyPersonResolverOptions<C extends CallerContext, R extends object> {
  /** The agency's record type (as given to agencyPersonType). */
  record: () => ClassType;
  /**
   * Reads the person's record from their local ids (never empty), through the request's
   * loaders; null when the system holds nothing of theirs. `grant` is for the values nested in
   * the record that the agency's detail fields check; the record itself is marked by the kit.
   */
  load(recordIds: string[], context: C, grant: "SUMMARY" | "FULL"): Promise<R | null>;
}

/**
 * The resolver of `Person.<personField>`: refuses (FORBIDDEN, the field null, the person's other
 * fields still answered) before anything is read when the policy gives the caller nothing; reads
 * nothing for a person with no records in the system; otherwise loads the record and marks it
 * with the grant, so `@Authorized(needs(group, "FULL"))` on its detail fields withholds them from
 * a summary.
 */
export function agencyPersonResolver<C extends CallerContext, R extends object>(
  agency: Agency,
  Person: ClassType,
  options: AgencyPersonResolverOptions<C, R>,
): ClassType {
  const { personField, fieldGroup } = agencyService(agency);
  class PersonResolver {}
  const proto = PersonResolver.prototype as Record<string, unknown>;
  proto[personField] = async (person: AgencyPersonStub, context: C): Promise<R | null> => {
    const grant = recordGrant(context.caller, fieldGroup, person.legitimateRelationship === true);
    if (person.recordIds.length === 0) return null;
    const record = await options.load(person.recordIds, context, grant);
    return record && withGrant(record, fieldGroup, grant);
  };
  // What `emitDecoratorMetadata` would have written for a hand-written method.
  Reflect.defineMetadata("design:paramtypes", [Object, Object], proto, personField);
  Reflect.defineMetadata("design:returntype", Promise, proto, personField);
  Root()(proto, personField, 0);
  Ctx()(proto, personField, 1);
  FieldResolver(options.record, { nullable: true })(
    proto,
    personField,
    Object.getOwnPropertyDescriptor(proto, personField) as TypedPropertyDescriptor<unknown>,
  );
  Resolver(() => Person)(PersonResolver);
  return PersonResolver;
}

function stubOf(
  id: string,
  recordIds: string[],
  representation: Record<string, unknown>,
  linkListField: string,
): AgencyPersonStub {
  // The link list also under its own name, for the type's (external) field of that name.
  return {
    id,
    recordIds,
    [linkListField]: recordIds,
    legitimateRelationship: representation.legitimateRelationship === true,
  };
}

/**
 * `_entities` for Person: nothing is read here. The representation carries what the agency's
 * field needs (by `@requires`), and the field reads through the request's loaders, so N
 * representations in one call share one query per table. Person is family-index's entity: the
 * stub holds only its id and the link list, and the agency's field applies the grant itself.
 */
export function agencyPersonReference(agency: Agency): EntityReference {
  const { linkListField, personField } = agencyService(agency);
  return openReference(
    `family-index's Person; its ${personField} field applies the grant`,
    (representation: Record<string, unknown>): AgencyPersonStub | null =>
      typeof representation.id === "string"
        ? stubOf(representation.id, parseLinkList(representation[linkListField]), representation, linkListField)
        : null,
  );
}
