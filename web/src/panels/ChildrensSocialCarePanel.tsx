import { graphql } from "../gql";
import type { ChildrensSocialCarePanelFragment, SafeguardingFlagType } from "../gql/graphql";
import { dateLabel, enumLabel } from "../components/labels";
import type { PanelBodyProps } from "./contract";
import { Detail, Row } from "./Detail";

export const ChildrensSocialCarePanelFields = graphql(`
  fragment ChildrensSocialCarePanel on Person {
    childrensSocialCare {
      flags {
        type
        startedOn
        endedOn
        active
        detail {
          categoryOfAbuse
          reason
          reviews
        }
      }
      socialWorker {
        name
        team
        phone
      }
    }
  }
`);

type SocialCareRecord = NonNullable<ChildrensSocialCarePanelFragment["childrensSocialCare"]>;
type Flag = SocialCareRecord["flags"][number];

/** The flags' names as CP-IS words them: one for each value of the schema's SafeguardingFlagType (codegen). */
export const FLAG_LABELS: Readonly<Record<SafeguardingFlagType, string>> = {
  CHILD_PROTECTION_PLAN: "Child protection plan",
  UNBORN_CHILD_PROTECTION_PLAN: "Unborn child protection plan",
  LOOKED_AFTER: "Looked after child",
  CHILD_IN_NEED: "Child in need",
};

function flagLabel(flag: Flag): string {
  return FLAG_LABELS[flag.type] ?? enumLabel(flag.type);
}

/** Who to call, shown with the flags so no one has to look for it. */
function SocialWorker({ worker }: { worker: SocialCareRecord["socialWorker"] }) {
  if (!worker) return <p>No social worker is allocated: contact the children's social care front door.</p>;
  return (
    <p>
      Social worker: <strong>{worker.name}</strong>, {worker.team},{" "}
      <a href={`tel:${worker.phone.replace(/\s+/g, "")}`}>{worker.phone}</a>
    </p>
  );
}

/**
 * Children's social care as CP-IS shows it: active flags first and prominent (a warning callout
 * each, with the social worker's contact), flags ended in the last 12 months after them; the
 * plan's detail (category of abuse, reason, reviews) only where the policy gives it.
 */
export function ChildrensSocialCareBody({ record, withheld }: PanelBodyProps<SocialCareRecord>) {
  const active = record.flags.filter((f) => f.active);
  const ended = record.flags.filter((f) => !f.active);
  return (
    <>
      {active.map((flag) => (
        <div className="nhsuk-warning-callout ffd-safeguarding-flag" key={`${flag.type}-${flag.startedOn}`}>
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {flagLabel(flag)}
            </span>
          </h3>
          <p>Since {dateLabel(flag.startedOn)}.</p>
          <SocialWorker worker={record.socialWorker} />
          <FlagDetail flag={flag} withheld={withheld} />
        </div>
      ))}
      {active.length === 0 ? <p>No active safeguarding flag.</p> : null}
      {ended.length > 0 ? (
        <>
          <h3 className="nhsuk-heading-s">Ended in the last 12 months</h3>
          <ul>
            {ended.map((flag) => (
              <li key={`${flag.type}-${flag.startedOn}`}>
                {flagLabel(flag)}, {dateLabel(flag.startedOn)} to {dateLabel(flag.endedOn)}
              </li>
            ))}
          </ul>
          {active.length === 0 ? <SocialWorker worker={record.socialWorker} /> : null}
        </>
      ) : null}
    </>
  );
}

function FlagDetail({ flag, withheld }: { flag: Flag; withheld: string | null }) {
  const detail = flag.detail;
  const isPlan = flag.type === "CHILD_PROTECTION_PLAN" || flag.type === "UNBORN_CHILD_PROTECTION_PLAN";
  return (
    <dl className="nhsuk-summary-list">
      {isPlan ? (
        <Row label="Category of abuse">
          <Detail value={detail?.categoryOfAbuse} withheld={withheld}>
            {detail?.categoryOfAbuse ? enumLabel(detail.categoryOfAbuse) : null}
          </Detail>
        </Row>
      ) : (
        <Row label="Reason">
          <Detail value={detail?.reason} withheld={withheld} />
        </Row>
      )}
      {isPlan ? (
        <Row label="Reviews">
          <Detail value={detail?.reviews} withheld={withheld}>
            {detail && detail.reviews.length > 0 ? detail.reviews.map(dateLabel).join(", ") : "None yet"}
          </Detail>
        </Row>
      ) : null}
    </dl>
  );
}
