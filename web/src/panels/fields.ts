import type {
  BirthRegistrationPanelFragment,
  ChildrensCentresPanelFragment,
  ChildrensSocialCarePanelFragment,
  HealthVisitingPanelFragment,
  MaternityPanelFragment,
} from "../gql/graphql";

/** What the panels' fragments select on a Person, together. */
export type PersonPanelsData = Pick<HealthVisitingPanelFragment, "healthVisiting"> &
  Pick<MaternityPanelFragment, "maternity"> &
  Pick<ChildrensCentresPanelFragment, "childrensCentres"> &
  Pick<BirthRegistrationPanelFragment, "birthRegistration"> &
  Pick<ChildrensSocialCarePanelFragment, "childrensSocialCare">;
