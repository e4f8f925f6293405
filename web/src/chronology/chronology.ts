import type { GraphQLErrorShape } from "../api/client";
import { enumLabel } from "../components/labels";
import type { AgencyName, AnyAgencyPanel } from "../panels/contract";
import type { PersonPanelsData } from "../panels/fields";
import { FLAG_LABELS } from "../panels/ChildrensSocialCarePanel";
import { REVIEW_LABELS, STATUS_TAGS } from "../panels/HealthVisitingPanel";
import { NOT_VISIBLE } from "../panels/Detail";
import { panelState } from "../panels/state";

/**
 * THE CHRONOLOGY: one timeline of the dated events every agency's panel already holds, newest
 * first. Built only from what the person page loaded (no request of its own), so it shows
 * exactly what the caller may see: a field withheld by the policy is null and gives no event, an
 * agency not answering or not visible gives none, and each such gap is listed with the reason
 * its panel shows. Nothing is inferred: a review not yet completed is shown at its due-by date
 * with its status as the agency gave it, never as done.
 */

export interface ChronologyEvent {
  /** YYYY-MM-DD: the day it happened (or is due), as the agency recorded it. */
  date: string;
  agency: AgencyName;
  /** The agency as its panel names it, e.g. "Health visiting". */
  agencyTitle: string;
  /** What happened, in plain words. */
  what: string;
  /** A status tag (mandated reviews), in the health visiting panel's words and colours. */
  status?: { label: string; modifier: string };
}

/** An agency whose events are missing, or partly missing, and why (as its panel says). */
export interface ChronologyGap {
  agency: AgencyName;
  agencyTitle: string;
  reason: string;
}

export interface Chronology {
  events: ChronologyEvent[];
  gaps: ChronologyGap[];
}

type Event = Omit<ChronologyEvent, "agency" | "agencyTitle">;
type Data<F extends keyof PersonPanelsData> = NonNullable<PersonPanelsData[F]>;

/** The day of a date or date-time (the graph's DateTime is UTC, as the panels show it). */
const dayOf = (iso: string): string | null => /^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0] ?? null;

function healthVisitingEvents(hv: Data<"healthVisiting">): Event[] {
  const events: Event[] = [];
  if (hv.onCaseloadSince) events.push({ date: hv.onCaseloadSince, what: "Joined the health visiting caseload" });
  if (hv.expectedDeliveryDate) events.push({ date: hv.expectedDeliveryDate, what: "Expected delivery date" });
  for (const r of hv.mandatedReviews) {
    const review = REVIEW_LABELS[r.type] ?? enumLabel(r.type);
    if (r.completedOn) events.push({ date: r.completedOn, what: `${review} completed`, status: STATUS_TAGS.COMPLETED });
    else
      events.push({
        date: r.dueBy,
        what: `${review} due by this date`,
        status: STATUS_TAGS[r.status] ?? { label: enumLabel(r.status), modifier: "nhsuk-tag--grey" },
      });
  }
  return events;
}

function maternityEvents(m: Data<"maternity">): Event[] {
  const events: Event[] = [];
  for (const p of m.pregnancies) {
    if (p.bookedOn) events.push({ date: p.bookedOn, what: "Booked for maternity care" });
    events.push({
      date: p.agreedDueDate,
      what: p.outcome
        ? `Agreed due date of a pregnancy (${enumLabel(p.outcome).toLowerCase()})`
        : "Agreed due date of a pregnancy",
    });
  }
  const born = m.birth ? dayOf(m.birth.bornAt) : null;
  if (m.birth && born) {
    const weight = m.birth.birthWeightGrams ? `, ${m.birth.birthWeightGrams} g` : "";
    events.push({ date: born, what: `Born (${enumLabel(m.birth.deliveryMethod).toLowerCase()}${weight})` });
  }
  return events;
}

function childrensCentresEvents(c: Data<"childrensCentres">): Event[] {
  const events: Event[] = [];
  for (const r of c.registrations) {
    events.push({ date: r.registeredOn, what: `Registered at ${r.centre.name}` });
    if (r.lastAttendedOn) {
      const count = r.sessionsAttended === null ? "" : ` (${r.sessionsAttended} attended in all)`;
      events.push({ date: r.lastAttendedOn, what: `Last attended a session at ${r.centre.name}${count}` });
    }
  }
  return events;
}

function birthRegistrationEvents(b: Data<"birthRegistration">): Event[] {
  const events: Event[] = [];
  if (b.asChild) {
    const late = b.asChild.registeredWithinLegalPeriod ? "" : ", after the 42 days the law allows";
    events.push({
      date: b.asChild.registeredOn,
      what: `Birth registered in ${b.asChild.district}, entry ${b.asChild.entryNumber}${late}`,
    });
  }
  for (const e of b.asParent)
    events.push({
      date: e.registeredOn,
      what: `Named as a parent on a birth registration in ${e.district}, entry ${e.entryNumber}`,
    });
  return events;
}

function childrensSocialCareEvents(c: Data<"childrensSocialCare">): Event[] {
  const events: Event[] = [];
  for (const f of c.flags) {
    const name = FLAG_LABELS[f.type] ?? enumLabel(f.type);
    events.push({ date: f.startedOn, what: `${name} started` });
    if (f.endedOn) events.push({ date: f.endedOn, what: `${name} ended` });
    for (const review of f.detail?.reviews ?? []) events.push({ date: review, what: `${name} review conference` });
  }
  return events;
}

/** Each panel field's events, from its data as loaded. */
const EVENTS_OF: { [F in keyof PersonPanelsData]: (data: Data<F>) => Event[] } = {
  healthVisiting: healthVisitingEvents,
  maternity: maternityEvents,
  childrensCentres: childrensCentresEvents,
  birthRegistration: birthRegistrationEvents,
  childrensSocialCare: childrensSocialCareEvents,
};

/**
 * The person's chronology from the page's answer: every panel's dated events, newest first
 * (events of one day in the panels' order, then as the agency listed them), and the agencies
 * whose events are missing or partial with the reason, decided by the panels' own rule
 * (panelState), so the timeline and the panels never disagree.
 */
export function buildChronology(
  person: PersonPanelsData,
  errors: readonly GraphQLErrorShape[],
  path: readonly (string | number)[],
  panels: readonly AnyAgencyPanel[],
): Chronology {
  const events: ChronologyEvent[] = [];
  const gaps: ChronologyGap[] = [];
  for (const panel of panels) {
    const value = person[panel.field];
    const state = panelState(value, errors, [...path, panel.field], panel.agency);
    const named = { agency: panel.agency, agencyTitle: panel.title };
    if (state.kind === "agency-down")
      gaps.push({ ...named, reason: `${panel.system} is not answering: its events are missing.` });
    else if (state.kind === "not-visible") gaps.push({ ...named, reason: `${NOT_VISIBLE}. ${state.reason}` });
    else if (state.kind === "failed") gaps.push({ ...named, reason: state.message });
    else if (state.kind === "data") {
      if (state.withheld)
        gaps.push({
          ...named,
          reason: `Summary only: events from details not visible to your role are left out. ${state.withheld}`,
        });
      const of = EVENTS_OF[panel.field] as (data: unknown) => Event[];
      for (const e of of(value)) events.push({ ...e, ...named });
    }
  }
  // Array.prototype.sort is stable: same-day events keep the panels' order.
  events.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return { events, gaps };
}
