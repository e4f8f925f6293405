import { addMonthsDay, dayOf, type Day } from "./days";
import { generateBoroughDetailed } from "./generate";
import { rowsOf, ukDay, type Row } from "./testing";

/**
 * The borough looks like the figures in DESIGN.md and the common brief: mandated review
 * completion, registration timing, maternity distributions, centre reach and deprivation.
 */
const R0 = "2025-06-01";
const R = dayOf(R0);
const g = generateBoroughDetailed({ seed: 3, referenceDate: R0, families: 2000, noise: "default" });
const b = g.borough;

function share<T>(list: readonly T[], f: (x: T) => boolean): number {
  expect(list.length).toBeGreaterThan(100);
  return list.filter(f).length / list.length;
}

describe("health visiting", () => {
  const patients = rowsOf(b, "health-visiting", "hv_patient");
  const contacts = rowsOf(b, "health-visiting", "hv_contact");
  const byPat = new Map<number, Row[]>();
  for (const c of contacts) {
    const list = byPat.get(Number(c.pat_id)) ?? [];
    list.push(c);
    byPat.set(Number(c.pat_id), list);
  }
  const attended = (pat: number, type: string): Day[] =>
    (byPat.get(pat) ?? [])
      .filter((c) => c.contact_type_cd === type && c.outcome_cd === "ATT")
      .map((c) => ukDay(String(c.contact_dt)));
  // Children notified at birth (not moved in from elsewhere), whose windows have closed.
  const born = patients.filter((p) => p.pat_type === "C" && ukDay(String(p.reg_dt)) - ukDay(String(p.dob)) <= 3);
  const dob = (p: Row) => ukDay(String(p.dob));
  const mothers = new Map(
    rowsOf(b, "health-visiting", "hv_family_rel")
      .filter((r) => r.rel_cd === "MTH")
      .map((r) => [Number(r.rel_pat_id), Number(r.pat_id)]),
  );

  it("about 85% of new birth visits by day 14, about 10% later", () => {
    const closed = born.filter((p) => dob(p) <= R - 56);
    expect(share(closed, (p) => attended(Number(p.pat_id), "NBV").some((d) => d - dob(p) <= 14))).toBeCloseTo(0.85, 1);
    expect(
      share(closed, (p) => attended(Number(p.pat_id), "NBV").some((d) => d - dob(p) > 14 && d - dob(p) <= 30)),
    ).toBeCloseTo(0.1, 1);
  });

  it("about 80% of 6-8 week reviews by 8 weeks, about 12% more by 12 weeks, with breastfeeding status", () => {
    const closed = born.filter((p) => dob(p) <= R - 84);
    expect(
      share(closed, (p) => attended(Number(p.pat_id), "68W").some((d) => d - dob(p) >= 42 && d - dob(p) <= 56)),
    ).toBeCloseTo(0.8, 1);
    expect(
      share(closed, (p) => attended(Number(p.pat_id), "68W").some((d) => d - dob(p) > 56 && d - dob(p) <= 84)),
    ).toBeCloseTo(0.12, 1);
    const reviews = contacts.filter((c) => c.contact_type_cd === "68W" && c.outcome_cd === "ATT");
    expect(reviews.every((c) => ["T", "P", "N"].includes(String(c.bf_status_cd)))).toBe(true);
    expect(share(reviews, (c) => c.bf_status_cd === "T")).toBeCloseTo(0.3, 1);
    expect(share(reviews, (c) => c.bf_status_cd === "P")).toBeCloseTo(0.18, 1);
  });

  it("about 75% of 1 year reviews by 12 months (from 9 months), about 85% by 15 months", () => {
    const closed = born.filter((p) => addMonthsDay(dob(p), 15) <= R);
    expect(
      share(closed, (p) =>
        attended(Number(p.pat_id), "1YR").some((d) => d >= addMonthsDay(dob(p), 9) && d <= addMonthsDay(dob(p), 12)),
      ),
    ).toBeCloseTo(0.75, 1);
    expect(
      share(closed, (p) => attended(Number(p.pat_id), "1YR").some((d) => d <= addMonthsDay(dob(p), 15))),
    ).toBeCloseTo(0.85, 1);
  });

  it("about 73% of 2-2.5 year reviews by 30 months, mostly with ASQ-3", () => {
    const closed = born.filter((p) => addMonthsDay(dob(p), 36) <= R);
    expect(
      share(closed, (p) =>
        attended(Number(p.pat_id), "2YR").some((d) => d >= addMonthsDay(dob(p), 24) && d <= addMonthsDay(dob(p), 30)),
      ),
    ).toBeCloseTo(0.73, 1);
    const reviews = contacts.filter((c) => c.contact_type_cd === "2YR" && c.outcome_cd === "ATT");
    expect(share(reviews, (c) => c.asq3_cd === "Y")).toBeGreaterThan(0.85);
  });

  it("an antenatal contact, on the mother's record between 28 weeks and the birth, for about 70% of births", () => {
    const withMother = born.filter((p) => mothers.has(Number(p.pat_id)));
    expect(
      share(withMother, (p) =>
        attended(mothers.get(Number(p.pat_id))!, "ANT").some((d) => d >= dob(p) - 84 && d <= dob(p)),
      ),
    ).toBeCloseTo(0.7, 1);
  });

  it("records no contact after the reference date and no review before its window opens", () => {
    // The true date of birth (a few records hold a wrong one).
    const trueDob = new Map(
      b.truth
        .filter((t) => t.source === "health-visiting")
        .map((t) => [Number(t.localId), dayOf(g.identities.get(t.personId)!.dateOfBirth)]),
    );
    const dobOf = trueDob;
    for (const c of contacts) {
      const d = ukDay(String(c.contact_dt));
      expect(d).toBeLessThanOrEqual(R);
      const birth = dobOf.get(Number(c.pat_id))!;
      if (c.contact_type_cd === "NBV") expect(d).toBeGreaterThanOrEqual(birth);
      if (c.contact_type_cd === "68W") expect(d - birth).toBeGreaterThanOrEqual(42);
      if (c.contact_type_cd === "1YR") expect(d).toBeGreaterThanOrEqual(addMonthsDay(birth, 9));
      if (c.contact_type_cd === "2YR") expect(d).toBeGreaterThanOrEqual(addMonthsDay(birth, 24));
    }
  });

  it("holds children under five, their parents and carers, and expectant mothers with a due date", () => {
    const kids = patients.filter((p) => p.pat_type === "C");
    const trueDob = (p: Row) =>
      dayOf(
        g.identities.get(
          b.truth.find((t) => t.source === "health-visiting" && t.localId === String(p.pat_id))!.personId,
        )!.dateOfBirth,
      );
    for (const p of kids.slice(0, 300)) expect(addMonthsDay(trueDob(p), 60)).toBeGreaterThan(R);
    const expectant = patients.filter((p) => p.pat_type === "A");
    expect(expectant.length).toBeGreaterThan(50);
    for (const p of expectant) expect(ukDay(String(p.edd))).toBeGreaterThan(R);
    expect(patients.filter((p) => p.pat_type !== "A").every((p) => p.edd === null)).toBe(true);
    expect(patients.every((p) => /^\d{2}\/\d{2}\/\d{4}$/.test(String(p.dob)))).toBe(true);
  });
});

