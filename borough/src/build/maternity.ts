import { MATERNITY_IDENTITY_CHANGE_LOG, MATERNITY_SCHEMA } from "../agencies/maternity.schema";
import { isoOf, timeOf, timestampOf, type Day } from "../days";
import { TRUST } from "../geography";
import { wrongDate } from "../noise";
import { MATERNITY_WINDOW_DAYS, personAddressOn, surnameOn, type Birth, type Family } from "../population";
import { HERITAGE_GROUPS } from "../names";
import { Rng } from "../random";
import type { AgencyDatabase, TruthRecord } from "../types";
import { Presenter, table, truthRecord, type BuildContext } from "./common";
import { STAFF_SURNAMES } from "./health-visiting";

// Globals bound once: global lookups are slow inside test sandboxes (vm contexts).
const M = Math;

interface Booking {
  booking: Day;
  gestation: number;
  edd: Day;
  csf: string;
  outcome: string | null;
  babies: Birth[];
}

/**
 * The trust's maternity system: mothers who booked with it, their pregnancy bookings and the
 * babies born in the last six years, in MSDS shapes.
 */
export function buildMaternity(ctx: BuildContext): { database: AgencyDatabase; truth: TruthRecord[] } {
  const R = ctx.reference;
  const windowStart = R - MATERNITY_WINDOW_DAYS;
  const org = table("msd000_org", ["org_code", "org_name"]);
  org.rows.push([TRUST.code, TRUST.name]);
  const mothers = table("msd001_mother_demog", [
    "local_patient_id",
    "org_code",
    "nhs_number",
    "nhs_number_status",
    "person_birth_date",
    "forename",
    "surname",
    "postcode_usual_address",
    "ethnic_category",
  ]);
  const pregnancies = table("msd101_preg_booking", [
    "preg_id",
    "local_patient_id",
    "antenatal_app_date",
    "gest_age_booking",
    "edd_agreed",
    "complex_social_factors_ind",
    "preg_outcome_cd",
    "lead_midwife",
    "cmw_team",
    "cmw_team_phone",
  ]);
  // Community midwives by locality, from a stream of their own (no other draw moves), and team
  // lines numbered by locality.
  const staffRng = Rng.stream(ctx.seed, 22);
  const midwives = ctx.geography.localities.map(() =>
    [0, 1, 2].map(() => {
      const g = staffRng.pick(HERITAGE_GROUPS.slice(0, 8));
      return `${staffRng.pick(g.adultFemale)} ${staffRng.pick(STAFF_SURNAMES)}`;
    }),
  );
  const babies = table("msd401_baby_demog", [
    "baby_local_id",
    "preg_id",
    "local_patient_id_mother",
    "nhs_number_baby",
    "baby_forename",
    "baby_surname",
    "person_birth_date_baby",
    "person_birth_time_baby",
    "person_phenotypic_sex",
    "gestation_length_birth",
    "birth_weight",
    "delivery_method_cd",
    "baby_first_feed_cd",
    "birth_notif_dttm",
  ]);
  const truth: TruthRecord[] = [];
  const pr = new Presenter("maternity", ctx);
  let motherNo = 1_000_000;
  let pregNo = 1_000_000;
  let babyNo = 1_000_000;

  for (const f of ctx.families) {
    const bookings = bookingsOf(f, windowStart, R);
    if (bookings.length === 0) continue;
    pr.family(21, f);
    const m = f.mother;
    const first = bookings[0].booking;
    const last = bookings[bookings.length - 1].booking;

    const motherId = `MAT${++motherNo}`;
    const missing = pr.happens("nhsMissing");
    const nhs = missing ? null : m.nhs;
    const status = missing ? pr.rng.pick(["03", "07"]) : pr.rng.chance(0.9) || pr.quiet ? "01" : "02";
    const dob = pr.happens("dobError") ? wrongDate(m.dob, pr.rng) : m.dob;
    const forename = pr.given(m.given, false);
    const surname = pr.familyForm(pr.surnameAsCaptured(m, first));
    const atBooking = personAddressOn(f, m, last) ?? f.address;
    const now = personAddressOn(f, m, R) ?? f.address;
    const moved = atBooking.postcode !== now.postcode;
    const stale = moved && pr.happens("postcodeStale");
    const postcode = stale ? atBooking.postcode : now.postcode;
    const ethnic = !pr.quiet && pr.rng.chance(0.04) ? "Z" : m.heritage.ethnicCategory;
    mothers.rows.push([motherId, TRUST.code, nhs, status, isoOf(dob), forename, surname, postcode, ethnic]);
    truth.push(
      truthRecord("maternity", motherId, m, { given: forename, family: surname, dob, sex: "F", postcode, nhs }),
    );

    for (const b of bookings) {
      const pregId = `PRG${++pregNo}`;
      const locality = atBooking.centre.locality;
      pregnancies.rows.push([
        pregId,
        motherId,
        isoOf(b.booking),
        b.gestation,
        isoOf(b.edd),
        b.csf,
        b.outcome,
        staffRng.pick(midwives[locality.index]),
        `${locality.name} Community Midwives`,
        `01384 ${816001 + locality.index}`,
      ]);
      for (const birth of b.babies) {
        const c = birth.child;
        const babyId = `BAB${++babyNo}`;
        pr.inherit("postcodeStale", moved, stale);
        const babyNhs = pr.happens("nhsMissingChild", pr.rates.nhsMissingChild) ? null : c.nhs;
        // Booked as 'Baby <mother's surname>'; named later for a few.
        const named = !pr.quiet && pr.rng.chance(0.15);
        const forenameBaby = named ? pr.given(c.given, true) : null;
        const motherSurname = surnameOn(m, birth.day);
        if (motherSurname !== c.surname && !pr.quiet) pr.happens("familyOtherParent");
        const babySurname = pr.familyForm(pr.quiet ? c.surname : motherSurname);
        const notif = birth.minutes + (pr.quiet ? 180 : pr.rng.int(20, 36 * 60 - 1));
        babies.rows.push([
          babyId,
          pregId,
          motherId,
          babyNhs,
          forenameBaby,
          babySurname,
          isoOf(birth.day),
          timeOf(birth.minutes),
          c.sex === "M" ? "1" : "2",
          birth.gestation,
          birth.weight,
          birth.delivery,
          birth.firstFeed,
          timestampOf(birth.day, notif, pr.quiet ? 0 : pr.rng.int(0, 59)),
        ]);
        truth.push(
          truthRecord("maternity", babyId, c, {
            given: forenameBaby,
            family: babySurname,
            dob: birth.day,
            sex: c.sex,
            postcode,
            nhs: babyNhs,
          }),
        );
      }
    }
  }
  return {
    database: {
      agency: "maternity",
      schema: MATERNITY_SCHEMA,
      changeLog: MATERNITY_IDENTITY_CHANGE_LOG,
      tables: [org, mothers, pregnancies, babies],
    },
    truth,
  };
}

