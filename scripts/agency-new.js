#!/usr/bin/env node
/**
 * npm run agency:new -- <name>     scaffolds a new agency subgraph, `subgraphs/<name>/`, in the
 *                                  agency kit's common layout, and wires it in:
 *   - its service registry row (shared/src/services.ts: next free port, settings prefix, label,
 *     field group, Person field, link list), then `npm run registry:generate`;
 *   - the workspace (root package.json, node_modules/@ffd/<name>) and the tsconfig reference;
 *   - its field group's description, and the group listed as undecided in the access policy
 *     (hidden from every role) until a person writes its rows;
 * then prints what a person must still decide. Refuses a name that is not kebab-case, is
 * reserved, or is already taken, and changes nothing then.
 *   --root <dir>   the checkout to scaffold into (default: this one)
 *   --no-generate  skip `npm run registry:generate` (its files are then stale until it runs)
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { nameProblem, namesOf } = require("./agency-new/names");
const { files } = require("./agency-new/templates");

const args = process.argv.slice(2);
const rootIndex = args.indexOf("--root");
const root = path.resolve(rootIndex >= 0 ? args[rootIndex + 1] : path.join(__dirname, ".."));
const generate = !args.includes("--no-generate");
const positional = args.filter((a, i) => !a.startsWith("--") && !(rootIndex >= 0 && i === rootIndex + 1));

const SERVICES_FILE = "shared/src/services.ts";
const POLICY_FILE = "shared/src/policy.ts";

function fail(message) {
  console.error(`agency:new: ${message}`);
  process.exit(1);
}

const read = (file) => fs.readFileSync(path.join(root, file), "utf8");
const write = (file, text) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
};

/** Inserts `text` before the one occurrence of `anchor` in `file`; fails loudly when the anchor moved. */
function insertBefore(file, anchor, text) {
  const content = read(file);
  const at = content.indexOf(anchor);
  if (at < 0 || content.indexOf(anchor, at + 1) >= 0)
    fail(`cannot find where to write in ${file} (looked for ${JSON.stringify(anchor)}); nothing more was changed.`);
  write(file, content.slice(0, at) + text + content.slice(at));
}

/** Why the registry or the folders already hold this agency's names, or null. */
function takenProblem(n, servicesText) {
  if (fs.existsSync(path.join(root, "subgraphs", n.name))) return `subgraphs/${n.name} already exists.`;
  const clash = [
    ["name", n.name],
    ["fieldGroup", n.camel],
    ["personField", n.camel],
    ["linkListField", `${n.camel}RecordIds`],
    ["envPrefix", n.envPrefix],
    ["enumValue", n.envPrefix],
    ["database", n.snake],
  ].find(([key, value]) => new RegExp(`\\b${key}: "${value}"`).test(servicesText));
  return clash ? `the service registry already has ${clash[0]} "${clash[1]}" (${SERVICES_FILE}).` : null;
}

function registryRow(n, port, rank) {
  return `  {
    name: "${n.name}",
    dir: "subgraphs/${n.name}",
    port: ${port},
    envPrefix: "${n.envPrefix}",
    label: "${n.label}",
    fronts: "the ${n.label} system",
    database: "${n.snake}",
    title: "${n.title}",
    fieldGroup: "${n.camel}",
    personField: "${n.camel}",
    linkListField: "${n.camel}RecordIds",
    enumValue: "${n.envPrefix}",
    system: "The ${n.label} system.",
    demographicsRank: ${rank},
  },
`;
}

