import { AGENCIES, type Agency, type SexCode } from "@ffd/shared";
import type { SourceRecord } from "../linkage/types";

/** A record with the id of the true person it is. */
export interface LabelledRecord {
  record: SourceRecord;
  clusterId: string;
}

export const LABELLED_CSV_HEADER =
  "source,local_id,given_name,family_name,date_of_birth,sex,postcode,nhs_number,cluster_id";
const COLUMNS = LABELLED_CSV_HEADER.split(",");

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

/**
 * Reads a labelled file (header LABELLED_CSV_HEADER; empty cells allowed except source,
 * local_id and cluster_id; records sharing cluster_id are the same person). Throws
 * LabelledFileError naming the line of the first bad row.
 */
export function parseLabelledCsv(text: string): LabelledRecord[] {
  const rows = csvRows(text.replace(/^\uFEFF/, ""));
  if (rows.length === 0) throw new LabelledFileError("the file is empty: expected the header " + LABELLED_CSV_HEADER);
  const header = rows[0].fields.map((h) => h.trim().toLowerCase());
  if (header.join(",") !== LABELLED_CSV_HEADER)
    throw new LabelledFileError(
      `line 1: the header must be exactly ${LABELLED_CSV_HEADER} (found ${rows[0].fields.join(",")})`,
    );
  const seen = new Set<string>();
  const out: LabelledRecord[] = [];
  for (const { line, fields } of rows.slice(1)) {
    if (fields.length !== COLUMNS.length)
      throw new LabelledFileError(`line ${line}: expected ${COLUMNS.length} fields, found ${fields.length}`);
    const v = Object.fromEntries(COLUMNS.map((c, i) => [c, fields[i].trim()])) as Record<string, string>;
    const opt = (c: string) => (v[c] === "" ? null : v[c]);
    if (!(AGENCIES as readonly string[]).includes(v.source))
      throw new LabelledFileError(`line ${line}: source must be one of ${AGENCIES.join(", ")} (found "${v.source}")`);
    if (!v.local_id) throw new LabelledFileError(`line ${line}: local_id is empty`);
    if (!v.cluster_id) throw new LabelledFileError(`line ${line}: cluster_id is empty`);
    const dob = opt("date_of_birth");
    if (dob !== null && !/^\d{4}-\d{2}-\d{2}$/.test(dob))
      throw new LabelledFileError(`line ${line}: date_of_birth must be YYYY-MM-DD (found "${dob}")`);
    const sexRaw = opt("sex");
    const sex = sexRaw === null ? null : SEXES[sexRaw.toUpperCase()];
    if (sex === undefined)
      throw new LabelledFileError(`line ${line}: sex must be F, M, U or empty (found "${sexRaw}")`);
    const key = `${v.source}:${v.local_id}`;
    if (seen.has(key)) throw new LabelledFileError(`line ${line}: ${v.source} record ${v.local_id} appears twice`);
    seen.add(key);
    out.push({
      clusterId: v.cluster_id,
      record: {
        agency: v.source as Agency,
        localId: v.local_id,
        nhsNumber: opt("nhs_number"),
        givenName: opt("given_name"),
        familyName: opt("family_name"),
        dateOfBirth: dob,
        sex,
        postcode: opt("postcode"),
        relations: [],
      },
    });
  }
  return out;
}
