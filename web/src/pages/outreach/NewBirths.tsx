import { dateLabel } from "../../components/labels";
import { LocalityListPage, PersonLink, type Column, type ListPageProps } from "../../components/LocalityListPage";
import { graphql } from "../../gql";
import type { NewBirthsNotKnownToCentresQuery } from "../../gql/graphql";
import { NEW_BIRTHS_PATH } from "../../router";
import { isoDate } from "../search-input";

/**
 * The outreach list: family-index finds the babies; the registration and the named health
 * visitor are the agencies' own fields on the child, each shown as the policy allows that agency.
 */
export const NewBirthsNotKnownToCentres = graphql(`
  query NewBirthsNotKnownToCentres($locality: ID!, $since: Date) {
    newBirthsNotKnownToCentres(locality: $locality, since: $since) {
      dateOfBirth
      child {
        id
        givenName
        familyName
        birthRegistration {
          asChild {
            district
            registeredOn
          }
        }
        healthVisiting {
          namedHealthVisitor
          team
        }
      }
      mother {
        id
        givenName
        familyName
      }
    }
  }
`);

type Answer = NewBirthsNotKnownToCentresQuery;
type Entry = Answer["newBirthsNotKnownToCentres"][number];

const COLUMNS: readonly Column<Entry, Answer>[] = [
  { header: "Baby", cell: (e) => <PersonLink person={e.child} /> },
  { header: "Date of birth", cell: (e) => dateLabel(e.dateOfBirth) },
  { header: "Mother", cell: (e) => (e.mother ? <PersonLink person={e.mother} /> : "Not recorded") },
  {
    header: "Birth registered",
    cell: (e, { down }) => {
      const registration = e.child.birthRegistration?.asChild;
      if (registration) return `Yes, ${registration.district}, on ${dateLabel(registration.registeredOn)}`;
      return down.has("registration") ? "Not available" : "Not yet registered";
    },
  },
  {
    header: "Named health visitor",
    cell: (e, { down }) => {
      const hv = e.child.healthVisiting;
      if (hv) return [hv.namedHealthVisitor, hv.team].filter(Boolean).join(", ") || "None named";
      return down.has("health-visiting") ? "Not available" : "Not known to health visiting";
    },
  },
];

/**
 * /work-lists/new-births?locality=…&since=…: the babies born in the window (default the last 8
 * weeks) whose family no children's centre knows, for one locality.
 */
export default function NewBirths(props: ListPageProps) {
  return (
    <LocalityListPage
      {...props}
      title="New births not known to a centre"
      intro={
        <p>
          Babies born recently whose family no children&apos;s centre knows yet, so that the locality team can reach
          them. Every person on the list is recorded in the audit trail as read by you.
        </p>
      }
      path={NEW_BIRTHS_PATH}
      query={NewBirthsNotKnownToCentres}
      locality={{ placeholder: "Choose a locality" }}
      check={(params) => {
        const since = params.get("since");
        return since && !isoDate(since)
          ? "Enter the earliest date of birth as day/month/year, for example 01/05/2025"
          : null;
      }}
      variables={(params) => {
        const locality = params.get("locality");
        const since = params.get("since");
        return locality ? { locality, since: since ? isoDate(since) : null } : null;
      }}
      filters={(params) => (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="outreach-since">
            Born on or after (optional)
          </label>
          <div className="nhsuk-hint" id="outreach-since-hint">
            For example, 01/05/2025. Leave empty for the last 8 weeks.
          </div>
          <input
            className="nhsuk-input nhsuk-input--width-10"
            id="outreach-since"
            name="since"
            type="text"
            aria-describedby="outreach-since-hint"
            defaultValue={params.get("since") ?? ""}
          />
        </div>
      )}
      items={(data) => data.newBirthsNotKnownToCentres}
      rowKey={(e) => e.child.id}
      columns={COLUMNS}
      caption={(entries, { where }) =>
        `${entries.length} ${entries.length === 1 ? "baby" : "babies"} in ${where} not known to a children's centre`
      }
      empty={(where) => ({
        heading: `No new births to reach in ${where}`,
        text: "Every family with a baby born in this window is known to a children's centre.",
      })}
    />
  );
}
