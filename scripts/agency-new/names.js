"use strict";
/**
 * The names of a new agency, all derived from its kebab-case name, and the checks on it. Pure:
 * no I/O, so the test and the scaffold read the same rules.
 */

/** Folder and package names the repository already uses, or that would read as something else. */
const RESERVED = new Set([
  "shared",
  "borough",
  "gateway",
  "web",
  "tests",
  "scripts",
  "docker",
  "family-index",
  "audit",
  "person",
  "agency",
  "node-modules",
  "dist",
  "src",
  "test",
  "new",
]);

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Why `name` cannot be an agency's name, or null when it can (existence is checked by the caller). */
function nameProblem(name) {
  if (typeof name !== "string" || name === "")
    return "Give the agency's name in kebab-case, e.g. `npm run agency:new -- youth-justice`.";
  if (!KEBAB.test(name))
    return `"${name}" is not a kebab-case name: use lower-case letters and digits, words joined by single hyphens, starting with a letter (e.g. youth-justice).`;
  if (name.length > 40) return `"${name}" is too long (at most 40 characters).`;
  if (RESERVED.has(name)) return `"${name}" is reserved: the repository already uses it for something else.`;
  return null;
}

const words = (name) => name.split("-");
const cap = (w) => w.charAt(0).toUpperCase() + w.slice(1);

/** Every name the scaffold writes, from the kebab-case name. */
function namesOf(name) {
  const w = words(name);
  const camel = w[0] + w.slice(1).map(cap).join("");
  return {
    name,
    camel,
    pascal: w.map(cap).join(""),
    envPrefix: w.map((x) => x.toUpperCase()).join("_"),
    snake: w.join("_"),
    label: w.join(" "),
    title: cap(w.join(" ")),
  };
}

module.exports = { RESERVED, nameProblem, namesOf };
