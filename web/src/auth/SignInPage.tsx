import { useState } from "react";
import { ErrorSummary } from "../components/ErrorSummary";
import { usePageTitle } from "../components/title";
import { SignIn } from "../pages/SignIn";
import type { Session } from "../session";
import type { AuthConfigState, OidcConfig } from "./config";

/**
 * The sign-in page the gateway's mode asks for: the development page (role and claims, a
 * development token) outside production; in production only a button that goes to the
 * organisation's OpenID Connect sign-in, never the development form.
 */
export function SignInPage({ auth, onSignedIn }: { auth: AuthConfigState; onSignedIn: (session: Session) => void }) {
  if (auth === null) return <SignInLoading />;
  if ("error" in auth) return <SignInUnavailable message={auth.error} />;
  if (auth.config.mode === "development") return <SignIn onSignedIn={onSignedIn} />;
  return <OidcSignIn config={auth.config} />;
}

function SignInLoading() {
  usePageTitle("Sign in");
  return (
    <>
      <h1 className="nhsuk-heading-l">Sign in</h1>
      <p aria-live="polite">Loading…</p>
    </>
  );
}

function SignInUnavailable({ message }: { message: string }) {
  usePageTitle("Sign in");
  return (
    <>
      <h1 className="nhsuk-heading-l">Sign in</h1>
      <ErrorSummary messages={[message]} />
    </>
  );
}

function OidcSignIn({ config }: { config: OidcConfig }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  usePageTitle("Sign in");
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      // oidc-client-ts is loaded only here: development's first load does without it.
      const { startOidcSignIn } = await import("./oidc");
      await startOidcSignIn(config);
    } catch {
      setError("The sign-in service is not answering. Try again in a few minutes.");
      setBusy(false);
    }
  };
  return (
    <>
      <h1 className="nhsuk-heading-l">Sign in</h1>
      {error ? <ErrorSummary messages={[error]} /> : null}
      <p>Sign in with your organisation&apos;s account. You will go to its sign-in page and come back here.</p>
      <button className="nhsuk-button" type="button" disabled={busy} onClick={() => void start()}>
        Sign in
      </button>
    </>
  );
}
