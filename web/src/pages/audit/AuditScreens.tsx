import { usePageTitle } from "../../components/title";
import { Link, type AuditScreen } from "../../router";
import type { Session } from "../../session";
import { AccessReport } from "./AccessReport";
import { BreakGlassReview } from "./BreakGlassReview";
import { WhoHasSeen } from "./WhoHasSeen";

export interface AuditScreenProps {
  session: Session;
  search: string;
  onSignedOut: (message: string) => void;
}

/**
 * The information governance auditor's screens (role ig-auditor, purpose audit), loaded only
 * when one is opened: who has seen a record, what one user read in a period, and the break-glass
 * accesses waiting for review.
 */
export default function AuditScreens({ screen, ...props }: AuditScreenProps & { screen: AuditScreen }) {
  // Keyed by the query string: back and forward show the form as that address asked it.
  if (screen === "trail") return <WhoHasSeen key={props.search} {...props} />;
  if (screen === "access-report") return <AccessReport key={props.search} {...props} />;
  if (screen === "break-glass") return <BreakGlassReview {...props} />;
  return <AuditHome />;
}

function AuditHome() {
  usePageTitle("Audit");
  return (
    <>
      <h1 className="nhsuk-heading-l">Audit</h1>
      <p>
        Every read of a person&apos;s record is in the audit trail: who read it, in what role, why and what they saw.
      </p>
      <ul className="nhsuk-list">
        <li>
          <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">
            <Link href="/audit/break-glass">Break-glass review</Link>
          </h2>
          <p>Accesses where someone broke glass to see a full record, with their reason, waiting for your review.</p>
        </li>
        <li>
          <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">
            <Link href="/audit/trail">Who has seen this record</Link>
          </h2>
          <p>Every read of one person&apos;s record, newest first.</p>
        </li>
        <li>
          <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">
            <Link href="/audit/access-report">Access report</Link>
          </h2>
          <p>Whose records one user read in a period of up to 366 days.</p>
        </li>
      </ul>
    </>
  );
}
