import { ErrorResponse, UserManager, WebStorageStateStore } from "oidc-client-ts";
import { isRole } from "@ffd/shared/access";
import { defaultPurpose, type Session } from "../session";
import type { OidcConfig } from "./config";

/** Where the issuer sends the browser back with the code: the app's page (the gateway serves it). */
export const CALLBACK_PATH = "/auth/callback";

const managers = new Map<string, UserManager>();

/**
 * The OpenID Connect client: authorization code with PKCE (S256, oidc-client-ts's default for
 * the code flow), a public client with no secret. Its state and tokens are kept in
 * sessionStorage (this tab only, gone when it closes). No silent renew or session monitor: both
 * need an iframe at the issuer, which the page's policy does not allow; when the access token
 * expires the gateway answers UNAUTHENTICATED and the app asks the user to sign in again.
 */
export function userManagerFor(config: OidcConfig, origin: string = location.origin): UserManager {
  const key = `${config.authority} ${config.clientId} ${config.scope} ${origin}`;
  let manager = managers.get(key);
  if (!manager) {
    const store = new WebStorageStateStore({ store: sessionStorage });
    manager = new UserManager({
      authority: config.authority,
      client_id: config.clientId,
      scope: config.scope,
      response_type: "code",
      redirect_uri: `${origin}${CALLBACK_PATH}`,
      post_logout_redirect_uri: `${origin}/sign-in`,
      userStore: store,
      stateStore: store,
      automaticSilentRenew: false,
      monitorSession: false,
      loadUserInfo: false,
    });
    managers.set(key, manager);
  }
  return manager;
}

/** Goes to the issuer's sign-in page; it sends the browser back to /auth/callback. */
export async function startOidcSignIn(config: OidcConfig): Promise<void> {
  await userManagerFor(config).signinRedirect();
}

/** Why a sign-in did not finish, in words for the person at the screen; never the issuer's internals. */
export class SignInFailed extends Error {
  override readonly name = "SignInFailed";
}

/** The claims of a JWT access token, unverified: the gateway verifies it; the app only reads the role to show. */
function claimsOf(token: string): Record<string, unknown> | null {
  const part = token.split(".")[1];
  if (!part) return null;
  try {
    const base64 = part
      .replace(/-/g, "+")
      .replace(/_/g, "/")
      .padEnd(Math.ceil(part.length / 4) * 4, "=");
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as unknown;
    return claims && typeof claims === "object" ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The app's session from the issuer's access token: its role claim, the role's first purpose. */
export function sessionFromAccessToken(token: string): Session {
  const role = claimsOf(token)?.role;
  if (!isRole(role))
    throw new SignInFailed(
      "Your account has no role in Family Front Door, so you cannot use it yet. Ask your administrator to give you one.",
    );
  return { token, role, purpose: defaultPurpose(role) };
}

/**
 * On /auth/callback: exchanges the code (with the PKCE verifier kept since the redirect) at the
 * issuer's token endpoint, and makes the session from the access token.
 */
export async function finishOidcSignIn(config: OidcConfig): Promise<Session> {
  const manager = userManagerFor(config);
  let accessToken: string;
  try {
    const user = await manager.signinRedirectCallback();
    accessToken = user.access_token;
  } catch (err) {
    if (err instanceof ErrorResponse && err.error === "access_denied")
      throw new SignInFailed("The sign-in service did not let you in. Ask your administrator if you need access.");
    if (err instanceof ErrorResponse)
      throw new SignInFailed("The sign-in service could not sign you in. Try signing in again.");
    // No matching state (an old or copied callback address), or the token request failed.
    throw new SignInFailed("Signing in did not finish. Try signing in again.");
  }
  try {
    return sessionFromAccessToken(accessToken);
  } catch (err) {
    await manager.removeUser();
    throw err;
  }
}

/**
 * Forgets the issuer's tokens in this tab and, when the user asked, ends the session at the
 * issuer (its end-session page, if it has one, then back to /sign-in).
 */
export async function endOidcSession(config: OidcConfig, atIssuer: boolean): Promise<void> {
  const manager = userManagerFor(config);
  const user = await manager.getUser();
  await manager.removeUser();
  if (!atIssuer || !user) return;
  try {
    await manager.signoutRedirect({ id_token_hint: user.id_token });
  } catch {
    // The issuer has no end-session endpoint or is not answering: signed out of the app only.
  }
}
