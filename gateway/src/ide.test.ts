import { isLocalBrowser, isLoopbackAddress } from "./ide";

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

describe("isLocalBrowser: a loopback connection that asked for this machine by name, through no proxy", () => {
  const request = (remoteAddress: string, headers: Record<string, string>) => ({
    socket: { remoteAddress },
    header: (name: string) => headers[name.toLowerCase()],
  });

  it.each(["localhost:4000", "127.0.0.1:4000", "127.0.0.1", "[::1]:4000", "LOCALHOST"])("Host %s is", (host) =>
    expect(isLocalBrowser(request("127.0.0.1", { host }))).toBe(true),
  );

  it.each([
    // DNS rebinding: a page whose own name now resolves to 127.0.0.1 sends its own name.
    "evil.example:4000",
    "localhost.evil.example",
    "127.0.0.1.evil.example",
    "",
  ])("Host %s is not (DNS rebinding)", (host) => expect(isLocalBrowser(request("127.0.0.1", { host }))).toBe(false));

  it.each(["forwarded", "x-forwarded-for", "x-real-ip"])("a request through a proxy (%s) is not", (header) =>
    expect(isLocalBrowser(request("127.0.0.1", { host: "localhost:4000", [header]: "203.0.113.9" }))).toBe(false),
  );

  it("a remote connection is not, whatever its Host", () => {
    expect(isLocalBrowser(request("10.0.0.7", { host: "localhost:4000" }))).toBe(false);
  });
});
