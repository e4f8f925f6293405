import type { Agency, IsoDate } from "@ffd/shared";

export type NoiseLevel = "default" | "hard";

export interface BoroughOptions {
  /** Same seed and reference date give byte-identical output. */
  seed: number;
  /** The "today" of the borough: ages, due dates and what has happened so far are relative to it. */
  referenceDate: IsoDate;
  /** Number of families (households); default 2,000. */
  families: number;
  /** How much identity noise the agencies' records carry; default "default". */
  noise: NoiseLevel;
}

/** One table's rows, in column order, ready to insert. */
export interface TableRows {
  table: string;
  columns: readonly string[];
  rows: (string | number | boolean | null)[][];
}

/** One agency system's database: its DDL and its rows in insertion order (parents first). */
export interface AgencyDatabase {
  agency: Agency;
  schema: string;
  tables: TableRows[];
  /** The identity change log's table and triggers, installed after the rows are loaded. */
  changeLog?: string;
}

/**
 * Ground truth for linkage evaluation: one row per agency local record that stands for a
 * person, with the demographics as that agency holds them and the id of the true person.
 * The agency databases never contain `personId`.
 */
export interface TruthRecord {
  source: Agency;
  localId: string;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: IsoDate | null;
  sex: "F" | "M" | null;
  postcode: string | null;
  nhsNumber: string | null;
  /** The true person this record is (ground truth, never in an agency database). */
  personId: string;
  /** The true family (household) the person belongs to. */
  familyId: string;
}

export interface Borough {
  options: BoroughOptions;
  databases: Record<Agency, AgencyDatabase>;
  truth: TruthRecord[];
}
