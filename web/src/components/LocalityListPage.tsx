import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import type { GraphQLErrorShape } from "../api/client";
import { useQuery } from "../api/query";
import { graphql } from "../gql";
import type { TypedDocumentString } from "../gql/graphql";
import { PANELS } from "../panels/panels";
import { Link, navigate } from "../router";
import type { Session } from "../session";
import { ErrorSummary } from "./ErrorSummary";
import { usePageTitle } from "./title";

/** The localities to choose from (Query.localities), for every locality list page. */
export const Localities = graphql(`
  query Localities {
    localities {
      id
      name
    }
  }
`);

/** What a page's cells and caption may need besides their row. */
export interface ListContext<T> {
  /** The whole answer (a period, a total). */
  data: T;
  /** The locality's name, or "the borough" when none is chosen. */
  where: string;
  /** The agencies (as the gateway names them, "health-visiting") that did not answer. */
  down: ReadonlySet<string>;
}

/** One column of the table: its heading and each row's cell. */
export interface Column<Item, T> {
  header: string;
  cell: (item: Item, list: ListContext<T>) => ReactNode;
  /** The cell names its row (a row header): a figure's label rather than a person. */
  rowHeader?: boolean;
}

/**
 * How the locality is chosen (`label`, default "Locality"). By default one locality is needed and
 * the first is offered; `placeholder` offers an empty first option and, if it is left, asks for a
 * choice in its words; `borough` names an empty option meaning the whole borough (no locality in
 * the URL: `where` is "the borough").
 */
export interface LocalityChoice {
  label?: string;
  placeholder?: string;
  borough?: string;
}

/** What the router gives every locality list page. */
export interface ListPageProps {
  session: Session;
  search: string;
  onSignedOut: (message: string) => void;
}

export interface LocalityListPageProps<T, V, Item> extends ListPageProps {
  /** The page's heading and title. */
  title: string;
  /** What the list is for (and whether reading it is audited), under the heading. */
  intro: ReactNode;
  /** The page's path: the choices are kept in its URL, so the list survives a reload and can be shared. */
  path: string;
  query: TypedDocumentString<T, V>;
  /** The query's variables from the URL's choices (locality, and any filters); null: nothing to ask yet. */
  variables: (params: URLSearchParams) => V | null;
  /** A problem with the URL's choices (a date not understood), shown instead of asking. */
  check?: (params: URLSearchParams) => string | null;
  locality?: LocalityChoice;
  /** The form's other fields (named as their URL parameters), filled from the URL. */
  filters?: (params: URLSearchParams) => ReactNode;
  submitLabel?: string;
  loadingLabel?: string;
  /** The rows of the answer. */
  items: (data: T) => readonly Item[];
  /** Whether there is nothing to show (default: no rows). */
  isEmpty?: (items: readonly Item[], data: T) => boolean;
  rowKey: (item: Item) => string;
  columns: readonly Column<Item, T>[];
  /** The table's caption: what is counted, where. */
  caption: (items: readonly Item[], list: ListContext<T>) => ReactNode;
  /** What the page says when there is nothing to show. */
  empty: (where: string) => { heading: string; text: ReactNode };
  /** More of the answer after the table (another agency's figures), when there is a table. */
  after?: (list: ListContext<T>) => ReactNode;
}

/** The agencies that did not answer (AGENCY_UNAVAILABLE naming them), once each. */
export function agenciesDown(errors: readonly GraphQLErrorShape[]): Set<string> {
  return new Set(
    errors
      .filter((e) => e.extensions?.code === "AGENCY_UNAVAILABLE")
      .map((e) => e.extensions?.agency)
      .filter((a): a is string => typeof a === "string"),
  );
}

/** A person as a link to their page, by the name the policy lets the reader see. */
export function PersonLink({
  person,
}: {
  person: { id: string; givenName?: string | null; familyName?: string | null };
}) {
  const name = `${person.givenName ?? ""} ${person.familyName ?? ""}`.trim() || "Name not visible";
  return <Link href={`/people/${encodeURIComponent(person.id)}`}>{name}</Link>;
}

/**
 * The shell of a list for a locality: heading, the locality (and the page's filters) chosen in
 * a form kept in the URL, the list asked for, loading, the gateway's reasons when refused, a
 * warning naming any agency not answering (the rest of the list is kept), then the table or
 * what the page says when it is empty. A page gives its query, columns, title and empty state.
 */