/** The mother's bookings with the trust that fall in maternity's window, oldest first. */
function bookingsOf(f: Family, windowStart: Day, R: Day): Booking[] {
  const out: Booking[] = [];
  // A mother living elsewhere still booked with the trust; births elsewhere did not.
  const byPregnancy = new Map<number, Birth[]>();
  for (const b of f.births) {
    if (!b.inBorough || b.day < windowStart) continue;
    const list = byPregnancy.get(b.pregnancy) ?? [];
    list.push(b);
    byPregnancy.set(b.pregnancy, list);
  }
  for (const list of byPregnancy.values()) {
    const b = list[0];
    const edd = b.day + 280 - b.gestation;
    const gestation = M.max(28, M.min(b.bookingGestation, b.gestation - 14));
    out.push({
      booking: edd - 280 + gestation,
      gestation,
      edd,
      csf: b.complexSocialFactors,
      outcome: "01",
      babies: list,
    });
  }
  for (const l of f.losses)
    out.push({ booking: l.booking, gestation: l.bookingGestation, edd: l.edd, csf: "N", outcome: "03", babies: [] });
  const p = f.pregnancy;
  if (p) {
    const booking = p.edd - 280 + p.bookingGestation;
    if (booking <= R && (f.arrivedOn === null || booking >= f.arrivedOn)) {
      out.push({
        booking,
        gestation: p.bookingGestation,
        edd: p.edd,
        csf: p.complexSocialFactors,
        outcome: null,
        babies: [],
      });
    }
  }
  return out.sort((a, b) => a.booking - b.booking);
}
