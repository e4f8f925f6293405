import { useEffect, useState } from "react";

/** How to sign in, as the gateway says (GET /auth/config): the development page, or OpenID Connect. */
export type OidcConfig = { mode: "oidc"; authority: string; clientId: string; scope: string };
export type AuthConfig = { mode: "development" } | OidcConfig;

/** The answer to GET /auth/config, or why there is none. */
export type AuthConfigState = { config: AuthConfig } | { error: string } | null;

const NOT_ANSWERING = "The gateway is not answering, so this page cannot tell how to sign in. Try again in a minute.";

function isText(v: unknown): v is string {
  return typeof v === "string" && v.length > 0;
}

/** Asks the gateway how to sign in; anything but a well-formed answer is an error. */
export async function loadAuthConfig(fetchImpl: typeof fetch = fetch): Promise<AuthConfig> {
  let body: unknown;
  try {
    const res = await fetchImpl("/auth/config", { headers: { accept: "application/json" } });
    if (!res.ok) throw new Error(String(res.status));
    body = await res.json();
  } catch {
    throw new Error(NOT_ANSWERING);
  }
  const b = body as Partial<Record<string, unknown>> | null;
  if (b?.mode === "development") return { mode: "development" };
  if (b?.mode === "oidc" && isText(b.authority) && isText(b.clientId) && isText(b.scope))
    return { mode: "oidc", authority: b.authority, clientId: b.clientId, scope: b.scope };
  throw new Error(NOT_ANSWERING);
}

/** The gateway's sign-in settings, asked for once when the app starts. */
export function useAuthConfig(): AuthConfigState {
  const [state, setState] = useState<AuthConfigState>(null);
  useEffect(() => {
    let live = true;
    loadAuthConfig().then(
      (config) => live && setState({ config }),
      (err: Error) => live && setState({ error: err.message }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

/**
 * Signing out of the app: in production also forgets the issuer's tokens and, when the user asked
 * (`atIssuer`), ends the session at the issuer (its end-session page, then back to /sign-in).
 * oidc-client-ts is loaded only in production, so the development first load stays small.
 */
export async function endSignIn(state: AuthConfigState, atIssuer: boolean): Promise<void> {
  if (!state || !("config" in state) || state.config.mode !== "oidc") return;
  const { endOidcSession } = await import("./oidc");
  await endOidcSession(state.config, atIssuer);
}
