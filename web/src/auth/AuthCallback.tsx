import { useEffect, useRef, useState } from "react";
import { ErrorSummary } from "../components/ErrorSummary";
import { usePageTitle } from "../components/title";
import { Link } from "../router";
import type { Session } from "../session";
import type { AuthConfigState, OidcConfig } from "./config";

/**
 * /auth/callback, where the issuer sends the browser back with a code: the code is exchanged
 * once (React's development double effect included) and the user is signed in, or told why not.
 */
export function AuthCallback({ auth, onSignedIn }: { auth: AuthConfigState; onSignedIn: (session: Session) => void }) {
  usePageTitle("Signing in");
  if (auth === null) return <p aria-live="polite">Signing in…</p>;
  if ("error" in auth) return <Failed message={auth.error} />;
  if (auth.config.mode !== "oidc")
    return <Failed message="This service does not sign in through an identity provider here. Use the sign-in page." />;
  return <Exchange config={auth.config} onSignedIn={onSignedIn} />;
}

function Exchange({ config, onSignedIn }: { config: OidcConfig; onSignedIn: (session: Session) => void }) {
  const [error, setError] = useState<string | null>(null);
  const exchange = useRef<Promise<Session> | null>(null);
  useEffect(() => {
    let live = true;
    exchange.current ??= import("./oidc").then((m) => m.finishOidcSignIn(config));
    exchange.current.then(
      (session) => live && onSignedIn(session),
      (err: unknown) =>
        live &&
        setError(err instanceof Error && err.name === "SignInFailed" ? err.message : "Signing in did not finish."),
    );
    return () => {
      live = false;
    };
  }, [config, onSignedIn]);
  if (error) return <Failed message={error} />;
  return (
    <>
      <h1 className="nhsuk-heading-l">Signing in</h1>
      <p aria-live="polite">Signing in…</p>
    </>
  );
}

function Failed({ message }: { message: string }) {
  return (
    <>
      <h1 className="nhsuk-heading-l">You are not signed in</h1>
      <ErrorSummary messages={[message]} />
      <p>
        <Link href="/sign-in">Sign in again</Link>
      </p>
    </>
  );
}
