import { isValidNhsNumber } from "@ffd/shared";
import { addMonthsDay, dayOf, isoOf } from "./days";
import { generateBorough, generateBoroughDetailed } from "./generate";
import { STORY_FAMILIES, storyDateOfBirth } from "./stories";
import { reviewStatus, rowsOf, ukDay, type ReviewStatus } from "./testing";
import type { Borough, BoroughOptions } from "./types";
import type { ReviewType } from "./stories";

const R = "2025-06-01";
const OPTIONS: BoroughOptions = { seed: 1, referenceDate: R, families: 2000, noise: "default" };
const ZARA_DOB = isoOf(dayOf(R) - 45);

function records(b: Borough, personId: string) {
  return b.truth.filter((t) => t.personId === personId);
}

/** Statuses of a health visiting patient's (or expectant mother's) mandated reviews. */
function statuses(
  b: Borough,
  patId: number,
  birthOrEdd: string,
  motherPat: number | null,
): Record<ReviewType, ReviewStatus> {
  const contacts = rowsOf(b, "health-visiting", "hv_contact");
  const attended = (pat: number | null, type: ReviewType) =>
    contacts
      .filter((c) => c.pat_id === pat && c.contact_type_cd === type && c.outcome_cd === "ATT")
      .map((c) => ukDay(String(c.contact_dt)));
  const day = dayOf(birthOrEdd);
  const out = {} as Record<ReviewType, ReviewStatus>;
  for (const t of ["ANT", "NBV", "68W", "1YR", "2YR"] as const)
    out[t] = reviewStatus(t, day, attended(t === "ANT" ? motherPat : patId, t), dayOf(R)).status;
  return out;
}

