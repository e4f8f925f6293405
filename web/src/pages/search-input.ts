import type { PersonSearchInput } from "../gql/graphql";

/** The search form's fields, as typed. */
export interface SearchFields {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  nhsNumber: string;
  postcode: string;
}

export const EMPTY_SEARCH: SearchFields = {
  givenName: "",
  familyName: "",
  dateOfBirth: "",
  nhsNumber: "",
  postcode: "",
};

/**
 * A date of birth as staff write it (16/05/2025, 16-5-2025 or 2025-05-16) as the graph's Date
 * (YYYY-MM-DD); null when it is not a date. Whether the day exists is the gateway's to say.
 */
export function isoDate(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) return `${iso[1]}-${iso[2].padStart(2, "0")}-${iso[3].padStart(2, "0")}`;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (dmy) return `${dmy[3]}-${dmy[2].padStart(2, "0")}-${dmy[1].padStart(2, "0")}`;
  return null;
}

/**
 * The query for searchPeople from the form, or the problems to show. Only what is given is
 * sent; the NHS number and postcode are checked by the gateway, which says what is wrong.
 */
export function searchInputOf(fields: SearchFields): { input: PersonSearchInput } | { problems: string[] } {
  const input: PersonSearchInput = {};
  const problems: string[] = [];
  if (fields.givenName.trim()) input.givenName = fields.givenName.trim();
  if (fields.familyName.trim()) input.familyName = fields.familyName.trim();
  if (fields.nhsNumber.trim()) input.nhsNumber = fields.nhsNumber.trim();
  if (fields.postcode.trim()) input.postcode = fields.postcode.trim();
  if (fields.dateOfBirth.trim()) {
    const date = isoDate(fields.dateOfBirth);
    if (date) input.dateOfBirth = date;
    else problems.push("Enter the date of birth as day/month/year, for example 16/05/2025");
  }
  if (problems.length === 0 && Object.keys(input).length === 0)
    problems.push("Enter at least one of: given name, family name, date of birth, NHS number or postcode");
  return problems.length > 0 ? { problems } : { input };
}

/** The form's fields in the URL's query string, so the results page can be reloaded and shared. */
export function searchParamsOf(fields: SearchFields): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v.trim()) params.set(k, v.trim());
  return params.toString();
}

export function fieldsOfParams(search: string): SearchFields {
  const params = new URLSearchParams(search);
  const get = (k: keyof SearchFields) => params.get(k) ?? "";
  return {
    givenName: get("givenName"),
    familyName: get("familyName"),
    dateOfBirth: get("dateOfBirth"),
    nhsNumber: get("nhsNumber"),
    postcode: get("postcode"),
  };
}
