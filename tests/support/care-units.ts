import { generateBorough, type BoroughOptions, type TableRows } from "@ffd/borough";

/**
 * Who holds a person's records in the generated borough, read from the agency systems' own rows:
 * the claims a token needs for a legitimate relationship with them (their children's centre,
 * their health visiting caseload, their maternity provider).
 */
export interface CareHolders {
  centre: string;
  caseload: string;
  provider: string;
}

function rowsOf(tables: TableRows[], table: string): Record<string, unknown>[] {
  const t = tables.find((x) => x.table === table);
  if (!t) throw new Error(`no table ${table}`);
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));
}

/** The care holders of the person whose records these are (local ids as in `Person.records`). */
export function careHoldersOf(
  options: Pick<BoroughOptions, "seed" | "referenceDate" | "families">,
  records: { agency: string; localId: string }[],
): CareHolders {
  const { databases } = generateBorough({ ...options, noise: "default" });
  const local = (agency: string) => {
    const r = records.find((x) => x.agency === agency);
    if (!r) throw new Error(`the person has no ${agency} record`);
    return r.localId;
  };
  const member = rowsOf(databases["childrens-centres"].tables, "cc_member").find(
    (m) => m.member_ref === local("CHILDRENS_CENTRES"),
  );
  const household = rowsOf(databases["childrens-centres"].tables, "cc_household").find(
    (h) => h.hh_ref === member?.hh_ref,
  );
  const patient = rowsOf(databases["health-visiting"].tables, "hv_patient").find(
    (p) => String(p.pat_id) === local("HEALTH_VISITING"),
  );
  const maternityId = local("MATERNITY");
  const mother = maternityId.startsWith("BAB")
    ? rowsOf(databases.maternity.tables, "msd401_baby_demog").find((b) => b.baby_local_id === maternityId)
        ?.local_patient_id_mother
    : maternityId;
  const provider = rowsOf(databases.maternity.tables, "msd001_mother_demog").find(
    (m) => m.local_patient_id === mother,
  )?.org_code;
  if (!household || !patient || !provider) throw new Error("the person's care holders are not in the borough");
  return { centre: String(household.centre_code), caseload: String(patient.caseload_id), provider: String(provider) };
}

/** The allocated social worker (children's social care `alloc_wkr_id`) of a client, by name and date of birth. */
export function socialWorkerOf(
  options: Pick<BoroughOptions, "seed" | "referenceDate" | "families">,
  forename: string,
  surname: string,
  dateOfBirth: string,
): string {
  const { databases } = generateBorough({ ...options, noise: "default" });
  const client = rowsOf(databases["childrens-social-care"].tables, "csc_client").find(
    (c) => c.forename === forename && c.surname === surname && c.birth_dt === dateOfBirth.replace(/-/g, ""),
  );
  if (!client || client.alloc_wkr_id === null) throw new Error(`${forename} ${surname} has no social worker`);
  return String(client.alloc_wkr_id);
}