describe("registration", () => {
  const reg = rowsOf(b, "registration", "ron_birth_reg");
  const delay = (r: Row) => dayOf(String(r.date_of_reg)) - dayOf(String(r.child_dob));

  it("about 96% of births registered within 42 days, the rest late", () => {
    const settled = reg.filter((r) => dayOf(String(r.child_dob)) <= R - 160);
    expect(share(settled, (r) => delay(r) <= 42)).toBeCloseTo(0.96, 1);
    expect(reg.some((r) => delay(r) > 42)).toBe(true);
    expect(reg.every((r) => delay(r) >= 0 && dayOf(String(r.date_of_reg)) <= R)).toBe(true);
  });

  it("about 20% of the last six years' births registered at a children's centre, named as the venue", () => {
    const recent = reg.filter((r) => dayOf(String(r.child_dob)) > R - 2192);
    expect(share(recent, (r) => r.reg_at_cc_ind === "Y")).toBeCloseTo(0.2, 1);
    const centres = new Set(rowsOf(b, "childrens-centres", "cc_centre").map((c) => c.centre_name));
    for (const r of reg)
      expect(r.reg_at_cc_ind === "Y" ? centres.has(String(r.reg_venue)) : r.reg_venue === "Register Office").toBe(true);
  });

  it("numbers entries in order of registration within two districts; fathers, second parents and none", () => {
    const districts = [...new Set(reg.map((r) => String(r.reg_district)))].sort();
    expect(districts).toEqual(["Ashcombe and Saltwell", "Brindleford"]);
    for (const d of districts) {
      const entries = reg.filter((r) => r.reg_district === d);
      entries.forEach((r, i) => expect(r.entry_no).toBe(i + 1));
      for (let i = 1; i < entries.length; i++)
        expect(String(entries[i].date_of_reg) >= String(entries[i - 1].date_of_reg)).toBe(true);
    }
    expect(share(reg, (r) => r.parent2_type === "F")).toBeGreaterThan(0.7);
    expect(reg.some((r) => r.parent2_type === "P")).toBe(true);
    expect(reg.some((r) => r.parent2_type === null)).toBe(true);
    expect(reg.every((r) => (r.parent2_type === null) === (r.parent2_surname === null))).toBe(true);
  });

  it("includes some older children (Family Hubs serve 0-19)", () => {
    expect(reg.filter((r) => R - dayOf(String(r.child_dob)) > 10 * 365).length).toBeGreaterThan(50);
    expect(reg.every((r) => R - dayOf(String(r.child_dob)) < 19.1 * 365.25)).toBe(true);
  });
});

