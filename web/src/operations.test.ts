// @vitest-environment node
import { generate } from "@graphql-codegen/cli";
import type { GraphQLSchema } from "graphql";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import config from "../codegen";

/*
 * The app's operations against the graph: every graphql() document in src/ validates against the
 * API schema of the committed gateway/supergraph.graphql, and src/gql/ is what codegen makes of
 * them now (run `npm run codegen` after changing either). Needs the compiled gateway (npm test
 * builds it first).
 */

const web = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { apiSchemaOf } = require("../../gateway/dist/composition.js") as {
  apiSchemaOf: (sdl: string) => GraphQLSchema;
};
// The same (CommonJS) graphql as the gateway's code, so its schema objects are recognised.
const { buildASTSchema, parse, printSchema, validate, visit } = require("graphql") as typeof import("graphql");
const apiSchema = () => apiSchemaOf(readFileSync(path.join(web, "..", "gateway", "supergraph.graphql"), "utf8"));

/** The source files codegen reads documents from. */
function sources(dir = path.join(web, "src")): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === "gql" ? [] : sources(file);
    return /\.(ts|tsx)$/.test(name) && !/\.test\./.test(name) ? [file] : [];
  });
}

/** Every graphql(`...`) document in the app, as one document (fragments are shared across files). */
function appDocuments(): string {
  return sources()
    .flatMap((file) => [...readFileSync(file, "utf8").matchAll(/graphql\(`([\s\S]*?)`\)/g)].map((m) => m[1]))
    .join("\n");
}

/** The problems validating the app's operations against a schema. */
function problems(schema: GraphQLSchema): string[] {
  return validate(schema, parse(appDocuments())).map((e) => e.message);
}

describe("the app's operations", () => {
  it("are the five panels' fragments, the involved services, the search, the person page, the auditor's screens, the link review, and the locality lists (their localities, the outreach list, the mandated review pages, the 0-5 profile)", () => {
    const names = [...appDocuments().matchAll(/^\s*(query|mutation|fragment) (\w+)/gm)].map((m) => m[2]).sort();
    expect(names).toEqual([
      "AccessReport",
      "AuditTrail",
      "BirthRegistrationPanel",
      "BreakGlassQueue",
      "CandidateRecordFields",
      "ChildrensCentresPanel",
      "ChildrensSocialCarePanel",
      "ConfirmLink",
      "HealthVisitingPanel",
      "InvolvedServices",
      "LinkQueue",
      "Localities",
      "LocalityProfile",
      "MandatedReviewPerformance",
      "MandatedReviewWorklist",
      "MaternityPanel",
      "NewBirthsNotKnownToCentres",
      "PersonPage",
      "PersonRecords",
      "RejectLink",
      "ReviewBreakGlass",
      "ReviewFigures",
      "SafeguardingMeetingList",
      "SearchPeople",
      "UnlinkRecord",
    ]);
  });

  it("validate against the committed supergraph's API schema", () => {
    expect(problems(apiSchema())).toEqual([]);
  });

  it("would not validate against a schema without a field they use (the check can fail)", () => {
    const withoutField = visit(parse(printSchema(apiSchema())), {
      FieldDefinition: (field) => (field.name.value === "namedHealthVisitor" ? null : undefined),
    });
    // The health visiting panel's fragment and the outreach list use it on the record; the mandated
    // review work list on its items.
    expect(problems(buildASTSchema(withoutField)).sort()).toEqual([
      expect.stringMatching(/Cannot query field "namedHealthVisitor" on type "HealthVisitingRecord"/),
      expect.stringMatching(/Cannot query field "namedHealthVisitor" on type "HealthVisitingRecord"/),
      expect.stringMatching(/Cannot query field "namedHealthVisitor" on type "MandatedReviewWorkItem"/),
    ]);
  });

  it("are typed in src/gql/ exactly as codegen generates them now", async () => {
    const cwd = process.cwd();
    process.chdir(web);
    try {
      const outputs = await generate({ ...config, silent: true, verbose: false }, false);
      // The persisted documents manifest too: a stale manifest (an operation changed, added or
      // removed without \`npm run codegen\`) fails here, before the gateway would refuse the app.
      expect(
        outputs.map((o: { filename: string }) => path.relative(web, path.resolve(web, o.filename))).sort(),
      ).toEqual(
        ["gql.ts", "graphql.ts", "index.ts", "persisted-documents.json"].map((f) => path.join("src", "gql", f)),
      );
      for (const { filename, content } of outputs) {
        const committed = readFileSync(path.resolve(web, filename), "utf8");
        expect({ filename, content: committed }).toEqual({ filename, content });
      }
    } finally {
      process.chdir(cwd);
    }
  }, 60_000);
});
