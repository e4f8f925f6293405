import { useEffect, useState } from "react";
import { execute, RequestError, type GraphQLErrorShape } from "../../api/client";
import { graphql } from "../../gql";
import type { ReviewLocalitiesQuery, TypedDocumentString } from "../../gql/graphql";
import { PANELS } from "../../panels/panels";
import type { Session } from "../../session";

export const ReviewLocalities = graphql(`
  query ReviewLocalities {
    localities {
      id
      name
    }
  }
`);

export type Localities = ReviewLocalitiesQuery["localities"];

/** One query's state: not asked, waiting, refused (the gateway's messages), or answered (with any partial errors). */
export type Load<T> =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "error"; messages: string[] }
  | { status: "data"; data: T; errors: GraphQLErrorShape[] };

/**
 * Runs a query whenever its variables change (null: nothing to ask yet). An answer with data is
 * shown with its errors beside it (an agency down); without data, the errors are the answer,
 * shown in the gateway's own words. UNAUTHENTICATED signs out.
 */
export function useQuery<T, V>(
  document: TypedDocumentString<T, V>,
  variables: V | null,
  session: Session,
  onSignedOut: (message: string) => void,
  fallback: string,
): Load<T> {
  const [load, setLoad] = useState<Load<T>>({ status: "idle" });
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (variables === null) {
      setLoad({ status: "idle" });
      return;
    }
    let current = true;
    setLoad({ status: "loading" });
    execute(document, variables, session)
      .then(({ data, errors }) => {
        if (!current) return;
        if (!data) setLoad({ status: "error", messages: errors.length ? errors.map((e) => e.message) : [fallback] });
        else setLoad({ status: "data", data, errors });
      })
      .catch((err: unknown) => {
        if (!current) return;
        if (err instanceof RequestError && err.code === "UNAUTHENTICATED") onSignedOut(err.message);
        else setLoad({ status: "error", messages: [err instanceof Error ? err.message : fallback] });
      });
    return () => {
      current = false;
    };
  }, [key, session.token, session.purpose]);
  return load;
}

/** The agencies that did not answer, as the panels title them ("Maternity"), once each. */
export function agenciesNotAnswering(errors: readonly GraphQLErrorShape[]): string[] {
  const down = new Set(
    errors.filter((e) => e.extensions?.code === "AGENCY_UNAVAILABLE").map((e) => e.extensions?.agency),
  );
  return PANELS.filter((p) => down.has(p.agency)).map((p) => p.title);
}

/** The review as staff name it. */
export const REVIEW_LABELS: Readonly<Record<string, string>> = {
  ANTENATAL: "Antenatal contact",
  NEW_BIRTH_VISIT: "New birth visit",
  SIX_TO_EIGHT_WEEK: "6-8 week review",
  ONE_YEAR: "1 year review",
  TWO_TO_TWO_AND_A_HALF_YEAR: "2-2½ year review",
};

/** A share (0 to 1) as a whole percentage; "No children due" for null. */
export function percent(rate: number | null | undefined, none = "No children due"): string {
  return rate === null || rate === undefined ? none : `${Math.round(rate * 100)}%`;
}