describe("maternity", () => {
  const babies = rowsOf(b, "maternity", "msd401_baby_demog");
  const pregnancies = rowsOf(b, "maternity", "msd101_preg_booking");

  it("births of the last six years: mostly term, realistic weights, the national mix of deliveries and first feeds", () => {
    expect(babies.every((x) => R - dayOf(String(x.person_birth_date_baby)) <= 2192)).toBe(true);
    expect(
      share(babies, (x) => Number(x.gestation_length_birth) >= 259 && Number(x.gestation_length_birth) <= 294),
    ).toBeGreaterThan(0.86);
    const term = babies.filter((x) => Number(x.gestation_length_birth) >= 273 && x.birth_weight !== null);
    const mean = term.reduce((s, x) => s + Number(x.birth_weight), 0) / term.length;
    expect(mean).toBeGreaterThan(3300);
    expect(mean).toBeLessThan(3650);
    const preterm = babies.filter((x) => Number(x.gestation_length_birth) < 224 && x.birth_weight !== null);
    for (const x of preterm) expect(Number(x.birth_weight)).toBeLessThan(2600);
    expect(share(babies, (x) => "01".includes(String(x.delivery_method_cd)))).toBeCloseTo(0.6, 1);
    expect(share(babies, (x) => "234".includes(String(x.delivery_method_cd)))).toBeCloseTo(0.12, 1);
    expect(share(babies, (x) => x.delivery_method_cd === "7")).toBeCloseTo(0.12, 1);
    expect(share(babies, (x) => x.delivery_method_cd === "8")).toBeCloseTo(0.15, 1);
    expect(share(babies, (x) => x.baby_first_feed_cd === "01")).toBeCloseTo(0.7, 1);
    expect(share(babies, (x) => x.baby_forename === null)).toBeGreaterThan(0.8);
  });

  it("births notified within 36 hours", () => {
    for (const x of babies) {
      const born = Date.parse(`${x.person_birth_date_baby}T${x.person_birth_time_baby}Z`);
      const notified = Date.parse(String(x.birth_notif_dttm).replace(" ", "T") + "Z");
      expect(notified - born).toBeGreaterThan(0);
      expect(notified - born).toBeLessThanOrEqual(36 * 3600 * 1000);
    }
  });

  it("bookings mostly at 8-12 weeks, about 15% with complex social factors, ongoing pregnancies due in the future", () => {
    expect(
      share(pregnancies, (p) => Number(p.gest_age_booking) >= 56 && Number(p.gest_age_booking) <= 84),
    ).toBeGreaterThan(0.8);
    expect(share(pregnancies, (p) => p.complex_social_factors_ind === "Y")).toBeCloseTo(0.15, 1);
    expect(pregnancies.some((p) => p.complex_social_factors_ind === "X")).toBe(true);
    const ongoing = pregnancies.filter((p) => p.preg_outcome_cd === null);
    expect(ongoing.length).toBeGreaterThan(50);
    for (const p of ongoing) expect(dayOf(String(p.edd_agreed))).toBeGreaterThan(R);
    const withBaby = new Set(babies.map((x) => x.preg_id));
    for (const p of pregnancies) expect(withBaby.has(p.preg_id)).toBe(p.preg_outcome_cd === "01");
    expect(babies.some((x) => R - dayOf(String(x.person_birth_date_baby)) <= 28)).toBe(true);
  });
});

