import type { PersonPanelsData } from "../panels/fields";

/**
 * A baby's record in every agency at full detail, for the chronology's tests: dates chosen so the
 * order across agencies is known (and two fall on one day).
 */
export const ZARA: PersonPanelsData = {
  healthVisiting: {
    clientType: "CHILD",
    team: "Central",
    namedHealthVisitor: "Sagal Doyle",
    base: "Market Street Family Hub",
    onCaseloadSince: "2025-05-20",
    expectedDeliveryDate: null,
    breastfeedingAtSixToEightWeeks: "TOTALLY",
    mandatedReviews: [
      {
        type: "NEW_BIRTH_VISIT",
        dueFrom: "2025-05-26",
        dueBy: "2025-05-30",
        completedOn: "2025-05-27",
        status: "COMPLETED",
      },
      { type: "SIX_TO_EIGHT_WEEK", dueFrom: "2025-06-27", dueBy: "2025-07-11", completedOn: null, status: "DUE" },
    ],
  },
  maternity: {
    provider: "Dudley Group NHS Foundation Trust",
    pregnancies: [],
    birth: {
      localId: "BAB1",
      bornAt: "2025-05-16T03:12:00.000Z",
      birthWeightGrams: 3240,
      deliveryMethod: "SPONTANEOUS_VERTEX",
    },
  },
  childrensCentres: {
    registrations: [
      {
        memberRef: "M2",
        role: "CHILD",
        registeredOn: "2025-06-02",
        consentToShare: true,
        sessionsAttended: 3,
        lastAttendedOn: "2025-06-30",
        centre: { code: "C1", name: "Market Street Family Hub" },
      },
    ],
  },
  birthRegistration: {
    asChild: {
      id: "Dudley North:101",
      district: "Dudley North",
      entryNumber: 101,
      registeredOn: "2025-05-27",
      registeredWithinLegalPeriod: true,
      placeOfBirth: "Russells Hall Hospital",
    },
    asParent: [],
  },
  childrensSocialCare: null,
};