describe("the Hussain family (fixed by the issue)", () => {
  const b = generateBorough(OPTIONS);

  it("Amira Hussain, born 1994-03-12, is in maternity, health visiting and registration with the same name, date of birth and postcode, and one valid NHS number", () => {
    const amira = records(b, "STORY-HUSSAIN-AMIRA");
    const by = (s: string) => amira.filter((r) => r.source === s);
    expect(by("maternity")).toEqual([
      {
        source: "maternity",
        localId: "MAT1000001",
        givenName: "Amira",
        familyName: "Hussain",
        dateOfBirth: "1994-03-12",
        sex: "F",
        postcode: "DY1 4QT",
        nhsNumber: "4857773457",
        personId: "STORY-HUSSAIN-AMIRA",
        familyId: "STORY-HUSSAIN",
      },
    ]);
    expect(isValidNhsNumber("4857773457")).toBe(true);
    expect(by("health-visiting")).toEqual([
      expect.objectContaining({
        localId: "10001",
        givenName: "Amira",
        familyName: "Hussain",
        dateOfBirth: "1994-03-12",
        postcode: "DY1 4QT",
        nhsNumber: "4857773457",
      }),
    ]);
    expect(by("registration")).toEqual([
      expect.objectContaining({
        localId: expect.stringMatching(/^Brindleford:\d+:mother$/),
        givenName: "Amira",
        familyName: "Hussain",
        dateOfBirth: "1994-03-12",
        postcode: "DY1 4QT",
        nhsNumber: null,
      }),
    ]);
  });

  it("the children's centre spells her 'Amirah Husain' and holds no NHS numbers for the family", () => {
    const cc = rowsOf(b, "childrens-centres", "cc_member").filter((m) => m.hh_ref === "HH100001");
    expect(
      cc.map((m) => [
        m.member_ref,
        m.first_name,
        m.last_name,
        m.date_of_birth,
        m.gender,
        m.member_role,
        m.relationship,
        m.nhs_num,
      ]),
    ).toEqual([
      ["M1000001", "Amirah", "Husain", "1994-03-12 00:00:00", "Female", "CARER", "Self", null],
      ["M1000002", "Bilal", "Ahmed", "1991-08-03 00:00:00", "Male", "CARER", "Partner", null],
      ["M1000003", "Zara", "Hussain", `${ZARA_DOB} 00:00:00`, "Female", "CHILD", "Daughter", null],
    ]);
    const hh = rowsOf(b, "childrens-centres", "cc_household").find((h) => h.hh_ref === "HH100001")!;
    expect(hh).toMatchObject({ centre_code: "CC01", postcode: "DY1 4QT" });
  });

  it("Zara Hussain, born 45 days ago, is known to all four agencies; her centre record matches her name, date of birth and postcode exactly", () => {
    const zara = records(b, "STORY-HUSSAIN-ZARA");
    expect(zara.map((r) => r.source).sort()).toEqual([
      "childrens-centres",
      "health-visiting",
      "maternity",
      "registration",
    ]);
    for (const r of zara) {
      expect(r.dateOfBirth).toBe(ZARA_DOB);
      expect(r.postcode).toBe("DY1 4QT");
      expect(r.familyName).toBe("Hussain");
      expect(r.sex).toBe("F");
    }
    const name = (s: string) => zara.find((r) => r.source === s)!.givenName;
    expect([name("childrens-centres"), name("health-visiting"), name("registration"), name("maternity")]).toEqual([
      "Zara",
      "Zara",
      "Zara",
      null,
    ]);
    const nhs = (s: string) => zara.find((r) => r.source === s)!.nhsNumber;
    expect([nhs("maternity"), nhs("health-visiting"), nhs("registration"), nhs("childrens-centres")]).toEqual([
      "4857773465",
      "4857773465",
      "4857773465",
      null,
    ]);
    expect(storyDateOfBirth("STORY-HUSSAIN-ZARA", R)).toBe(ZARA_DOB);
  });

  it("maternity holds Zara as 'Baby Hussain' with her NHS number, born to Amira", () => {
    const baby = rowsOf(b, "maternity", "msd401_baby_demog").find((x) => x.baby_local_id === "BAB1000001")!;
    expect(baby).toMatchObject({
      local_patient_id_mother: "MAT1000001",
      nhs_number_baby: "4857773465",
      baby_forename: null,
      baby_surname: "Hussain",
      person_birth_date_baby: ZARA_DOB,
      person_phenotypic_sex: "2",
    });
    const preg = rowsOf(b, "maternity", "msd101_preg_booking").find((p) => p.preg_id === baby.preg_id)!;
    expect(preg).toMatchObject({ local_patient_id: "MAT1000001", preg_outcome_cd: "01" });
  });

  it("her birth was registered at a children's centre, within 42 days, naming Amira as mother", () => {
    const reg = rowsOf(b, "registration", "ron_birth_reg").filter((r) => r.child_nhs_no === "4857773465");
    expect(reg).toHaveLength(1);
    expect(reg[0]).toMatchObject({
      reg_district: "Brindleford",
      child_forenames: "Zara",
      child_surname: "Hussain",
      child_dob: ZARA_DOB,
      mother_forenames: "Amira",
      mother_surname: "Hussain",
      mother_dob: "1994-03-12",
      mother_usual_addr_postcode: "DY1 4QT",
      parent2_type: "F",
      parent2_forenames: "Bilal",
      parent2_surname: "Ahmed",
      reg_at_cc_ind: "Y",
      reg_venue: "Market Street Family Hub",
    });
    expect(dayOf(String(reg[0].date_of_reg)) - dayOf(ZARA_DOB)).toBe(20);
  });

  it("health visiting: antenatal contact and new birth visit (day 11) done, 6-8 week review DUE", () => {
    const hv = rowsOf(b, "health-visiting", "hv_patient");
    const zara = hv.find((p) => p.pat_id === 10003)!;
    expect(zara).toMatchObject({
      nhs_no: "485 777 3465",
      forename: "Zara",
      surname: "Hussain",
      pat_type: "C",
      post_cd: "DY1 4QT",
    });
    const rels = rowsOf(b, "health-visiting", "hv_family_rel").filter((r) => r.rel_pat_id === 10003);
    expect(rels.map((r) => [r.pat_id, r.rel_cd])).toEqual([
      [10001, "MTH"],
      [10002, "FTH"],
    ]);
    const nbv = rowsOf(b, "health-visiting", "hv_contact").filter(
      (c) => c.pat_id === 10003 && c.contact_type_cd === "NBV",
    );
    expect(nbv.map((c) => [c.contact_dt, c.outcome_cd])).toEqual([[isoToUk(isoOf(dayOf(ZARA_DOB) + 11)), "ATT"]]);
    expect(statuses(b, 10003, ZARA_DOB, 10001)).toEqual({
      ANT: "COMPLETED",
      NBV: "COMPLETED",
      "68W": "DUE",
      "1YR": "NOT_YET_DUE",
      "2YR": "NOT_YET_DUE",
    });
  });
});

