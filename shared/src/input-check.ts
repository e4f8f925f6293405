import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import {
  GraphQLError,
  Kind,
  TypeInfo,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isSpecifiedScalarType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLScalarType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from "graphql";
import { ErrorCode } from "./errors";
import { boundProblem, INPUT_BOUNDS, listProblem, nameOf, type InputBound } from "./input-bounds";
import { CUSTOM_SCALARS } from "./scalars";

/*
 * Checks every value an operation gives (inline literals, variables, variables' defaults, nested
 * input objects and lists) against the bounds table and the custom scalars' parsers, by walking
 * the operation with the schema's TypeInfo. It runs before the query planner: a value out of
 * bounds or not in its scalar's form costs the checks below and nothing else.
 */

/** One value refused: which field, and why, in words that never quote the value. */
export interface InputProblem {
  coordinate: string;
  message: string;
}

export interface InputCheckOptions {
  bounds?: Readonly<Record<string, InputBound>>;
  scalars?: Readonly<Record<string, GraphQLScalarType>>;
}

/** Field names are echoed only when they look like GraphQL names (a key may be anything). */
const SAFE_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

function expected(type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (isEnumType(named)) {
    const values = named.getValues().map((v) => v.name);
    return `one of ${values.join(", ")}`;
  }
  if (isInputObjectType(named)) return `an object (${named.name})`;
  return `${/^[AEIOU]/.test(named.name) ? "an" : "a"} ${named.name}`;
}

class Checker {
  problem: InputProblem | null = null;
  constructor(
    private readonly bounds: Readonly<Record<string, InputBound>>,
    private readonly scalars: Readonly<Record<string, GraphQLScalarType>>,
  ) {}

  private refuse(coordinate: string, message: string): false {
    this.problem ??= { coordinate, message };
    return false;
  }

  /** Parses a leaf with the custom scalar's own parser; its message is written for the client. */
  private custom(coordinate: string, scalar: GraphQLScalarType, parse: (s: GraphQLScalarType) => unknown): boolean {
    const impl = this.scalars[scalar.name];
    if (!impl) return true;
    try {
      parse(impl);
      return true;
    } catch (err) {
      const why = err instanceof GraphQLError ? err.message : `That is not a valid ${scalar.name}.`;
      return this.refuse(coordinate, `${nameOf(coordinate)}: ${why}`);
    }
  }

  /** A value from the variables (JSON), at a position of this type. */
  value(value: unknown, type: GraphQLInputType, coordinate: string): boolean {
    if (value === null || value === undefined) return true; // nullability is the executor's check
    if (isNonNullType(type)) return this.value(value, type.ofType, coordinate);
    if (isListType(type)) {
      const items = Array.isArray(value) ? value : [value];
      const tooMany = listProblem(coordinate, items.length, this.bounds[coordinate]);
      if (tooMany) return this.refuse(coordinate, tooMany);
      return items.every((item) => this.value(item, type.ofType, coordinate));
    }
    const within = boundProblem(coordinate, value, this.bounds[coordinate]);
    if (within) return this.refuse(coordinate, within);
    if (isInputObjectType(type)) {
      if (typeof value !== "object" || Array.isArray(value)) {
        return this.refuse(coordinate, `${nameOf(coordinate)} must be ${expected(type)}.`);
      }
      const fields = type.getFields();
      for (const key of Object.keys(value)) {
        if (!fields[key]) {
          const which = SAFE_NAME.test(key) ? `no field ${key}` : "a field that is not one of its fields";
          return this.refuse(coordinate, `${nameOf(coordinate)} has ${which} (${type.name}).`);
        }
      }
      const missing = Object.values(fields).find(
        (f) =>
          isNonNullType(f.type) && f.defaultValue === undefined && (value as Record<string, unknown>)[f.name] == null,
      );
      // graphql-js would say so too, quoting the whole object.
      if (missing) return this.refuse(coordinate, `${nameOf(coordinate)} needs ${missing.name} (${type.name}).`);
      return Object.values(fields).every((f) =>
        this.value((value as Record<string, unknown>)[f.name], f.type, `${type.name}.${f.name}`),
      );
    }
    if (isScalarType(type) && !isSpecifiedScalarType(type)) {
      return this.custom(coordinate, type, (impl) => impl.parseValue(value));
    }
    try {
      type.parseValue(value);
      return true;
    } catch {
      // graphql-js's own message quotes the value: say what was expected instead.
      return this.refuse(coordinate, `${nameOf(coordinate)} must be ${expected(type)}.`);
    }
  }

  /** A literal written in the document, at a position of this type. */
  literal(
    node: ValueNode,
    type: GraphQLInputType,
    coordinate: string,
    variable: (name: string, type: GraphQLInputType, coordinate: string) => boolean,
  ): boolean {
    if (node.kind === Kind.VARIABLE) return variable(node.name.value, type, coordinate);
    if (node.kind === Kind.NULL) return true;
    if (isNonNullType(type)) return this.literal(node, type.ofType, coordinate, variable);
    if (isListType(type)) {
      const items = node.kind === Kind.LIST ? node.values : [node];
      const tooMany = listProblem(coordinate, items.length, this.bounds[coordinate]);
      if (tooMany) return this.refuse(coordinate, tooMany);
      return items.every((item) => this.literal(item, type.ofType, coordinate, variable));
    }
    if (isInputObjectType(type)) {
      if (node.kind !== Kind.OBJECT) return true; // a validation error already
      const fields = type.getFields();
      return node.fields.every((f) => {
        const field = fields[f.name.value];
        return !field || this.literal(f.value, field.type, `${type.name}.${field.name}`, variable);
      });
    }
    const bound = this.bounds[coordinate];
    if (node.kind === Kind.STRING || node.kind === Kind.INT || node.kind === Kind.FLOAT) {
      // A text bound counts the literal as written: an INT literal is a valid ID, of any length.
      const value = node.kind !== Kind.STRING && bound?.kind === "count" ? Number(node.value) : node.value;
      const within = boundProblem(coordinate, value, bound);
      if (within) return this.refuse(coordinate, within);
    }
    if (isScalarType(type) && !isSpecifiedScalarType(type)) {
      return this.custom(coordinate, type, (impl) => impl.parseLiteral(node, undefined));
    }
    return true;
  }
}

/** One argument the operation gives, where it is and what it is (the walk's result, kept per operation). */
interface ArgumentSite {
  value: ValueNode;
  type: GraphQLInputType;
  coordinate: string;
}

/**
 * Every argument of the operation and its fragments, in document order, with its type and
 * coordinate: what the walk with the schema's TypeInfo finds, which depends on the document
 * only, so it is found once per schema, document and operation (Apollo Server hands a repeated
 * operation the same parsed document) and only the values are checked per request.
 */
const argumentSites = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<OperationDefinitionNode, ArgumentSite[]>>>();

function argumentSitesOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): ArgumentSite[] {
  let byDocument = argumentSites.get(schema);
  if (!byDocument) argumentSites.set(schema, (byDocument = new WeakMap()));
  let byOperation = byDocument.get(document);
  if (!byOperation) byDocument.set(document, (byOperation = new Map()));
  let sites = byOperation.get(operation);
  if (sites) return sites;
  sites = [];
  const found = sites;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition(node) {
        if (node !== operation) return false;
        return undefined;
      },
      Argument(node) {
        const arg = typeInfo.getArgument();
        if (!arg) return undefined; // an unknown argument is a validation error already
        const directive = typeInfo.getDirective();
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        const coordinate = directive
          ? `@${directive.name}(${arg.name}:)`
          : `${parent?.name ?? ""}.${field?.name ?? ""}(${arg.name}:)`;
        found.push({ value: node.value, type: arg.type, coordinate });
        return false;
      },
    }),
  );
  byOperation.set(operation, sites);
  return sites;
}

