import {
  getNamedType,
  getVariableValues,
  GraphQLError,
  isAbstractType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { collectFields, collectSubfields } from "graphql/execution/collectFields";
import { AGENCIES, ErrorCode, type Agency } from "@ffd/shared";
import {
  AGENCY_FIELDS,
  categoryOfDisclosureField,
  categoryOfPersonField,
  PERSON_AGENCY_SUMMARIES,
  PERSON_DISCLOSURES,
  PERSON_LIST_DISCLOSURES,
  sortAgencies,
  sortCategories,
  type PersonDisclosure,
} from "./event";

/** The GraphQL type whose reads are audited. */
export const PERSON_TYPE = "Person";

/**
 * The `id` field the gateway adds to every Person selection, so each person in a response can be
 * named in the audit trail whatever the client selected. Where only this node asked for `id`, the
 * id is taken out of the response again before it is sent.
 */
const auditIdField: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: "id" } };

/** Response key under which the gateway adds `<personField> { id }` to every selection of a disclosing type. */
export const AUDIT_PERSON_KEY = "auditPerson_";
/** Response key under which the gateway adds `<agencyField>` where a disclosing type names an agency. */
export const AUDIT_AGENCY_KEY = "auditAgency_";
/** Response key under which the gateway adds `<listField> { … }` to a type that discloses a list's persons. */
export const AUDIT_LIST_KEY = "auditList_";

/**
 * What the gateway adds to every selection of a type that discloses a person (PERSON_DISCLOSURES),
 * so the person (and the agency) can be named in the audit trail: always taken out of the response
 * again before it is sent, and refused as a client's alias there. (Names starting with `__` are
 * reserved by GraphQL, hence the trailing underscore.)
 */
function auditFieldsFor(disclosure: PersonDisclosure): FieldNode[] {
  const fields: FieldNode[] = [
    {
      kind: Kind.FIELD,
      alias: { kind: Kind.NAME, value: AUDIT_PERSON_KEY },
      name: { kind: Kind.NAME, value: disclosure.personField },
      selectionSet: { kind: Kind.SELECTION_SET, selections: [auditIdField] },
    },
  ];
  if (disclosure.agencyField) fields.push(auditAgencyField(disclosure.agencyField));
  return fields;
}
const auditAgencyField = (agencyField: string): FieldNode => ({
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: AUDIT_AGENCY_KEY },
  name: { kind: Kind.NAME, value: agencyField },
});
const auditListField = (listField: string, itemType: string): FieldNode => ({
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: AUDIT_LIST_KEY },
  name: { kind: Kind.NAME, value: listField },
  selectionSet: { kind: Kind.SELECTION_SET, selections: auditFieldsFor(PERSON_DISCLOSURES[itemType]) },
});
const AUDIT_FIELDS: ReadonlyMap<string, readonly FieldNode[]> = new Map<string, readonly FieldNode[]>([
  ...Object.entries(PERSON_DISCLOSURES).map(([type, d]): [string, FieldNode[]] => [type, auditFieldsFor(d)]),
  ...Object.entries(PERSON_LIST_DISCLOSURES).map(([type, l]): [string, FieldNode[]] => [
    type,
    [auditListField(l.listField, l.itemType)],
  ]),
  ...Object.entries(PERSON_AGENCY_SUMMARIES).map(([type, s]): [string, FieldNode[]] => [
    type,
    [auditAgencyField(s.agencyField)],
  ]),
]);
const auditKeysOf = (typeName: string): string[] =>
  (AUDIT_FIELDS.get(typeName) ?? []).map((f) => f.alias?.value ?? f.name.value);

/** Whether values of this type are audited: a Person, or a type that discloses one. */
const isAuditedType = (typeName: string) => typeName === PERSON_TYPE || typeName in PERSON_DISCLOSURES;

/** The AgencyName enum value (HEALTH_VISITING) as an Agency (health-visiting); null if unknown. */
function agencyOfName(value: unknown): Agency | null {
  if (typeof value !== "string") return null;
  const agency = value.toLowerCase().replace(/_/g, "-");
  return (AGENCIES as readonly string[]).includes(agency) ? (agency as Agency) : null;
}