function main() {
  if (positional.length !== 1) fail("give exactly one name, e.g. `npm run agency:new -- youth-justice`.");
  const name = positional[0];
  const problem = nameProblem(name);
  if (problem) fail(problem);
  const n = namesOf(name);
  const servicesText = read(SERVICES_FILE);
  const taken = takenProblem(n, servicesText);
  if (taken) fail(taken);

  // Next free port and the last demographics rank: from every row of the registry.
  const ports = [...servicesText.matchAll(/\bport: (\d+),/g)].map((m) => Number(m[1]));
  const ranks = [...servicesText.matchAll(/\bdemographicsRank: (\d+),/g)].map((m) => Number(m[1]));
  const port = Math.max(...ports) + 1;
  const rank = Math.max(...ranks) + 1;

  // 1. The subgraph folder.
  for (const [file, text] of Object.entries(files(n, port))) write(path.join("subgraphs", name, file), text);

  // 2. Its registry row, last in the linkage order.
  insertBefore(SERVICES_FILE, "] as const satisfies readonly AgencyEntry[];", registryRow(n, port, rank));

  // 3. The access policy: what the group holds, and the group undecided (NONE for every role).
  insertBefore(
    POLICY_FILE,
    "  linkageReview:\n",
    `  ${n.camel}: "the ${n.label} system's record (\`Person.${n.camel}\`)",\n`,
  );
  const policy = read(POLICY_FILE);
  const undecided = /export const POLICY_UNDECIDED_GROUPS: readonly string\[\] = \[([^\]]*)\];/;
  const m = policy.match(undecided);
  if (!m) fail(`cannot find POLICY_UNDECIDED_GROUPS in ${POLICY_FILE}.`);
  const groups = [
    ...m[1]
      .split(",")
      .map((g) => g.trim())
      .filter(Boolean),
    JSON.stringify(n.camel),
  ];
  write(
    POLICY_FILE,
    policy.replace(undecided, `export const POLICY_UNDECIDED_GROUPS: readonly string[] = [${groups.join(", ")}];`),
  );

  // 4. The workspace and the build.
  const pkg = JSON.parse(read("package.json"));
  const at = pkg.workspaces.indexOf("gateway");
  pkg.workspaces.splice(at < 0 ? pkg.workspaces.length : at, 0, `subgraphs/${name}`);
  write("package.json", `${JSON.stringify(pkg, null, 2)}\n`);
  insertBefore("tsconfig.json", '    { "path": "gateway" }', `    { "path": "subgraphs/${name}" },\n`);
  // What `npm install` would do for the new workspace: link it, so `@ffd/<name>` resolves now.
  const link = path.join(root, "node_modules", "@ffd", name);
  if (fs.existsSync(path.join(root, "node_modules", "@ffd")) && !fs.existsSync(link))
    fs.symlinkSync(path.join("..", "..", "subgraphs", name), link, "dir");

  // 5. Everything written, in the repository's format (`npm run lint` checks it).
  execFileSync(
    process.execPath,
    [
      path.join(root, "node_modules", "prettier", "bin", "prettier.cjs"),
      "--log-level",
      "warn",
      "--write",
      path.join("subgraphs", name),
      SERVICES_FILE,
      POLICY_FILE,
      "package.json",
      "tsconfig.json",
    ],
    { cwd: root, stdio: "inherit" },
  );

  // 6. The files generated from the registry.
  if (generate) execFileSync("npm", ["run", "--silent", "registry:generate"], { cwd: root, stdio: "inherit" });

  console.log(`
Created subgraphs/${name} (@ffd/${name}, port ${port}, settings ${n.envPrefix}_*, Person.${n.camel}).
It builds, composes and answers _entities as it is. Next: \`npm run compose\` to write its schema
into the supergraph, then \`NODE_OPTIONS=--experimental-vm-modules npx jest subgraphs/${name}\`.

What a person must still decide (the scaffold did not guess these):
  1. Policy rows for the field group "${n.camel}": it is hidden from every role (listed in
     POLICY_UNDECIDED_GROUPS, ${POLICY_FILE}) until you write its levels in POLICY, remove it
     from that list, add its SUMMARY_CONTENTS, and run \`npm run policy:readme\`.
  2. The ${n.label} system's real legacy schema: replace the example table ${n.snake}_entry in
     subgraphs/${name}/src/source/ (${name}.embedded.ts, ${name}.postgres.ts, ${name}.codes.ts)
     and the example entity ${n.pascal}Entry with the system's own tables, codes and entities.
  3. The borough builder for synthetic data: borough/ has no builder for ${name} yet, so its
     embedded default is three example rows (src/source/${name}.embedded.ts) and family-index
     links nothing from it in the synthetic borough.
  4. The staff app panel for Person.${n.camel} (web/), with its browser test.
  5. The registry row's words (label, "fronts", "system", title) in ${SERVICES_FILE}: the
     scaffold wrote them from the name.
`);
}

main();