describe("the other story families", () => {
  const b = generateBorough(OPTIONS);

  it("Nowak: Leo's birth was registered late and his 1 year review is OVERDUE after a missed appointment; the centre calls his mother Kasia", () => {
    const leoDob = storyDateOfBirth("STORY-NOWAK-LEO", R);
    expect(leoDob).toBe(isoOf(addMonthsDay(dayOf(R), -13)));
    const reg = rowsOf(b, "registration", "ron_birth_reg").find((r) => r.child_nhs_no === "4857773511")!;
    expect(dayOf(String(reg.date_of_reg)) - dayOf(leoDob)).toBe(58);
    expect(reg.reg_at_cc_ind).toBe("N");
    expect(statuses(b, 10005, leoDob, 10004)).toEqual({
      ANT: "COMPLETED",
      NBV: "COMPLETED",
      "68W": "COMPLETED",
      "1YR": "OVERDUE",
      "2YR": "NOT_YET_DUE",
    });
    const dna = rowsOf(b, "health-visiting", "hv_contact").filter(
      (c) => c.pat_id === 10005 && c.contact_type_cd === "1YR",
    );
    expect(dna.map((c) => c.outcome_cd)).toEqual(["DNA"]);
    expect(records(b, "STORY-NOWAK-KATARZYNA").find((r) => r.source === "childrens-centres")).toMatchObject({
      givenName: "Kasia",
      familyName: "Nowak",
      nhsNumber: null,
    });
  });

  it("Campbell: Jayden (15, SEND) is known only to registration and the centre; Nia's 2-2.5 year review is DUE", () => {
    const jayden = records(b, "STORY-CAMPBELL-JAYDEN");
    expect(jayden.map((r) => r.source).sort()).toEqual(["childrens-centres", "registration"]);
    // The register holds his mother's name as it was when he was born: before her marriage.
    const entry = rowsOf(b, "registration", "ron_birth_reg").find((r) => r.child_nhs_no === "4857773554")!;
    expect(entry).toMatchObject({
      reg_district: "Ashcombe and Saltwell",
      mother_forenames: "Shanice",
      mother_surname: "Grant",
      mother_maiden_surname: "Grant",
      reg_at_cc_ind: "N",
    });
    const age = (dayOf(R) - dayOf(jayden[0].dateOfBirth!)) / 365.25;
    expect(Math.floor(age)).toBe(15);
    const nia = records(b, "STORY-CAMPBELL-NIA");
    expect(nia.map((r) => r.source).sort()).toEqual([
      "childrens-centres",
      "health-visiting",
      "maternity",
      "registration",
    ]);
    const niaPat = Number(nia.find((r) => r.source === "health-visiting")!.localId);
    const shanicePat = Number(
      records(b, "STORY-CAMPBELL-SHANICE").find((r) => r.source === "health-visiting")!.localId,
    );
    expect(statuses(b, niaPat, storyDateOfBirth("STORY-CAMPBELL-NIA", R), shanicePat)).toEqual({
      ANT: "COMPLETED",
      NBV: "COMPLETED",
      "68W": "COMPLETED",
      "1YR": "COMPLETED",
      "2YR": "DUE",
    });
    const sessions = rowsOf(b, "childrens-centres", "cc_session");
    const attended = rowsOf(b, "childrens-centres", "cc_attendance").filter(
      (a) =>
        a.member_ref === records(b, "STORY-CAMPBELL-SHANICE").find((r) => r.source === "childrens-centres")!.localId,
    );
    expect(new Set(attended.map((a) => sessions.find((s) => s.session_id === a.session_id)!.activity))).toEqual(
      new Set(["SEND Parent Support", "Stay and Play"]),
    );
  });

  it("Bennett: Chloe is 34 weeks pregnant (due in 30 days), booked with maternity, an antenatal client whose antenatal contact is DUE", () => {
    const edd = isoOf(dayOf(R) + 30);
    const chloe = records(b, "STORY-BENNETT-CHLOE");
    expect(chloe.map((r) => r.source).sort()).toEqual(["childrens-centres", "health-visiting", "maternity"]);
    const preg = rowsOf(b, "maternity", "msd101_preg_booking").filter(
      (p) => p.local_patient_id === chloe.find((r) => r.source === "maternity")!.localId,
    );
    expect(preg).toEqual([
      expect.objectContaining({
        edd_agreed: edd,
        preg_outcome_cd: null,
        complex_social_factors_ind: "Y",
        gest_age_booking: 70,
      }),
    ]);
    const pat = rowsOf(b, "health-visiting", "hv_patient").find((p) => p.nhs_no === "4857773570")!;
    expect(pat).toMatchObject({ pat_type: "A", edd: isoToUk(edd) });
    expect(statuses(b, Number(pat.pat_id), edd, Number(pat.pat_id)).ANT).toBe("DUE");
  });

  it("Patel: Arjun, 20 days old, is known to maternity, health visiting and registration, and his family to no children's centre", () => {
    const arjunDob = storyDateOfBirth("STORY-PATEL-ARJUN", R);
    expect(arjunDob).toBe(isoOf(dayOf(R) - 20));
    const arjun = records(b, "STORY-PATEL-ARJUN");
    expect(arjun.map((r) => r.source).sort()).toEqual(["health-visiting", "maternity", "registration"]);
    for (const r of arjun) expect([r.dateOfBirth, r.postcode, r.familyName]).toEqual([arjunDob, "DY1 1PN", "Patel"]);
    const priya = records(b, "STORY-PATEL-PRIYA");
    expect(priya.map((r) => r.source).sort()).toEqual(["health-visiting", "maternity", "registration"]);
    expect(priya.find((r) => r.source === "maternity")).toMatchObject({
      givenName: "Priya",
      dateOfBirth: "1996-01-20",
      nhsNumber: "4857773619",
    });
    // No centre holds the household or anyone of that name and date of birth.
    const members = rowsOf(b, "childrens-centres", "cc_member");
    expect(members.filter((m) => m.last_name === "Patel" && String(m.date_of_birth).startsWith(arjunDob))).toEqual([]);
    expect(members.filter((m) => m.first_name === "Priya" && String(m.date_of_birth).startsWith("1996-01-20"))).toEqual(
      [],
    );
    const reg = rowsOf(b, "registration", "ron_birth_reg").find((r) => r.child_nhs_no === "4857773627")!;
    expect(reg).toMatchObject({
      reg_district: "Brindleford",
      child_forenames: "Arjun",
      mother_forenames: "Priya",
      reg_at_cc_ind: "N",
      reg_venue: "Register Office",
    });
    expect(dayOf(String(reg.date_of_reg)) - dayOf(arjunDob)).toBe(15);
    const pat = Number(arjun.find((r) => r.source === "health-visiting")!.localId);
    const priyaPat = Number(priya.find((r) => r.source === "health-visiting")!.localId);
    expect(statuses(b, pat, arjunDob, priyaPat)).toEqual({
      ANT: "COMPLETED",
      NBV: "COMPLETED",
      "68W": "NOT_YET_DUE",
      "1YR": "NOT_YET_DUE",
      "2YR": "NOT_YET_DUE",
    });
    const caseload = rowsOf(b, "health-visiting", "hv_patient").find((p) => p.pat_id === pat)!.caseload_id;
    expect(rowsOf(b, "health-visiting", "hv_caseload").find((c) => c.caseload_id === caseload)).toMatchObject({
      team_name: "Brindleford Central Locality HV Team",
    });
  });

  it("are present, with the same local ids, whatever the seed and size; nobody else shares their names and dates of birth", () => {
    for (const options of [
      { ...OPTIONS, seed: 99, families: 0 },
      { ...OPTIONS, seed: -5, families: 3000, noise: "hard" as const },
    ]) {
      const g = generateBoroughDetailed(options);
      const ids = (personId: string) =>
        records(g.borough, personId)
          .map((r) => r.localId)
          .filter((id) => !id.includes(":"));
      expect(ids("STORY-HUSSAIN-AMIRA").sort()).toEqual(["10001", "M1000001", "MAT1000001"]);
      expect(ids("STORY-HUSSAIN-ZARA").sort()).toEqual(["10003", "BAB1000001", "M1000003"]);
      const amira = records(g.borough, "STORY-HUSSAIN-AMIRA").find((r) => r.source === "childrens-centres")!;
      expect([amira.givenName, amira.familyName, amira.nhsNumber]).toEqual(["Amirah", "Husain", null]);
      for (const spec of STORY_FAMILIES) {
        for (const p of spec.people) {
          const dob = storyDateOfBirth(p.personId, R);
          const others = [...g.identities.values()].filter(
            (i) => i.personId !== p.personId && i.given === p.given && i.surname === p.surname && i.dateOfBirth === dob,
          );
          expect(others).toEqual([]);
        }
      }
    }
  });
});

function isoToUk(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}
