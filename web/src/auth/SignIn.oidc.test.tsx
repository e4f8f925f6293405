import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ErrorResponse } from "oidc-client-ts";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../App";
import { loadSession } from "../session";
import { SignInPage } from "./SignInPage";

/*
 * Issue 9, point 2: the app signs in the way the gateway says (GET /auth/config). Development:
 * the development page. Production: OpenID Connect, authorization code with PKCE, through
 * oidc-client-ts, whose UserManager is replaced here at its boundary (no network, no issuer):
 * what the app asks of it and what it does with the answers.
 */

const oidc = vi.hoisted(() => ({
  settings: [] as Record<string, unknown>[],
  signinRedirect: vi.fn(),
  signinRedirectCallback: vi.fn(),
  getUser: vi.fn(),
  removeUser: vi.fn(),
  signoutRedirect: vi.fn(),
}));

vi.mock("oidc-client-ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("oidc-client-ts")>();
  class UserManager {
    constructor(settings: Record<string, unknown>) {
      oidc.settings.push(settings);
    }
    signinRedirect = (...a: unknown[]) => oidc.signinRedirect(...a);
    signinRedirectCallback = (...a: unknown[]) => oidc.signinRedirectCallback(...a);
    getUser = (...a: unknown[]) => oidc.getUser(...a);
    removeUser = (...a: unknown[]) => oidc.removeUser(...a);
    signoutRedirect = (...a: unknown[]) => oidc.signoutRedirect(...a);
  }
  return { ...real, UserManager };
});

