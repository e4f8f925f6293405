import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DataFolderRefused, privateFolder } from "./private-folder";

describe("a private data folder", () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(path.join(os.tmpdir(), "ffd-folder-"));
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));
  const modeOf = (p: string) => statSync(p).mode & 0o777;

  it("is made 0700, with any missing parent", () => {
    const folder = path.join(parent, "var", "ffd");
    privateFolder(folder);
    expect(modeOf(folder)).toBe(0o700);
    expect(modeOf(path.join(parent, "var"))).toBe(0o700);
  });

  it("is tightened to 0700 when it exists wider", () => {
    const folder = path.join(parent, "data");
    mkdirSync(folder);
    chmodSync(folder, 0o777);
    privateFolder(folder);
    expect(modeOf(folder)).toBe(0o700);
  });

  it("is refused, and left as it is, when another user owns it", () => {
    const folder = path.join(parent, "data");
    mkdirSync(folder);
    chmodSync(folder, 0o755);
    const owner = statSync(folder).uid;
    expect(() => privateFolder(folder, owner + 1)).toThrow(DataFolderRefused);
    expect(() => privateFolder(folder, owner + 1)).toThrow(
      new RegExp(
        `^the data folder .* belongs to another user \\(uid ${owner}\\), not to this process \\(uid ${owner + 1}\\)`,
      ),
    );
    expect(modeOf(folder)).toBe(0o755);
  });

  it("is refused, and left as it is, when it is a shared folder such as /tmp (sticky bit)", () => {
    const folder = path.join(parent, "shared");
    mkdirSync(folder);
    chmodSync(folder, 0o1777);
    expect(() => privateFolder(folder)).toThrow(/^the data folder .* is a shared folder \(sticky bit, like \/tmp\)/);
    expect(statSync(folder).mode & 0o7777).toBe(0o1777);
  });

  // Only root can give a folder to another user: there, the real check without a stand-in uid.
  (process.getuid?.() === 0 ? it : it.skip)("is refused when it belongs to another user (as root: chown)", () => {
    const folder = path.join(parent, "data");
    mkdirSync(folder);
    chownSync(folder, 65534, 65534);
    expect(() => privateFolder(folder)).toThrow(DataFolderRefused);
  });
});
