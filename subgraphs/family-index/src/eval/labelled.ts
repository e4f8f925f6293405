import type { SexCode } from "@ffd/shared";
import type { SourceName, SourceRecord } from "../linkage/types";

/** A record with the id of the true person it is. Its source may be any name, not only an agency. */
export interface LabelledRecord<S extends SourceName = SourceName> {
  record: SourceRecord<S>;
  clusterId: string;
}

/** The header every column of which a labelled file may hold once (the old exact header, still read). */
export const LABELLED_CSV_HEADER =
  "source,local_id,given_name,family_name,date_of_birth,sex,postcode,nhs_number,cluster_id";
/** Columns a labelled file must hold. */
export const REQUIRED_COLUMNS = ["source", "local_id", "cluster_id"] as const;
/** The standard demographic columns: each optional (an absent column is a value missing on every row). */
export const STANDARD_COLUMNS = [
  "given_name",
  "family_name",
  "date_of_birth",
  "sex",
  "postcode",
  "nhs_number",
] as const;
/**
 * The labelled file's columns, described for the usage text and errors: the required ones, the
 * standard ones, and the extras (address lines, town, other identifiers), in any order.
 */
export const LABELLED_CSV_COLUMNS =
  "required source,local_id,cluster_id; optional given_name,family_name,date_of_birth,sex,postcode,nhs_number, " +
  "address (or address_1..address_n, joined), town, id_<name> (other identifiers, compared exactly)";

export class LabelledFileError extends Error {}

/** Splits CSV text (RFC 4180: quoted fields, "" for a quote, CRLF or LF) into rows with their line numbers. */
function csvRows(text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      any = true;
    } else if (c === ",") {
      fields.push(field);
      field = "";
      any = true;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      if (any || field !== "") {
        fields.push(field);
        rows.push({ line: rowLine, fields });
      }
      fields = [];
      field = "";
      any = false;
      line++;
      rowLine = line;
    } else {
      field += c;
      any = true;
    }
  }
  if (quoted) throw new LabelledFileError(`line ${rowLine}: unterminated quoted field`);
  if (any || field !== "") {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  return rows;
}

const SEXES: Readonly<Record<string, SexCode>> = {
  F: "FEMALE",
  FEMALE: "FEMALE",
  M: "MALE",
  MALE: "MALE",
  U: "UNKNOWN",
  UNKNOWN: "UNKNOWN",
};

/** What the header says each column is. */
interface Layout {
  /** Column index of each required and standard column present. */
  at: Map<string, number>;
  /** Address line columns in order (`address`, or `address_1`..`address_n` by number). */
  addressLines: number[];
  town: number | null;
  /** `id_<name>` columns: the name and the column index. */
  identifiers: { name: string; at: number }[];
}

/** Reads the header (any order, names case-insensitive); throws naming unknown, repeated and missing columns. */
function layoutOf(fields: readonly string[]): Layout {
  const header = fields.map((h) => h.trim().toLowerCase());
  const known = new Set<string>([...REQUIRED_COLUMNS, ...STANDARD_COLUMNS]);
  const layout: Layout = { at: new Map(), addressLines: [], town: null, identifiers: [] };
  const numberedLines: { n: number; at: number }[] = [];
  const unknown: string[] = [];
  const repeated = new Set<string>();
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (seen.has(h)) repeated.add(h);
    seen.add(h);
    const line = /^address_(\d+)$/.exec(h);
    if (known.has(h)) layout.at.set(h, i);
    else if (h === "address") layout.addressLines.push(i);
    else if (line) numberedLines.push({ n: Number(line[1]), at: i });
    else if (h === "town") layout.town = i;
    else if (/^id_[a-z0-9_]+$/.test(h)) layout.identifiers.push({ name: h.slice(3), at: i });
    else unknown.push(fields[i].trim() === "" ? `(empty, column ${i + 1})` : fields[i].trim());
  });
  if (unknown.length === header.length)
    throw new LabelledFileError(
      `line 1: expected a header line naming the columns (${LABELLED_CSV_COLUMNS}); found ${fields.join(",")}`,
    );
  if (unknown.length)
    throw new LabelledFileError(
      `line 1: unknown column${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} (columns: ${LABELLED_CSV_COLUMNS})`,
    );
  if (repeated.size)
    throw new LabelledFileError(
      `line 1: column${repeated.size > 1 ? "s" : ""} ${[...repeated].join(", ")} given more than once`,
    );
  const missing = REQUIRED_COLUMNS.filter((c) => !layout.at.has(c));
  if (missing.length)
    throw new LabelledFileError(
      `line 1: the header must name the columns ${REQUIRED_COLUMNS.join(", ")} (missing ${missing.join(", ")}; columns: ${LABELLED_CSV_COLUMNS})`,
    );
  if (layout.addressLines.length && numberedLines.length)
    throw new LabelledFileError("line 1: give the address as one address column or as address_1..address_n, not both");
  layout.addressLines.push(...numberedLines.sort((x, y) => x.n - y.n).map((l) => l.at));
  return layout;
}

