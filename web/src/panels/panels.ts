import { BirthRegistrationBody } from "./BirthRegistrationPanel";
import { ChildrensCentresBody } from "./ChildrensCentresPanel";
import { definePanel, type AnyAgencyPanel } from "./contract";
import { HealthVisitingBody } from "./HealthVisitingPanel";
import { MaternityBody } from "./MaternityPanel";

/** Every agency's panel on the person page, in the order shown. */
export const PANELS: readonly AnyAgencyPanel[] = [
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
