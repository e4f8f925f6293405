import { BirthRegistrationBody } from "./BirthRegistrationPanel";
import { ChildrensCentresBody } from "./ChildrensCentresPanel";
import { ChildrensSocialCareBody } from "./ChildrensSocialCarePanel";
import { definePanel, type AnyAgencyPanel } from "./contract";
import { HealthVisitingBody } from "./HealthVisitingPanel";
import { MaternityBody } from "./MaternityPanel";

/** Every agency's panel on the person page, in the order shown. */
export const PANELS: readonly AnyAgencyPanel[] = [
  // First: safeguarding flags are what CP-IS puts in front of everyone who opens the record.
  definePanel({
    agency: "childrens-social-care",
    field: "childrensSocialCare",
    title: "Children's social care",
    system: "Children's social care system",
    Body: ChildrensSocialCareBody,
  }),
  definePanel({
    agency: "health-visiting",
    field: "healthVisiting",
    title: "Health visiting",
    system: "Health visiting system",
    Body: HealthVisitingBody,
  }),
  definePanel({
    agency: "maternity",
    field: "maternity",
    title: "Maternity",
    system: "Maternity system",
    Body: MaternityBody,
  }),
  definePanel({
    agency: "childrens-centres",
    field: "childrensCentres",
    title: "Children's centres",
    system: "Children's centres system",
    Body: ChildrensCentresBody,
  }),
  definePanel({
    agency: "registration",
    field: "birthRegistration",
    title: "Birth registration",
    system: "Birth registration system",
    Body: BirthRegistrationBody,
  }),
];
