import { Sex, type IdentityRecord, type SexCode } from "@ffd/shared";
import { formatPersonLocalId, type RegistrationRole } from "./registration.ids";
import { ParentKind, type BirthEntry } from "./registration.port";

function sexCode(sex: Sex): SexCode {
  return sex === Sex.FEMALE ? "FEMALE" : sex === Sex.MALE ? "MALE" : "UNKNOWN";
}

export interface EntryPerson {
  role: RegistrationRole;
  record: IdentityRecord;
}

/**
 * The people an entry stands for, as identity records for family-index, in role order (child,
 * mother, second parent). Names are as registered; the entry gives only the mother's usual
 * address, so every person on it carries that postcode. Parents' NHS numbers are not recorded.
 * No care unit: registering a birth is not care of the family (registrars see the register by
 * their role, with no relationship needed).
 */
export function peopleOf(entry: BirthEntry): EntryPerson[] {
  const idOf = (role: RegistrationRole) =>
    formatPersonLocalId({ district: entry.district, entryNumber: entry.entryNumber, role });
  const childId = idOf("child");
  const second = entry.secondParent;

  const child: IdentityRecord = {
    localId: childId,
    nhsNumber: entry.child.nhsNumber,
    givenName: entry.child.forenames,
    familyName: entry.child.surname,
    dateOfBirth: entry.child.dateOfBirth,
    sex: sexCode(entry.child.sex),
    postcode: entry.postcode,
    relations: [{ localId: idOf("mother"), relationship: "MOTHER" }],
    householdId: null,
    careUnit: null,
  };
  const mother: IdentityRecord = {
    localId: idOf("mother"),
    nhsNumber: null,
    givenName: entry.mother.forenames,
    familyName: entry.mother.surname,
    dateOfBirth: entry.mother.dateOfBirth,
    sex: "FEMALE",
    postcode: entry.postcode,
    relations: [{ localId: childId, relationship: "CHILD" }],
    householdId: null,
    careUnit: null,
  };
  const people: EntryPerson[] = [
    { role: "child", record: child },
    { role: "mother", record: mother },
  ];
  if (second) {
    const isFather = second.kind === ParentKind.FATHER;
    child.relations.push({ localId: idOf("parent2"), relationship: isFather ? "FATHER" : "SECOND_PARENT" });
    people.push({
      role: "parent2",
      record: {
        localId: idOf("parent2"),
        nhsNumber: null,
        givenName: second.forenames,
        familyName: second.surname,
        dateOfBirth: second.dateOfBirth,
        sex: isFather ? "MALE" : "FEMALE",
        postcode: entry.postcode,
        relations: [{ localId: childId, relationship: "CHILD" }],
        householdId: null,
        careUnit: null,
      },
    });
  }
  return people;
}

export function identityRecordsOf(entry: BirthEntry): IdentityRecord[] {
  return peopleOf(entry).map((p) => p.record);
}