/**
 * The first value of the operation that is out of bounds or not in its scalar's form; null when
 * every value is fine. Only the operation being run is checked, with every fragment.
 */
export function checkOperationInputs(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  options: InputCheckOptions = {},
): InputProblem | null {
  const checker = new Checker(options.bounds ?? INPUT_BOUNDS, options.scalars ?? CUSTOM_SCALARS);
  const defaults = new Map(operation.variableDefinitions?.map((d) => [d.variable.name.value, d.defaultValue]));
  const checked = new Set<string>();
  const variable = (name: string, type: GraphQLInputType, coordinate: string): boolean => {
    // A variable used in several places is checked at each, against each place's bound.
    const key = `${name}\u0000${coordinate}`;
    if (checked.has(key)) return true;
    checked.add(key);
    if (Object.prototype.hasOwnProperty.call(variables, name)) return checker.value(variables[name], type, coordinate);
    const fallback = defaults.get(name);
    return fallback ? checker.literal(fallback, type, coordinate, () => true) : true;
  };
  for (const site of argumentSitesOf(schema, document, operation)) {
    if (!checker.literal(site.value, site.type, site.coordinate, variable)) break;
  }
  return checker.problem;
}

/** The error a refused value answers: BAD_USER_INPUT, HTTP 400, naming the field. */
export function inputProblemError(problem: InputProblem): GraphQLError {
  return new GraphQLError(problem.message, {
    extensions: { code: ErrorCode.BadUserInput, field: nameOf(problem.coordinate), http: { status: 400 } },
  });
}

/**
 * The check as an Apollo Server plugin: after validation, before the operation is planned or
 * executed. The gateway registers it, so a refused value never reaches a subgraph.
 */
export function inputCheckPlugin(options: InputCheckOptions = {}): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo Server refuses it already (OPERATION_RESOLUTION_FAILURE)
          const problem = checkOperationInputs(schema, document, operation, request.variables ?? {}, options);
          if (problem) throw inputProblemError(problem);
        },
      };
    },
  };
}