describe("children's centres and the population", () => {
  it("14 centres in 4 localities, about a third in the most deprived areas", () => {
    const centres = rowsOf(b, "childrens-centres", "cc_centre");
    expect(centres).toHaveLength(14);
    expect(new Set(centres.map((c) => c.locality_name)).size).toBe(4);
    expect(centres.filter((c) => c.in_most_deprived_30pct).length).toBe(5);
  });

  it("registers about 60-65% of families with under-fives, more of them in deprived areas", () => {
    const under5 = g.families.filter((f) => f.children.some((c) => addMonthsDay(c.dob, 60) > R));
    const reach = share(under5, (f) => f.ccRegisteredOn !== null);
    expect(reach).toBeGreaterThan(0.57);
    expect(reach).toBeLessThan(0.69);
    const deprived = share(
      under5.filter((f) => f.centre.deprived),
      (f) => f.ccRegisteredOn !== null,
    );
    const other = share(
      under5.filter((f) => !f.centre.deprived),
      (f) => f.ccRegisteredOn !== null,
    );
    expect(deprived - other).toBeGreaterThan(0.15);
  });

  it("weekly sessions for the last 18 months, attended by some members often and many rarely", () => {
    const sessions = rowsOf(b, "childrens-centres", "cc_session");
    const days = sessions.map((s) => dayOf(String(s.session_date)));
    expect(Math.max(...days)).toBeLessThanOrEqual(R);
    expect(R - Math.min(...days)).toBeGreaterThan(500);
    const perMember = new Map<string, number>();
    for (const a of rowsOf(b, "childrens-centres", "cc_attendance"))
      perMember.set(String(a.member_ref), (perMember.get(String(a.member_ref)) ?? 0) + 1);
    const counts = [...perMember.values()];
    expect(counts.filter((n) => n >= 10).length).toBeGreaterThan(100);
    expect(counts.filter((n) => n <= 3).length).toBeGreaterThan(counts.filter((n) => n >= 10).length);
  });

  it("families: mostly babies and under-fives, some older children, a few grandparent carers and second female parents", () => {
    const children = g.families.flatMap((f) => f.children);
    const age = (d: Day) => (R - d) / 365.25;
    expect(share(children, (c) => age(c.dob) < 5)).toBeGreaterThan(0.6);
    expect(children.some((c) => age(c.dob) >= 15)).toBe(true);
    expect(g.families.filter((f) => f.kind === "grandparent-carers").length).toBeGreaterThan(20);
    expect(g.families.filter((f) => f.kind === "same-sex").length).toBeGreaterThan(10);
    expect(g.families.filter((f) => f.kind === "single-mother").length).toBeGreaterThan(200);
    const pc = /^DY[1-9] [0-9][ABD-HJLNP-UW-Z]{2}$/;
    expect(g.families.every((f) => pc.test(f.address.postcode))).toBe(true);
  });
});
