import { dateLabel } from "../../components/labels";
import { ListTable, LocalityListPage, type Column, type ListPageProps } from "../../components/LocalityListPage";
import { graphql } from "../../gql";
import type { LocalityProfileQuery } from "../../gql/graphql";
import { LOCALITY_PROFILE_PATH } from "../../router";
import { percent, REVIEW_COLUMNS } from "../reviews/ReviewPerformance";

export const LocalityProfileFigures = graphql(`
  query LocalityProfile($locality: ID!) {
    localityProfile(locality: $locality) {
      asOf
      birthsFrom
      underFives
      births
      reach {
        registered
        rate
      }
      reachMostDeprived {
        children
        registered
        rate
      }
      birthsRegisteredWithCentre {
        registered
        rate
      }
      birthsRegisteredAtCentre {
        registered
        atCentre
        rate
      }
      reviewPerformance {
        ...ReviewFigures
      }
    }
  }
`);

type Answer = LocalityProfileQuery;
type Profile = Answer["localityProfile"];

/**
 * One row of the profile: some children, and how many of them a children's centre knows (null: not
 * known); or, for the births registered at a centre, one figure ("12 of 40 (30%)") in the Number
 * column, the other two not applying.
 */
type Row =
  | { label: string; children: number | null; reach: { registered: number; rate?: number | null } | null }
  | { label: string; figure: string };

const NOT_KNOWN = "Not known";

/** "12 of 40 (30%)": the births registered at a centre of those registered (null: not known). */
function atCentreOf(births: Profile["birthsRegisteredAtCentre"]): string {
  return births
    ? `${births.atCentre} of ${births.registered} (${percent(births.rate, "no births registered")})`
    : NOT_KNOWN;
}

/** The profile's rows: the under-5s, those in the most deprived areas, the births of the year and where they were registered. */
function rowsOf(p: Profile): Row[] {
  return [
    { label: "Children under 5", children: p.underFives, reach: p.reach ?? null },
    {
      label: "Children under 5 in the 30% most deprived areas",
      // The count comes with the centres' figures: without them it is not known either.
      children: p.reachMostDeprived?.children ?? null,
      reach: p.reachMostDeprived ?? null,
    },
    {
      label: `Born since ${dateLabel(p.birthsFrom)}`,
      children: p.births,
      reach: p.birthsRegisteredWithCentre ?? null,
    },
    {
      label: `Births registered since ${dateLabel(p.birthsFrom)} at a children's centre`,
      figure: atCentreOf(p.birthsRegisteredAtCentre),
    },
  ];
}

const COLUMNS: readonly Column<Row, Answer>[] = [
  { header: "Children", cell: (r) => r.label, rowHeader: true },
  { header: "Number", cell: (r) => ("figure" in r ? r.figure : (r.children ?? NOT_KNOWN)) },
  {
    header: "Registered with a children's centre",
    cell: (r) => ("figure" in r ? "" : (r.reach?.registered ?? NOT_KNOWN)),
  },
  {
    header: "Reach",
    cell: (r) => ("figure" in r ? "" : r.reach ? percent(r.reach.rate, "No children") : NOT_KNOWN),
  },
];

/**
 * /work-lists/locality-profile?locality=…: a locality's 0-5 profile: its under-5s, the births of
 * the last 12 months, the share registered with a children's centre (and in the most deprived
 * areas), the share of the births registered (by the registrar) at a children's centre, and the
 * mandated review rates beside the national figures. Counts only: no one is named.
 */
export default function LocalityProfile(props: ListPageProps) {
  return (
    <LocalityListPage
      {...props}
      title="Locality 0-5 profile"
      intro={
        <p>
          How many children under 5 live in a locality, how many were born in the last 12 months, how many of them are
          registered with a children&apos;s centre, how many births were registered at a children&apos;s centre (where
          new parents meet the locality&apos;s team), and how the mandated reviews were done. Counts only: no one is
          named.
        </p>
      }
      path={LOCALITY_PROFILE_PATH}
      query={LocalityProfileFigures}
      variables={(params) => {
        const locality = params.get("locality");
        return locality ? { locality } : null;
      }}
      submitLabel="Show the profile"
      loadingLabel="Loading the profile…"
      items={(data) => rowsOf(data.localityProfile)}
      rowKey={(r) => r.label}
      columns={COLUMNS}
      caption={(_, { data, where }) => `Children of ${where} on ${dateLabel(data.localityProfile.asOf)}`}
      empty={(where) => ({ heading: `No figures for ${where}`, text: "The profile could not be counted." })}
      after={(list) => {
        const reviews = list.data.localityProfile.reviewPerformance;
        return reviews ? (
          <ListTable
            caption={`Mandated reviews in ${list.where}, ${dateLabel(reviews.periodStart)} to ${dateLabel(
              reviews.periodEnd,
            )}`}
            columns={REVIEW_COLUMNS}
            items={reviews.reviews}
            rowKey={(r) => r.review}
            list={list}
          />
        ) : null;
      }}
    />
  );
}
