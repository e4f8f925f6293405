import { daysBetween } from "@ffd/shared";
import type { BirthEntry } from "../../source/registration.port";

/** The law allows 42 days from the birth to register it (Births and Deaths Registration Act 1953, s.2). */
export const LEGAL_PERIOD_DAYS = 42;

export function daysFromBirthToRegistration(entry: BirthEntry): number {
  return daysBetween(entry.child.dateOfBirth, entry.registeredOn);
}

/** Registered on or before the 42nd day after the birth. */
export function registeredWithinLegalPeriod(entry: BirthEntry): boolean {
  return daysFromBirthToRegistration(entry) <= LEGAL_PERIOD_DAYS;
}
