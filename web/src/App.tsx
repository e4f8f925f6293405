import { lazy, Suspense, useState } from "react";
import { AuthCallback } from "./auth/AuthCallback";
import { endSignIn, useAuthConfig } from "./auth/config";
import { SignInPage } from "./auth/SignInPage";
import { Header } from "./components/Header";
import { Person } from "./pages/Person";
import { Search } from "./pages/Search";
import { Link, navigate, routeOf, useLocation } from "./router";
import { clearSession, loadSession, saveSession, type Session } from "./session";

/** The IG auditor's screens, loaded only when opened: the first load stays small. */
const AuditScreens = lazy(() => import("./pages/audit/AuditScreens"));
/** The data steward's link review, likewise its own chunk. */
const ReviewScreens = lazy(() => import("./pages/review/ReviewScreens"));
/** The outreach list of new births not known to a centre, likewise. */
const NewBirths = lazy(() => import("./pages/outreach/NewBirths"));
/** The mandated review work list and performance, likewise. */
const MandatedReviews = lazy(() => import("./pages/reviews/MandatedReviews"));
const SafeguardingMeeting = lazy(() => import("./pages/safeguarding/SafeguardingMeeting"));
const ReviewPerformance = lazy(() => import("./pages/reviews/ReviewPerformance"));
const LocalityProfile = lazy(() => import("./pages/profile/LocalityProfile"));

/** Where to go after signing in: the page asked for (a deep link), else search. */
const RETURN_KEY = "ffd.returnTo";

export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);
  const { pathname, search } = useLocation();
  const route = routeOf(pathname);
  // How to sign in: the development page, or OpenID Connect in production (GET /auth/config).
  const auth = useAuthConfig();

  const signOut = (message: string | null, atIssuer = false) => {
    void endSignIn(auth, atIssuer).catch(() => undefined);
    clearSession();
    setSession(null);
    setNotice(message);
    navigate("/sign-in");
  };
  const signedIn = (s: Session) => {
    saveSession(s);
    setSession(s);
    setNotice(null);
    const back = sessionStorage.getItem(RETURN_KEY);
    sessionStorage.removeItem(RETURN_KEY);
    // A deep link asked for goes first; otherwise the role's own start page (an auditor's is /audit).
    const home = s.role === "ig-auditor" ? "/audit" : "/";
    navigate(back && back !== "/sign-in" && back !== "/" ? back : home, true);
  };
  const changePurpose = (purpose: Session["purpose"]) => {
    if (!session) return;
    const next = { ...session, purpose };
    saveSession(next);
    setSession(next);
  };

  let main;
  if (!session && route.page === "auth-callback") {
    main = <AuthCallback auth={auth} onSignedIn={signedIn} />;
  } else if (!session || route.page === "sign-in") {
    if (!session && route.page !== "sign-in") sessionStorage.setItem(RETURN_KEY, pathname + search);
    main = (
      <>
        {notice ? (
          <div className="nhsuk-inset-text">
            <p>{notice}</p>
          </div>
        ) : null}
        <SignInPage auth={auth} onSignedIn={signedIn} />
      </>
    );
  } else if (route.page === "person") {
    main = <Person session={session} id={route.id} onSignedOut={signOut} />;
  } else if (route.page === "audit") {
    main = (
      <Suspense fallback={<p aria-live="polite">Loading…</p>}>
        <AuditScreens session={session} screen={route.screen} search={search} onSignedOut={signOut} />
      </Suspense>
    );
  } else if (route.page === "review") {
    main = (
      <Suspense fallback={<p aria-live="polite">Loading…</p>}>
        <ReviewScreens session={session} pair={route.pair} search={search} onSignedOut={signOut} />
      </Suspense>
    );
  } else if (route.page === "new-births") {
    main = (
      <Suspense fallback={<p aria-live="polite">Loading…</p>}>
        <NewBirths session={session} search={search} onSignedOut={signOut} />
      </Suspense>
    );
  } else if (
    route.page === "mandated-reviews" ||
    route.page === "review-performance" ||
    route.page === "locality-profile"
  ) {
    const Page = {
      "mandated-reviews": MandatedReviews,
      "review-performance": ReviewPerformance,
      "locality-profile": LocalityProfile,
    }[route.page];
    main = (
      <Suspense fallback={<p aria-live="polite">Loading…</p>}>
        <Page session={session} search={search} onSignedOut={signOut} />
      </Suspense>
    );
  } else if (route.page === "safeguarding") {
    main = (
      <Suspense fallback={<p aria-live="polite">Loading…</p>}>
        <SafeguardingMeeting session={session} search={search} onSignedOut={signOut} />
      </Suspense>
    );
  } else if (route.page === "search") {
    main = <Search session={session} search={search} onSignedOut={signOut} />;
  } else {
    main = (
      <>
        <h1 className="nhsuk-heading-l">Page not found</h1>
        <p>
          Go to the <Link href="/">search page</Link>.
        </p>
      </>
    );
  }

  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <Header
        session={session}
        onPurposeChange={changePurpose}
        onSignOut={() => signOut("You have signed out.", true)}
      />
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent">
          {main}
        </main>
      </div>
      <footer className="nhsuk-footer" role="contentinfo">
        <div className="nhsuk-width-container">
          <p className="nhsuk-body-s">
            Family Front Door: synthetic data for development. Every record you read is audited.
          </p>
        </div>
      </footer>
    </>
  );
}