export function LocalityListPage<T, V, Item>(props: LocalityListPageProps<T, V, Item>) {
  const { session, search, onSignedOut, title, path, locality: choice = {} } = props;
  usePageTitle(title);
  const params = new URLSearchParams(search);
  const locality = params.get("locality") ?? "";
  const problem = props.check?.(params) ?? null;
  const [localities] = useQuery(Localities, {}, session, onSignedOut, {
    fallback: "The localities could not be loaded.",
  });
  const [list] = useQuery(props.query, problem ? null : props.variables(params), session, onSignedOut, {
    partial: true,
    fallback: "The list could not be loaded.",
  });
  const [unchosen, setUnchosen] = useState<string | null>(null);
  useEffect(() => setUnchosen(null), [search]);

  const all = localities.status === "data" ? localities.data.localities : [];
  const where = locality ? (all.find((l) => l.id === locality)?.name ?? locality) : "the borough";
  const messages = [
    ...(localities.status === "error" ? localities.messages : []),
    ...(unchosen ? [unchosen] : []),
    ...(problem ? [problem] : []),
    ...(list.status === "error" ? list.messages : []),
  ];

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [name, value] of new FormData(e.currentTarget)) {
      const chosen = String(value).trim();
      if (chosen) next.set(name, chosen);
    }
    if (choice.placeholder && !next.get("locality")) {
      setUnchosen(choice.placeholder);
      return;
    }
    const query = next.toString();
    navigate(query ? `${path}?${query}` : path);
  };

  return (
    <>
      <h1 className="nhsuk-heading-l">{title}</h1>
      {props.intro}
      <ErrorSummary messages={messages} />
      {localities.status === "loading" ? <p aria-live="polite">Loading localities…</p> : null}
      {localities.status === "data" ? (
        <form key={search} onSubmit={submit} noValidate>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="list-locality">
              {choice.label ?? "Locality"}
            </label>
            <select
              className="nhsuk-select"
              id="list-locality"
              name="locality"
              defaultValue={locality || (choice.placeholder || choice.borough ? "" : all[0]?.id)}
            >
              {choice.placeholder || choice.borough ? (
                <option value="">{choice.placeholder ?? choice.borough}</option>
              ) : null}
              {all.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
          {props.filters?.(params)}
          <button className="nhsuk-button" type="submit" disabled={list.status === "loading"}>
            {props.submitLabel ?? "Show the list"}
          </button>
        </form>
      ) : null}
      <div aria-live="polite">
        {list.status === "loading" ? <p>{props.loadingLabel ?? "Loading the list…"}</p> : null}
        {list.status === "data" ? <Answer {...props} data={list.data} errors={list.errors} where={where} /> : null}
      </div>
    </>
  );
}

function Answer<T, V, Item>({
  data,
  errors,
  where,
  items: itemsOf,
  isEmpty = (items) => items.length === 0,
  rowKey,
  columns,
  caption,
  empty,
  after,
}: LocalityListPageProps<T, V, Item> & { data: T; errors: GraphQLErrorShape[]; where: string }) {
  const down = agenciesDown(errors);
  const list: ListContext<T> = { data, where, down };
  const items = itemsOf(data);
  const missing = PANELS.filter((p) => down.has(p.agency)).map((p) => p.title);
  const warning =
    missing.length > 0 ? (
      <div className="nhsuk-warning-callout">
        <h2 className="nhsuk-warning-callout__label">
          <span role="text">
            <span className="nhsuk-u-visually-hidden">Important: </span>Part of this list is missing
          </span>
        </h2>
        {missing.map((agency) => (
          <p key={agency}>{agency} is not answering: what it holds is missing from this list. Try again later.</p>
        ))}
      </div>
    ) : null;
  if (isEmpty(items, data)) {
    const { heading, text } = empty(where);
    return (
      <>
        {warning}
        <h2 className="nhsuk-heading-m">{heading}</h2>
        <p>{text}</p>
      </>
    );
  }
  return (
    <>
      {warning}
      <ListTable caption={caption(items, list)} columns={columns} items={items} rowKey={rowKey} list={list} />
      {after?.(list)}
    </>
  );
}

/** A table of a list's rows, one column per `columns`, under its caption. */
export function ListTable<Item, T>({
  caption,
  columns,
  items,
  rowKey,
  list,
}: {
  caption: ReactNode;
  columns: readonly Column<Item, T>[];
  items: readonly Item[];
  rowKey: (item: Item) => string;
  list: ListContext<T>;
}) {
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          {columns.map((c) => (
            <th scope="col" className="nhsuk-table__header" key={c.header}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {items.map((item) => (
          <tr className="nhsuk-table__row" key={rowKey(item)}>
            {columns.map((c) =>
              c.rowHeader ? (
                <th scope="row" className="nhsuk-table__header" key={c.header}>
                  {c.cell(item, list)}
                </th>
              ) : (
                <td className="nhsuk-table__cell" key={c.header}>
                  {c.cell(item, list)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
