import { mayReadList, purposesFor } from "@ffd/shared/policy";
import {
  Link,
  LOCALITY_PROFILE_PATH,
  MANDATED_REVIEWS_PATH,
  NEW_BIRTHS_PATH,
  REVIEW_PERFORMANCE_PATH,
  SAFEGUARDING_PATH,
} from "../router";
import type { Session } from "../session";
import { roleLabel } from "./labels";
import { PurposeSelect } from "./PurposeSelect";

/**
 * The NHS header with the service name, who is signed in, the purpose of access (always
 * visible) and sign out; below it the navigation, with the locality work lists the role may read.
 */
export function Header({
  session,
  onPurposeChange,
  onSignOut,
}: {
  session: Session | null;
  onPurposeChange: (purpose: Session["purpose"]) => void;
  onSignOut: () => void;
}) {
  return (
    <header className="nhsuk-header" role="banner">
      <div className="nhsuk-header__container nhsuk-width-container ffd-header">
        <div className="nhsuk-header__service">
          <Link className="nhsuk-header__service-name ffd-service-name" href="/">
            Family Front Door
          </Link>
        </div>
        {session ? (
          <div className="ffd-header__session">
            <p className="ffd-header__who">Signed in as {roleLabel(session.role)}</p>
            <PurposeSelect session={session} onChange={onPurposeChange} />
            <a
              className="ffd-header__sign-out"
              href="/sign-in"
              onClick={(e) => {
                e.preventDefault();
                onSignOut();
              }}
            >
              Sign out
            </a>
          </div>
        ) : null}
      </div>
      {session ? (
        <nav className="ffd-nav" aria-label="Main">
          <ul className="nhsuk-width-container ffd-nav__list">
            <li>
              <Link href="/">Search</Link>
            </li>
            {session.role === "ig-auditor" ? (
              <li>
                <Link href="/audit">Audit</Link>
              </li>
            ) : null}
            {session.role === "data-steward" ? (
              <li>
                <Link href="/review">Link review</Link>
              </li>
            ) : null}
            {purposesFor(session.role).some((p) => mayReadList(session.role, p, "outreach")) ? (
              <li>
                <Link href={NEW_BIRTHS_PATH}>New births not known to a centre</Link>
              </li>
            ) : null}
            {purposesFor(session.role).some((p) => mayReadList(session.role, p, "mandatedReviewWorklist")) ? (
              <li>
                <Link href={MANDATED_REVIEWS_PATH}>Mandated reviews due</Link>
              </li>
            ) : null}
            {purposesFor(session.role).some((p) => mayReadList(session.role, p, "mandatedReviewPerformance")) ? (
              <li>
                <Link href={REVIEW_PERFORMANCE_PATH}>Review performance</Link>
              </li>
            ) : null}
            {purposesFor(session.role).some((p) => mayReadList(session.role, p, "localityProfile")) ? (
              <li>
                <Link href={LOCALITY_PROFILE_PATH}>Locality 0-5 profile</Link>
              </li>
            ) : null}
            {purposesFor(session.role).some((p) => mayReadList(session.role, p, "safeguardingMeetingList")) ? (
              <li>
                <Link href={SAFEGUARDING_PATH}>Weekly safeguarding list</Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
