import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from "react";

/**
 * The URL is the page: a few routes, read from location.pathname, changed with pushState. Small
 * enough not to need a router library (the first load stays small); links are real <a href>s,
 * so opening one in a new tab, copying it, or reloading works (the gateway serves the app for
 * every page path).
 */
export type Route =
  | { page: "search" }
  | { page: "sign-in" }
  | { page: "auth-callback" }
  | { page: "person"; id: string }
  | { page: "audit"; screen: AuditScreen }
  | { page: "review"; pair: string | null }
  | { page: "new-births" }
  | { page: "mandated-reviews" }
  | { page: "review-performance" }
  | { page: "locality-profile" }
  | { page: "safeguarding" }
  | { page: "not-found" };

/** The IG auditor's screens, under /audit. */
export const AUDIT_SCREENS = {
  "": "home",
  trail: "trail",
  "access-report": "access-report",
  "break-glass": "break-glass",
} as const;
export type AuditScreen = (typeof AUDIT_SCREENS)[keyof typeof AUDIT_SCREENS];

/** The outreach list of new births not known to a centre (a locality work list). */
export const NEW_BIRTHS_PATH = "/work-lists/new-births";
/** The mandated review work list and performance (locality work lists). */
export const MANDATED_REVIEWS_PATH = "/work-lists/mandated-reviews";
export const REVIEW_PERFORMANCE_PATH = "/work-lists/review-performance";
/** A locality's 0-5 profile (counts, no one named). */
export const LOCALITY_PROFILE_PATH = "/work-lists/locality-profile";
/** The weekly multi-agency safeguarding list (a locality work list). */
export const SAFEGUARDING_PATH = "/work-lists/safeguarding";

export function routeOf(pathname: string): Route {
  if (pathname === "/" || pathname === "/search") return { page: "search" };
  if (pathname === "/sign-in") return { page: "sign-in" };
  if (pathname === "/auth/callback" || pathname === "/auth/callback/") return { page: "auth-callback" };
  const person = /^\/people\/([^/]+)\/?$/.exec(pathname);
  if (person) return { page: "person", id: decodeURIComponent(person[1]) };
  const audit = /^\/audit(?:\/([a-z-]+))?\/?$/.exec(pathname);
  const screen = audit ? AUDIT_SCREENS[(audit[1] ?? "") as keyof typeof AUDIT_SCREENS] : undefined;
  if (screen) return { page: "audit", screen };
  // The data steward's link review: the queue, and one candidate pair.
  if (/^\/review\/?$/.test(pathname)) return { page: "review", pair: null };
  const pair = /^\/review\/pairs\/([^/]+)\/?$/.exec(pathname);
  if (pair) return { page: "review", pair: decodeURIComponent(pair[1]) };
  // A locality's work lists.
  if (/^\/work-lists\/new-births\/?$/.test(pathname)) return { page: "new-births" };
  if (/^\/work-lists\/mandated-reviews\/?$/.test(pathname)) return { page: "mandated-reviews" };
  if (/^\/work-lists\/review-performance\/?$/.test(pathname)) return { page: "review-performance" };
  if (/^\/work-lists\/locality-profile\/?$/.test(pathname)) return { page: "locality-profile" };
  if (/^\/work-lists\/safeguarding\/?$/.test(pathname)) return { page: "safeguarding" };
  return { page: "not-found" };
}

const NAVIGATE = "ffd:navigate";

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  window.dispatchEvent(new Event(NAVIGATE));
}

/** The current path and query string, updated on pushState (navigate) and on back and forward. */
export function useLocation(): { pathname: string; search: string } {
  const [where, setWhere] = useState(() => ({ pathname: location.pathname, search: location.search }));
  useEffect(() => {
    const update = () => setWhere({ pathname: location.pathname, search: location.search });
    window.addEventListener("popstate", update);
    window.addEventListener(NAVIGATE, update);
    return () => {
      window.removeEventListener("popstate", update);
      window.removeEventListener(NAVIGATE, update);
    };
  }, []);
  return where;
}

/** A link within the app: a plain click navigates without reloading; anything else is the browser's. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={click} {...rest} />;
}
