import { isLoopbackAddress } from "./ide";

/*
 * Issue 8, finding 10: the IDE page embeds a working development token, so it is given only to
 * a connection from this machine. The decision, by the connection's remote address (never a
 * header a client could write); security-headers.test.ts checks it over HTTP both ways.
 */

describe("isLoopbackAddress: who gets the IDE's development token", () => {
  it.each(["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1", "::FFFF:127.0.0.2", "0:0:0:0:0:0:0:1"])(
    "%s is this machine",
    (address) => expect(isLoopbackAddress(address)).toBe(true),
  );
  it.each([
    "10.0.0.7",
    "192.168.1.20",
    "::ffff:10.0.0.7",
    "fe80::1",
    "2001:db8::1",
    "128.0.0.1",
    "0.0.0.0",
    "::",
    "127.0.0.1.example.org",
    "",
    undefined,
  ])("%s is not", (address) => expect(isLoopbackAddress(address)).toBe(false));
});