/** An access token as an issuer signs it (the signature is the gateway's business, not the app's). */
function accessToken(claims: Record<string, unknown>): string {
  const part = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${part({ alg: "RS256", kid: "k1" })}.${part({ iss: "https://login.example.org", sub: "u-1", ...claims })}.c2ln`;
}

const OIDC = { mode: "oidc", authority: "https://login.example.org", clientId: "staff-app", scope: "openid profile" };

/** The gateway: /auth/config answers `config`; /graphql requests are recorded and answered with no person. */
function gateway(config: unknown) {
  const graphql: Headers[] = [];
  const asked = { config: 0 };
  vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
    if (url === "/auth/config") asked.config++;
    if (url === "/auth/config") return new Response(JSON.stringify(config), { status: 200 });
    if (url === "/graphql") {
      graphql.push(new Headers(init.headers));
      return new Response(JSON.stringify({ data: { person: null } }), { status: 200 });
    }
    return new Response(JSON.stringify({ errors: [{ message: "There is nothing at this address." }] }), {
      status: 404,
    });
  });
  return { graphql, asked };
}

beforeEach(() => {
  sessionStorage.clear();
  oidc.settings.length = 0;
  for (const f of [
    oidc.signinRedirect,
    oidc.signinRedirectCallback,
    oidc.getUser,
    oidc.removeUser,
    oidc.signoutRedirect,
  ])
    f.mockReset();
  oidc.removeUser.mockResolvedValue(undefined);
});
afterEach(() => {
  vi.unstubAllGlobals();
  history.replaceState(null, "", "/");
});

describe("the sign-in page by the gateway's mode", () => {
  it("in development is the development page: a Role select and the claims", async () => {
    gateway({ mode: "development" });
    history.replaceState(null, "", "/sign-in");
    render(<App />);
    expect(await screen.findByRole("heading", { name: "Sign in (development)" })).toBeInTheDocument();
    expect(screen.getByLabelText("Role")).toBeInTheDocument();
    expect(screen.getByLabelText("Caseload")).toBeInTheDocument();
    expect(oidc.settings).toEqual([]);
  });

  it("in production is one Sign in button that goes to the issuer, never the development form", async () => {
    gateway({ ...OIDC, clientId: "staff-app-1" });
    oidc.signinRedirect.mockResolvedValue(undefined);
    history.replaceState(null, "", "/sign-in");
    render(<App />);
    const button = await screen.findByRole("button", { name: "Sign in" });
    expect(screen.getByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(screen.queryByLabelText("Role")).toBeNull();
    expect(screen.queryByLabelText("Caseload")).toBeNull();
    expect(within(screen.getByRole("main")).queryByText(/development/i)).toBeNull();
    await userEvent.setup().click(button);
    await waitFor(() => expect(oidc.signinRedirect).toHaveBeenCalledTimes(1));
    expect(oidc.settings).toHaveLength(1);
    const settings = oidc.settings[0];
    expect(settings).toMatchObject({
      authority: "https://login.example.org",
      client_id: "staff-app-1",
      scope: "openid profile",
      response_type: "code",
      redirect_uri: `${location.origin}/auth/callback`,
      post_logout_redirect_uri: `${location.origin}/sign-in`,
      automaticSilentRenew: false,
      monitorSession: false,
    });
    // PKCE is oidc-client-ts's default for the code flow: nothing turns it off.
    expect(settings.disablePKCE).toBeUndefined();
    // State and tokens in sessionStorage: this tab only.
    const userStore = settings.userStore as { set(k: string, v: string): Promise<void> };
    const stateStore = settings.stateStore as { set(k: string, v: string): Promise<void> };
    await userStore.set("user-probe", "u");
    await stateStore.set("state-probe", "s");
    expect(sessionStorage.getItem("oidc.user-probe")).toBe("u");
    expect(sessionStorage.getItem("oidc.state-probe")).toBe("s");
    expect(localStorage.length).toBe(0);
  });

  it("says so when the issuer cannot be reached, and the button works again", async () => {
    oidc.signinRedirect.mockRejectedValue(new TypeError("Failed to fetch"));
    render(<SignInPage auth={{ config: OIDC as never }} onSignedIn={vi.fn()} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The sign-in service is not answering. Try again in a few minutes.",
    );
    expect(screen.getByRole("alert")).not.toHaveTextContent("Failed to fetch");
    expect(screen.getByRole("button", { name: "Sign in" })).toBeEnabled();
  });

  it("says so when the gateway does not say how to sign in", async () => {
    vi.stubGlobal("fetch", async () => new Response("", { status: 502 }));
    history.replaceState(null, "", "/sign-in");
    render(<App />);
    expect(await screen.findByRole("alert")).toHaveTextContent("The gateway is not answering");
    expect(screen.queryByRole("button", { name: "Sign in" })).toBeNull();
  });
});

describe("/auth/callback", () => {
  it("exchanges the code once, signs in with the access token's role and sends that token, then opens the page asked for", async () => {
    const { graphql } = gateway(OIDC);
    const token = accessToken({ role: "health-visitor", caseload: "CL-07" });
    oidc.signinRedirectCallback.mockResolvedValue({ access_token: token, id_token: "id" });
    sessionStorage.setItem("ffd.returnTo", "/people/p-1");
    history.replaceState(null, "", "/auth/callback?code=abc&state=xyz");
    render(<App />);
    expect(await screen.findByRole("heading", { name: "Person not found" })).toBeInTheDocument();
    expect(location.pathname).toBe("/people/p-1");
    expect(oidc.signinRedirectCallback).toHaveBeenCalledTimes(1);
    expect(screen.getByText("Signed in as Health visitor")).toBeInTheDocument();
    expect(loadSession()).toEqual({ token, role: "health-visitor", purpose: "direct-care" });
    expect(graphql.length).toBeGreaterThan(0);
    for (const headers of graphql) {
      expect(headers.get("authorization")).toBe(`Bearer ${token}`);
      expect(headers.get("x-purpose-of-access")).toBe("direct-care");
    }
  });

  it("tells the user the issuer refused, offers to sign in again, and signs nobody in", async () => {
    gateway(OIDC);
    oidc.signinRedirectCallback.mockRejectedValue(
      new ErrorResponse({ error: "access_denied", error_description: "internal detail from the issuer" }),
    );
    history.replaceState(null, "", "/auth/callback?error=access_denied&state=xyz");
    render(<App />);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The sign-in service did not let you in.");
    expect(alert).not.toHaveTextContent("internal detail");
    expect(screen.getByRole("heading", { name: "You are not signed in" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Sign in again" })).toHaveAttribute("href", "/sign-in");
    expect(loadSession()).toBeNull();
  });

  it("refuses an access token with no role of the policy and forgets it", async () => {
    gateway(OIDC);
    oidc.signinRedirectCallback.mockResolvedValue({ access_token: accessToken({ role: "admin" }), id_token: "id" });
    history.replaceState(null, "", "/auth/callback?code=abc&state=xyz");
    render(<App />);
    expect(await screen.findByRole("alert")).toHaveTextContent("Your account has no role in Family Front Door");
    expect(oidc.removeUser).toHaveBeenCalled();
    expect(loadSession()).toBeNull();
  });

  it("fails plainly for an old or copied callback address (no matching state)", async () => {
    gateway(OIDC);
    oidc.signinRedirectCallback.mockRejectedValue(new Error("No matching state found in storage"));
    history.replaceState(null, "", "/auth/callback?code=old&state=gone");
    render(<App />);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Signing in did not finish. Try signing in again.");
    expect(alert).not.toHaveTextContent("No matching state");
  });
});

describe("signing out in production", () => {
  it("forgets the tokens and ends the session at the issuer", async () => {
    const { asked } = gateway(OIDC);
    const token = accessToken({ role: "front-door" });
    sessionStorage.setItem("ffd.session", JSON.stringify({ token, role: "front-door", purpose: "direct-care" }));
    oidc.getUser.mockResolvedValue({ access_token: token, id_token: "the-id-token" });
    oidc.signoutRedirect.mockResolvedValue(undefined);
    history.replaceState(null, "", "/");
    render(<App />);
    const banner = screen.getByRole("banner");
    // The configuration has arrived before signing out (it says where to end the session).
    await waitFor(() => expect(asked.config).toBe(1));
    await act(async () => {});
    await userEvent.setup().click(within(banner).getByRole("link", { name: "Sign out" }));
    await waitFor(() => expect(oidc.signoutRedirect).toHaveBeenCalledWith({ id_token_hint: "the-id-token" }));
    expect(oidc.removeUser).toHaveBeenCalled();
    expect(loadSession()).toBeNull();
    expect(await screen.findByRole("button", { name: "Sign in" })).toBeInTheDocument();
  });
});
