import { BirthRegistrationBody } from "./BirthRegistrationPanel";
import { ChildrensCentresBody } from "./ChildrensCentresPanel";
import { ChildrensSocialCareBody } from "./ChildrensSocialCarePanel";
import { definePanel, type AnyAgencyPanel } from "./contract";
import { HealthVisitingBody } from "./HealthVisitingPanel";
import { MaternityBody } from "./MaternityPanel";

/** Every agency's panel on the person page, in the order shown (field and title from the service registry). */
export const PANELS: readonly AnyAgencyPanel[] = [
  // First: safeguarding flags are what CP-IS puts in front of everyone who opens the record.
  definePanel("childrens-social-care", ChildrensSocialCareBody),
  definePanel("health-visiting", HealthVisitingBody),
  definePanel("maternity", MaternityBody),
  definePanel("childrens-centres", ChildrensCentresBody),
  definePanel("registration", BirthRegistrationBody),
];