function refuse(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput, http: { status: 400 } } });
}

/**
 * Adds `id` to the selection of every field returning Person (or a list of them), and
 * `auditPerson_: person { id }` (with `auditAgency_: agency` where the type names one) to that of
 * every field returning a type that discloses a person (PERSON_DISCLOSURES: search matches, family
 * members, candidate records), in the operations and in the fragments. Refuses a document that
 * puts another Person field under the response key `id` (`id: givenName`), which would otherwise
 * be taken for the person's id, and one that uses an added key as an alias on a disclosing type,
 * which would be taken for the gateway's (and removed from the answer).
 */
export function addPersonIds(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          const parent = typeInfo.getParentType()?.name;
          if (node.alias?.value === "id" && node.name.value !== "id" && parent === PERSON_TYPE) {
            throw refuse("On a Person, the response key id is the person's id; alias this field to another name.");
          }
          if (node.alias && parent && auditKeysOf(parent).includes(node.alias.value)) {
            throw refuse(
              `On a ${parent}, the response key ${node.alias.value} is reserved for the audit trail; alias this field to another name.`,
            );
          }
          return undefined;
        },
        leave(node) {
          const type = typeInfo.getType();
          if (!node.selectionSet || !type) return undefined;
          const typeName = getNamedType(type).name;
          const added = typeName === PERSON_TYPE ? [auditIdField] : AUDIT_FIELDS.get(typeName);
          if (!added) return undefined;
          return {
            ...node,
            selectionSet: { ...node.selectionSet, selections: [...node.selectionSet.selections, ...added] },
          };
        },
      },
    }),
  );
}

/** One person's part of one response, merged over every place they appear in it. */
export interface PersonRead {
  personId: string;
  agencies: Agency[];
  categories: string[];
  denied: string[];
  unavailable: Agency[];
}

/** One place a person appears in a response: a Person object, or an object that discloses one. */
interface Occurrence {
  personId: string;
  path: (string | number)[];
  /** For an object disclosing a person (PERSON_DISCLOSURES); undefined for a Person. */
  disclosure?: PersonDisclosure;
  /** Response key → field name (of the Person or disclosing object), for the fields selected here. */
  fields: Map<string, string>;
  /** Response keys whose value came back non-null. */
  present: Set<string>;
  /** For a disclosing object naming an agency: that agency (null if unknown or none). */
  agency: Agency | null;
}

const categoryOf = (o: Occurrence, field: string) =>
  o.disclosure ? categoryOfDisclosureField(o.disclosure, field) : categoryOfPersonField(field);

interface Accumulator {
  agencies: Set<Agency>;
  categories: Set<string>;
  denied: Set<string>;
  unavailable: Set<Agency>;
}

export class AuditCollectionError extends Error {}

/** The deepest Person (not a disclosing object) whose path is a strict prefix of `path`. */
function deepestPersonAt(
  occurrences: readonly Occurrence[],
  path: readonly (string | number)[],
): Occurrence | undefined {
  let owner: Occurrence | undefined;
  for (const o of occurrences) {
    if (o.disclosure || o.path.length >= path.length || !o.path.every((seg, i) => seg === path[i])) continue;
    if (!owner || o.path.length > owner.path.length) owner = o;
  }
  return owner;
}

const WITHHELD_CODES = new Set<string>([ErrorCode.Forbidden, ErrorCode.AgencyUnavailable]);

/**
 * Walks a response along the operation that produced it (so aliases, fragments and @skip/@include
 * are read as graphql-js executes them) and returns each person in it once, with what came back
 * and what was withheld. Removes from the data the ids the gateway added and the client did not ask for.
 *
 * An object of a type that discloses a person (PERSON_DISCLOSURES) is a read of its person (named
 * by the `person { id }` the gateway added, then removed) whatever was selected of it: in the
 * category its presence discloses (a search match: identity; a family member: family), those of
 * the fields that came back, and the agency it names.
 *
 * Errors are attributed by path: a FORBIDDEN or AGENCY_UNAVAILABLE error under a person's path
 * withholds the category of the person field it falls under. An agency error without a path
 * (a subgraph that did not answer at all) marks that agency withheld for every person whose
 * agency field was selected and came back null.
 */