/**
 * Reads a labelled file. The header names its columns in any order (LABELLED_CSV_COLUMNS):
 * source, local_id and cluster_id are required; the standard demographics optional; and a file
 * may add address lines (one `address` column, or `address_1`..`address_n` joined with ", "), a
 * `town` and other identifiers (`id_<name>`). An unknown column is an error, never ignored. Any
 * source name is accepted (not only the agencies) except one holding ":" or white space (record
 * keys are "<source>:<localId>"). Empty cells are allowed except source, local_id and cluster_id;
 * records sharing cluster_id are the same person. Throws LabelledFileError naming the line of
 * the first bad row.
 */
export function parseLabelledCsv(text: string): LabelledRecord[] {
  const rows = csvRows(text.replace(/^\uFEFF/, ""));
  if (rows.length === 0)
    throw new LabelledFileError(`the file is empty: expected a header line (columns: ${LABELLED_CSV_COLUMNS})`);
  const layout = layoutOf(rows[0].fields);
  const width = rows[0].fields.length;
  const seen = new Set<string>();
  const out: LabelledRecord[] = [];
  for (const { line, fields } of rows.slice(1)) {
    if (fields.length !== width)
      throw new LabelledFileError(`line ${line}: expected ${width} fields, found ${fields.length}`);
    const cell = (at: number | null | undefined) => (at === null || at === undefined ? "" : fields[at].trim());
    const v = (c: string) => cell(layout.at.get(c));
    const opt = (c: string) => (v(c) === "" ? null : v(c));
    const source = v("source");
    if (!source) throw new LabelledFileError(`line ${line}: source is empty`);
    if (/[:\s]/.test(source))
      throw new LabelledFileError(
        `line ${line}: source must not hold ":" or white space (records are keyed "<source>:<local_id>"; found "${source}")`,
      );
    if (!v("local_id")) throw new LabelledFileError(`line ${line}: local_id is empty`);
    if (!v("cluster_id")) throw new LabelledFileError(`line ${line}: cluster_id is empty`);
    const dob = opt("date_of_birth");
    if (dob !== null && !/^\d{4}-\d{2}-\d{2}$/.test(dob))
      throw new LabelledFileError(`line ${line}: date_of_birth must be YYYY-MM-DD (found "${dob}")`);
    const sexRaw = opt("sex");
    const sex = sexRaw === null ? null : SEXES[sexRaw.toUpperCase()];
    if (sex === undefined)
      throw new LabelledFileError(`line ${line}: sex must be F, M, U or empty (found "${sexRaw}")`);
    const key = `${source}:${v("local_id")}`;
    if (seen.has(key)) throw new LabelledFileError(`line ${line}: ${source} record ${v("local_id")} appears twice`);
    seen.add(key);
    const address = layout.addressLines.map(cell).filter(Boolean).join(", ");
    const identifiers: Record<string, string> = {};
    for (const { name, at } of layout.identifiers) if (cell(at)) identifiers[name] = cell(at);
    const record: SourceRecord<SourceName> = {
      agency: source,
      localId: v("local_id"),
      nhsNumber: opt("nhs_number"),
      givenName: opt("given_name"),
      familyName: opt("family_name"),
      dateOfBirth: dob,
      sex,
      postcode: opt("postcode"),
      relations: [],
    };
    if (address) record.address = address;
    if (cell(layout.town)) record.town = cell(layout.town);
    if (Object.keys(identifiers).length) record.identifiers = identifiers;
    out.push({ clusterId: v("cluster_id"), record });
  }
  return out;
}
