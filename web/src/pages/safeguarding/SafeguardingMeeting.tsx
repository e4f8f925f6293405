import { agencyLabel, dateLabel } from "../../components/labels";
import { LocalityListPage, PersonLink, type Column, type ListPageProps } from "../../components/LocalityListPage";
import { graphql } from "../../gql";
import type { SafeguardingMeetingListQuery } from "../../gql/graphql";
import { SAFEGUARDING_PATH } from "../../router";
import { isoDate } from "../search-input";

/**
 * The weekly multi-agency safeguarding list: family-index composes it from each agency's events
 * of the week, and shows each reason only as the policy shows that agency's data to the reader.
 */
export const SafeguardingMeetingList = graphql(`
  query SafeguardingMeetingList($locality: ID!, $weekOf: Date) {
    safeguardingMeetingList(locality: $locality, weekOf: $weekOf) {
      family {
        id
        members {
          relationship
          person {
            id
            givenName
            familyName
          }
        }
      }
      reasons {
        person {
          id
          givenName
          familyName
        }
        agency
        kind
        what
        on
      }
    }
  }
`);

type Answer = SafeguardingMeetingListQuery;
type Entry = Answer["safeguardingMeetingList"][number];

const COLUMNS: readonly Column<Entry, Answer>[] = [
  {
    header: "Family",
    cell: (e) => (
      <ul className="nhsuk-list">
        {e.family.members.map((m) => (
          <li key={m.person.id}>
            <PersonLink person={m.person} />
          </li>
        ))}
      </ul>
    ),
  },
  {
    header: "New this week",
    cell: (e) => (
      <ul className="nhsuk-list">
        {e.reasons.map((r) => (
          <li key={`${r.person.id} ${r.kind} ${r.on} ${r.what}`}>
            <strong>{agencyLabel(r.agency)}</strong>: {r.what} (<PersonLink person={r.person} />, {dateLabel(r.on)})
          </li>
        ))}
      </ul>
    ),
  },
];

/**
 * /work-lists/safeguarding?locality=…&weekOf=…: the families of one locality with something new
 * in the week (Monday to Sunday) containing `weekOf` (default this week), for the weekly
 * multi-agency safeguarding meeting.
 */
export default function SafeguardingMeeting(props: ListPageProps) {
  return (
    <LocalityListPage
      {...props}
      title="Weekly safeguarding list"
      intro={
        <p>
          Families with something new this week from any agency, for the locality&apos;s multi-agency safeguarding
          meeting. You see only what your role and purpose may see of each agency; a family with nothing you may see is
          not listed. Every person named is recorded in the audit trail as read by you.
        </p>
      }
      path={SAFEGUARDING_PATH}
      query={SafeguardingMeetingList}
      locality={{ placeholder: "Choose a locality" }}
      check={(params) => {
        const weekOf = params.get("weekOf");
        return weekOf && !isoDate(weekOf) ? "Enter a day of the week as day/month/year, for example 16/06/2025" : null;
      }}
      variables={(params) => {
        const locality = params.get("locality");
        const weekOf = params.get("weekOf");
        return locality ? { locality, weekOf: weekOf ? isoDate(weekOf) : null } : null;
      }}
      filters={(params) => (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="safeguarding-week">
            A day of the week (optional)
          </label>
          <div className="nhsuk-hint" id="safeguarding-week-hint">
            For example, 16/06/2025: the week from its Monday to its Sunday. Leave empty for this week.
          </div>
          <input
            className="nhsuk-input nhsuk-input--width-10"
            id="safeguarding-week"
            name="weekOf"
            type="text"
            aria-describedby="safeguarding-week-hint"
            defaultValue={params.get("weekOf") ?? ""}
          />
        </div>
      )}
      items={(data) => data.safeguardingMeetingList}
      rowKey={(e) => e.family.id}
      columns={COLUMNS}
      caption={(entries, { where }) =>
        `${entries.length} ${entries.length === 1 ? "family" : "families"} in ${where} with something new this week`
      }
      empty={(where) => ({
        heading: `Nothing new in ${where} this week`,
        text: "No agency has recorded anything new that you may see about a family of this locality in the week.",
      })}
    />
  );
}