export function collectPersonReads(args: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown> | undefined;
  data: Record<string, unknown>;
  errors: readonly GraphQLFormattedError[] | undefined;
}): PersonRead[] {
  const { schema, document, operation } = args;
  // @include/@skip are decided on the coerced variables, defaults filled in, as execution did.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], args.variables ?? {});
  // Variables that do not coerce never execute: there is no data to collect from.
  if (coerced.errors) throw new AuditCollectionError("the operation's variables do not coerce");
  const variables = coerced.coerced;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const occurrences: Occurrence[] = [];
  /** Where an agency's summary of a person (PERSON_AGENCY_SUMMARIES) came back, and which agency. */
  const summaries: { path: (string | number)[]; agency: Agency | null }[] = [];

  const walkObject = (
    value: Record<string, unknown>,
    type: GraphQLObjectType,
    fields: Map<string, readonly FieldNode[]>,
    path: (string | number)[],
  ) => {
    if (type.name === PERSON_TYPE) {
      const personId = value.id;
      if (typeof personId !== "string") throw new AuditCollectionError("a person in the response has no id");
      // The client did not ask for the id: take out the one the gateway added.
      if (fields.get("id")?.every((n) => n === auditIdField)) delete value.id;
      const occurrence: Occurrence = { personId, path, fields: new Map(), present: new Set(), agency: null };
      for (const [key, nodes] of fields) {
        occurrence.fields.set(key, nodes[0].name.value);
        if (value[key] !== null && value[key] !== undefined) occurrence.present.add(key);
      }
      occurrences.push(occurrence);
    }
    const disclosure = PERSON_DISCLOSURES[type.name];
    if (disclosure) {
      const added = value[AUDIT_PERSON_KEY];
      const personId = added && typeof added === "object" ? (added as Record<string, unknown>).id : undefined;
      if (typeof personId !== "string")
        throw new AuditCollectionError(`a ${type.name} in the response has no person id`);
      const agency = disclosure.agencyField ? agencyOfName(value[AUDIT_AGENCY_KEY]) : disclosure.agency;
      // Added by the gateway (a client may not use these keys here): never part of the answer.
      const auditKeys = auditKeysOf(type.name);
      for (const key of auditKeys) delete value[key];
      const occurrence: Occurrence = { personId, path, disclosure, fields: new Map(), present: new Set(), agency };
      for (const [key, nodes] of fields) {
        if (auditKeys.includes(key)) continue;
        occurrence.fields.set(key, nodes[0].name.value);
        if (value[key] !== null && value[key] !== undefined) occurrence.present.add(key);
      }
      occurrences.push(occurrence);
    }
    if (type.name in PERSON_AGENCY_SUMMARIES) {
      // Added by the gateway (a client may not use the key here): never part of the answer.
      summaries.push({ path, agency: agencyOfName(value[AUDIT_AGENCY_KEY]) });
      delete value[AUDIT_AGENCY_KEY];
    }
    for (const [key, nodes] of fields) {
      const name = nodes[0].name.value;
      if (name.startsWith("__") || !(key in value)) continue;
      const def = type.getFields()[name];
      if (!def) continue;
      walkValue(value[key], def.type, nodes, [...path, key]);
    }
    // Added by the gateway (a client may not use the key here), walked above: never part of the answer.
    if (type.name in PERSON_LIST_DISCLOSURES) delete value[AUDIT_LIST_KEY];
  };

  const walkValue = (
    value: unknown,
    type: GraphQLOutputType,
    nodes: readonly FieldNode[],
    path: (string | number)[],
  ): void => {
    if (value === null || value === undefined) return;
    if (isNonNullType(type)) return walkValue(value, type.ofType, nodes, path);
    if (isListType(type)) {
      if (Array.isArray(value)) value.forEach((item, i) => walkValue(item, type.ofType, nodes, [...path, i]));
      return;
    }
    let objectType: GraphQLObjectType | undefined;
    if (isObjectType(type)) objectType = type;
    else if (isAbstractType(type)) {
      const typename = (value as Record<string, unknown>).__typename;
      const candidate = typeof typename === "string" ? schema.getType(typename) : undefined;
      if (isObjectType(candidate)) objectType = candidate;
      else if (schema.getPossibleTypes(type).some((t) => isAuditedType(t.name))) {
        throw new AuditCollectionError("cannot tell whether an abstract value discloses a person");
      }
    }
    if (!objectType || typeof value !== "object") return;
    const sub = collectSubfields(schema, fragments, variables, objectType, nodes);
    walkObject(value as Record<string, unknown>, objectType, sub, path);
  };

  const root = schema.getRootType(operation.operation);
  if (!root) return [];
  walkObject(
    args.data,
    root,
    collectFields(schema, fragments, variables, root, operation.selectionSet) as Map<string, readonly FieldNode[]>,
    [],
  );

  const reads = new Map<string, Accumulator>();
  const accOf = (id: string) => {
    let acc = reads.get(id);
    if (!acc) {
      acc = { agencies: new Set(), categories: new Set(), denied: new Set(), unavailable: new Set() };
      reads.set(id, acc);
    }
    return acc;
  };
  for (const o of occurrences) {
    const acc = accOf(o.personId);
    if (o.disclosure?.disclosed) acc.categories.add(o.disclosure.disclosed);
    if (o.agency) acc.agencies.add(o.agency);
    if (o.disclosure?.agencyDisclosed && o.agency) acc.categories.add(o.agency);
    for (const key of o.present) {
      const field = o.fields.get(key)!;
      const category = categoryOf(o, field);
      if (category) acc.categories.add(category);
      const agency = o.disclosure ? undefined : AGENCY_FIELDS[field];
      if (agency) acc.agencies.add(agency);
    }
  }

  // An agency's summary is a read of that agency's data about the person it sits under.
  for (const summary of summaries) {
    const owner = deepestPersonAt(occurrences, summary.path);
    if (!owner) throw new AuditCollectionError("an agency's summary in the response sits under no person");
    if (!summary.agency) throw new AuditCollectionError("an agency's summary in the response names no known agency");
    const acc = accOf(owner.personId);
    acc.agencies.add(summary.agency);
    acc.categories.add(summary.agency);
  }

  const withhold = (acc: Accumulator, code: string, category: string) => {
    if (code === ErrorCode.Forbidden) acc.denied.add(category);
    else {
      const agency = (Object.values(AGENCY_FIELDS) as string[]).includes(category) ? (category as Agency) : null;
      if (agency) acc.unavailable.add(agency);
    }
  };
  for (const error of args.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== "string" || !WITHHELD_CODES.has(code)) continue;
    const agency = typeof error.extensions?.agency === "string" ? error.extensions.agency : null;
    const path = error.path;
    if (path && path.length > 0) {
      // The deepest person whose path is a prefix of the error's path.
      let owner: Occurrence | undefined;
      for (const o of occurrences) {
        if (o.path.length < path.length && o.path.every((seg, i) => seg === path[i])) {
          if (!owner || o.path.length > owner.path.length) owner = o;
        }
      }
      if (!owner) continue;
      const field = owner.fields.get(String(path[owner.path.length]));
      const category = field ? categoryOf(owner, field) : null;
      if (category) withhold(accOf(owner.personId), code, category);
      else if (agency) withhold(accOf(owner.personId), code, agency);
    } else if (agency) {
      for (const o of occurrences) {
        if (o.disclosure) continue;
        for (const [key, field] of o.fields) {
          if (AGENCY_FIELDS[field] === agency && !o.present.has(key)) withhold(accOf(o.personId), code, agency);
        }
      }
    }
  }

  return [...reads].map(([personId, acc]) => ({
    personId,
    agencies: sortAgencies(acc.agencies),
    categories: sortCategories(acc.categories),
    denied: sortCategories(acc.denied),
    unavailable: sortAgencies(acc.unavailable),
  }));
}
