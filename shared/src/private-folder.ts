import { chmodSync, mkdirSync, statSync } from "node:fs";

/*
 * The data folder holds personal data at rest: the link store's WAL (NHS numbers, names), the
 * audit trail (break-glass reasons), the development secrets. PGlite creates its files mode 0666
 * whatever the umask, so the folders are what keeps other local users out: each is the owner's
 * alone (0700), made so when created and tightened when found wider.
 */

/** Owner only: read, write, enter. */
export const PRIVATE_FOLDER_MODE = 0o700;

/**
 * A data folder this process must not use, nor change the mode of: another user's, or a shared
 * one (sticky bit, like /tmp). Its message names the folder and why, never any content.
 */
export class DataFolderRefused extends Error {
  constructor(
    readonly folder: string,
    why: string,
  ) {
    super(`the data folder ${folder} ${why}`);
    this.name = "DataFolderRefused";
  }
}

/**
 * Creates `folder` (and any missing parent) mode 0700, or tightens it to 0700 if it exists with
 * a wider mode. Refuses a folder another user owns (where the platform has user ids), and a
 * shared one such as /tmp (DATA_DIR=/tmp must not make /tmp private).
 * `uid` is this process's user id; a parameter only so a test can be someone else.
 */
export function privateFolder(folder: string, uid: number | undefined = process.getuid?.()): string {
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const stat = statSync(folder);
  if (uid !== undefined && stat.uid !== uid) {
    throw new DataFolderRefused(
      folder,
      `belongs to another user (uid ${stat.uid}), not to this process (uid ${uid}); ` +
        `run as its owner, or set DATA_DIR to a folder of your own`,
    );
  }
  if (stat.mode & 0o1000) {
    throw new DataFolderRefused(
      folder,
      "is a shared folder (sticky bit, like /tmp); set DATA_DIR to a folder inside it",
    );
  }
  // mkdir's mode is masked by the umask, and a folder made earlier may be 0755: set it outright.
  if ((stat.mode & 0o777) !== PRIVATE_FOLDER_MODE) chmodSync(folder, PRIVATE_FOLDER_MODE);
  return folder;
}
