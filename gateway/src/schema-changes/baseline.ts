import { execFileSync } from "node:child_process";

/**
 * The git commit a schema is compared with. A missing git, repository, main branch or parent
 * commit is an error, never "nothing to compare with": a check that silently passes when CI
 * checks out a shallow clone would let a breaking change through.
 */
export class SchemaBaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SchemaBaselineError";
  }
}

export interface Baseline {
  /** What was asked for or chosen, for the message (e.g. "merge-base with main"). */
  readonly description: string;
  readonly commit: string;
}

function git(cwd: string, args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT")
      throw new SchemaBaselineError("git is not installed; the breaking-change check needs it");
    return null;
  }
}

function commitOf(cwd: string, ref: string): string | null {
  return git(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
}

/**
 * The baseline: `against` when given; otherwise the merge-base of HEAD with main (a branch is
 * compared with where it left main), or HEAD's parent when HEAD is already part of main (CI on
 * main checks the change just merged).
 */
export function resolveBaseline(cwd: string, against?: string): Baseline {
  if (git(cwd, ["rev-parse", "--git-dir"]) === null)
    throw new SchemaBaselineError("not a git repository: the breaking-change check compares with a commit");
  if (against !== undefined) {
    const commit = commitOf(cwd, against);
    if (!commit) throw new SchemaBaselineError(`--against ${against}: no such commit`);
    return { description: against, commit };
  }
  const head = commitOf(cwd, "HEAD");
  if (!head) throw new SchemaBaselineError("the repository has no commits");
  const main = ["main", "origin/main"].find((ref) => commitOf(cwd, ref) !== null);
  if (!main)
    throw new SchemaBaselineError(
      "no main or origin/main branch to compare with: fetch it (a full clone) or pass --against <ref>",
    );
  const base = git(cwd, ["merge-base", "HEAD", main]);
  if (!base) throw new SchemaBaselineError(`HEAD and ${main} share no history (shallow clone?): fetch full history`);
  if (base !== head) return { description: `merge-base with ${main}`, commit: base };
  const parent = commitOf(cwd, "HEAD~1");
  if (!parent)
    throw new SchemaBaselineError(
      "HEAD is on main and has no parent commit to compare with (shallow clone?): fetch full history or pass --against <ref>",
    );
  return { description: "HEAD~1 (HEAD is on main)", commit: parent };
}

/** A file's content as committed at `commit`, or null when it did not exist there. */
export function readAtCommit(cwd: string, commit: string, file: string): string | null {
  return git(cwd, ["show", `${commit}:${file}`]);
}
