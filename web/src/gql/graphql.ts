/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** An agency system whose records the family index links. */
export type AgencyName =
  /** The children's centres' case system (households and members). */
  | 'CHILDRENS_CENTRES'
  /** The children's social care case management system (children in need, child protection, looked after). */
  | 'CHILDRENS_SOCIAL_CARE'
  /** The health visiting service's community patient system. */
  | 'HEALTH_VISITING'
  /** The maternity information system (mothers, pregnancies, babies). */
  | 'MATERNITY'
  /** Birth registration (Registration Online entries). */
  | 'REGISTRATION';

/** One agency record, by its agency and its id in that agency's system. */
export type AgencyRecordInput = {
  agency: AgencyName;
  localId: string | number;
};

/** What became of a read of a person's record. */
export type AuditOutcome =
  /** The access policy withheld what was asked for; nothing else came back. */
  | 'DENIED'
  /** The access policy withheld some data; other data came back. */
  | 'PARTIALLY_DENIED'
  /** Everything asked for that exists came back. */
  | 'RETURNED'
  /** Nothing was withheld by policy, but an agency's system did not answer. */
  | 'UNAVAILABLE';

/** An information governance auditor's judgement of one break-glass access. */
export type BreakGlassVerdict =
  /** The stated reason justified full detail without a relationship with the family. */
  | 'APPROPRIATE'
  /** It did not: follow up with the worker and their manager. */
  | 'INAPPROPRIATE';

/** Breastfeeding as recorded at the 6-8 week review. */
export type BreastfeedingStatus =
  /** Not breastfed. */
  | 'NOT_BREASTFED'
  /** Partially breastfed. */
  | 'PARTIALLY'
  /** Totally breastfed. */
  | 'TOTALLY';

/** The category of abuse a child protection plan is made under (the CIN census categories). */
export type CategoryOfAbuse =
  | 'EMOTIONAL_ABUSE'
  | 'MULTIPLE'
  | 'NEGLECT'
  | 'PHYSICAL_ABUSE'
  | 'SEXUAL_ABUSE';

/** A member's role in a household registered at a children's centre. */
export type CentreMemberRole =
  | 'CARER'
  | 'CHILD';

/** How the baby was delivered (the Maternity Services Data Set's delivery method). */
export type DeliveryMethod =
  /** Spontaneous or assisted breech delivery. */
  | 'BREECH'
  /** Breech extraction. */
  | 'BREECH_EXTRACTION'
  /** Elective (planned) caesarean section. */
  | 'ELECTIVE_CAESAREAN'
  /** Emergency caesarean section. */
  | 'EMERGENCY_CAESAREAN'
  /** Low forceps, not breech. */
  | 'LOW_FORCEPS'
  /** Another method. */
  | 'OTHER'
  /** Other forceps, not breech. */
  | 'OTHER_FORCEPS'
  /** Spontaneous delivery, other cephalic presentation. */
  | 'SPONTANEOUS_OTHER_CEPHALIC'
  /** Spontaneous vertex (head first) delivery. */
  | 'SPONTANEOUS_VERTEX'
  /** Ventouse (vacuum) delivery. */
  | 'VENTOUSE';

/** A member's place in the family, as the agencies record it. */
export type FamilyRelationship =
  /** Recorded as a child's carer, or an adult of the household with no more specific role. */
  | 'CARER'
  /** Has a parent or carer recorded in the family (or is a child of the household). */
  | 'CHILD'
  /** Recorded as a child's father. */
  | 'FATHER'
  /** Recorded as a child's mother. */
  | 'MOTHER'
  /** Recorded as a child's second parent. */
  | 'SECOND_PARENT'
  /** Reserved: siblings are given as CHILD for now. */
  | 'SIBLING';

/** Who the person is to the health visiting service. */
export type HealthVisitingClientType =
  /** A child on the caseload: offered the five mandated reviews. */
  | 'CHILD'
  /** An expectant mother: offered the antenatal contact. */
  | 'EXPECTANT_PARENT'
  /** A parent or carer of a child on the caseload. */
  | 'PARENT_OR_CARER';

/** Whether an agency is working with the person now, as its own system shows it. */
export type InvolvementStatus =
  /** The agency is working with the person now (health visiting: a child under five on a caseload, or a contact in the last 12 months; children's centres: registered or at a session in the last 12 months; maternity: a pregnancy ongoing or a birth in the last 28 days; children's social care: an open episode). */
  | 'CURRENT'
  /** The agency has worked with the person and is not now (a birth registration is always historic). */
  | 'HISTORIC';

/** Why an agency record was linked to a person. */
export type LinkRule =
  /** The person's first record (in a fixed agency order); the others are linked to it, directly or through each other. */
  | 'ANCHOR'
  /** Same given name, family name, date of birth and postcode as another of the person's records. */
  | 'NAME_DATE_OF_BIRTH_AND_POSTCODE'
  /** Same valid NHS number and same date of birth as another of the person's records. */
  | 'NHS_NUMBER_AND_DATE_OF_BIRTH'
  /** Probabilistic (Fellegi-Sunter) match on given name, family name, date of birth, sex, postcode and NHS number, at or above the link threshold; confidence is the match probability. */
  | 'PROBABILISTIC'
  /** A reviewer decided it is the same person as another of the person's records. */
  | 'REVIEWED_SAME_PERSON';

/** Where a mandated review stands, as of the service's reference date. */
export type MandatedReviewStatus =
  /** An attended contact of this review's type took place in its window (a late one still counts). */
  | 'COMPLETED'
  /** The review's window is open and it is not yet past its due-by date. */
  | 'DUE'
  /** The window closed without an attended review. */
  | 'MISSED'
  /** The review's window has not opened yet. */
  | 'NOT_YET_DUE'
  /** Past its due-by date, but it can still be done. */
  | 'OVERDUE';

/** One of the five mandated health visiting reviews (Healthy Child Programme). */
export type MandatedReviewType =
  /** Antenatal contact, from 28 weeks of pregnancy until the birth. */
  | 'ANTENATAL'
  /** New birth visit, due by day 14. */
  | 'NEW_BIRTH_VISIT'
  /** 1 year review, from 9 months, due by 12 months (still counted by 15 months). */
  | 'ONE_YEAR'
  /** 6-8 week review, due by 8 weeks (day 56). */
  | 'SIX_TO_EIGHT_WEEK'
  /** 2-2½ year review with ASQ-3, from 24 months, due by 30 months. */
  | 'TWO_TO_TWO_AND_A_HALF_YEAR';

/** What is known about the person sought. Give at least one field; an NHS number alone is enough. */
export type PersonSearchInput = {
  dateOfBirth?: string | null | undefined;
  familyName?: string | null | undefined;
  givenName?: string | null | undefined;
  /** Also people who agree with a query that gives a name on nothing but the date of birth or the postcode (weaker candidates); by default a query giving a name lists only people agreeing on a name or the NHS number. */
  includeWeakerCandidates?: boolean | null | undefined;
  /** 10 digits; spaces are allowed (943 476 5919). */
  nhsNumber?: string | null | undefined;
  /** Any spacing or case (dy14qt, DY1 4QT). */
  postcode?: string | null | undefined;
};

/** How a pregnancy ended, or that it has not yet. */
export type PregnancyOutcome =
  /** At least one baby born alive. */
  | 'LIVE_BIRTH'
  /** Miscarriage or other pregnancy loss. */
  | 'LOSS'
  /** No outcome recorded yet. */
  | 'ONGOING'
  /** Stillbirth. */
  | 'STILLBIRTH';

/** What a decision says about a pair of records. */
export type ReviewVerdict =
  | 'NOT_SAME_PERSON'
  | 'SAME_PERSON';

/** What a safeguarding flag says, as the Child Protection Information Sharing service (CP-IS) shares it. */
export type SafeguardingFlagType =
  /** The child is a child in need (Children Act 1989, section 17). */
  | 'CHILD_IN_NEED'
  /** The child is subject to a child protection plan. */
  | 'CHILD_PROTECTION_PLAN'
  /** The child is looked after by the local authority. */
  | 'LOOKED_AFTER'
  /** An unborn child is subject to a child protection plan: held on the expectant mother. */
  | 'UNBORN_CHILD_PROTECTION_PLAN';

/** Why a family is on the week's multi-agency safeguarding list. */
export type SafeguardingReasonKind =
  /** Children's centres, from the family index's links: a baby was born into a family no children's centre knows (as on the outreach list). */
  | 'BIRTH_NOT_KNOWN_TO_CENTRE'
  /** Registration: a birth was registered more than the 42 days the law allows after it. */
  | 'BIRTH_REGISTERED_LATE'
  /** Maternity: complex social factors were identified at a pregnancy booking. More than maternity's summary: shown only to a caller who may see maternity in full for the family. */
  | 'COMPLEX_SOCIAL_FACTORS_AT_BOOKING'
  /** Health visiting: a child's mandated review became overdue (its due-by date passed, not done). */
  | 'MANDATED_REVIEW_OVERDUE'
  /** Children's social care: a safeguarding flag started (child protection plan, unborn child protection plan, looked after, child in need), as CP-IS shares it. */
  | 'SOCIAL_CARE_FLAG_STARTED';

/** Sex as recorded by the agency. */
export type Sex =
  | 'FEMALE'
  | 'MALE'
  | 'UNKNOWN';

export type LocalitiesQueryVariables = Exact<{ [key: string]: never; }>;


export type LocalitiesQuery = { localities: Array<{ id: string, name: string }> };

export type InvolvedServicesFragment = { involvements: Array<{ agency: AgencyName, status: InvolvementStatus, since: string | null, lastContactOn: string | null, leadPractitioner: { name: string, role: string, team: string | null, phone: string | null } | null }> };

export type PersonPageQueryVariables = Exact<{
  id: string | number;
}>;


export type PersonPageQuery = { person: { id: string, nhsNumber: string | null, givenName: string | null, familyName: string | null, dateOfBirth: string | null, sex: Sex | null, family: { id: string, members: Array<{ relationship: FamilyRelationship, person: { id: string, givenName: string | null, familyName: string | null, dateOfBirth: string | null } }> } | null, healthVisiting: { clientType: HealthVisitingClientType, team: string | null, namedHealthVisitor: string | null, base: string | null, onCaseloadSince: string | null, expectedDeliveryDate: string | null, breastfeedingAtSixToEightWeeks: BreastfeedingStatus | null, mandatedReviews: Array<{ type: MandatedReviewType, dueFrom: string, dueBy: string, completedOn: string | null, status: MandatedReviewStatus }> } | null, maternity: { provider: string | null, pregnancies: Array<{ id: string, agreedDueDate: string, bookedOn: string | null, outcome: PregnancyOutcome | null }>, birth: { localId: string, bornAt: string, birthWeightGrams: number | null, deliveryMethod: DeliveryMethod } | null } | null, childrensCentres: { registrations: Array<{ memberRef: string, role: CentreMemberRole, registeredOn: string, consentToShare: boolean, sessionsAttended: number | null, lastAttendedOn: string | null, centre: { code: string, name: string } }> } | null, birthRegistration: { asChild: { id: string, district: string, entryNumber: number, registeredOn: string, registeredWithinLegalPeriod: boolean, placeOfBirth: string | null } | null, asParent: Array<{ id: string, district: string, entryNumber: number, registeredOn: string, registeredWithinLegalPeriod: boolean }> } | null, childrensSocialCare: { flags: Array<{ type: SafeguardingFlagType, startedOn: string, endedOn: string | null, active: boolean, detail: { categoryOfAbuse: CategoryOfAbuse | null, reason: string | null, reviews: Array<string> } | null }>, socialWorker: { name: string, team: string, phone: string } | null } | null, involvements: Array<{ agency: AgencyName, status: InvolvementStatus, since: string | null, lastContactOn: string | null, leadPractitioner: { name: string, role: string, team: string | null, phone: string | null } | null }> } | null };

export type SearchPeopleQueryVariables = Exact<{
  query: PersonSearchInput;
}>;


export type SearchPeopleQuery = { searchPeople: Array<{ score: number, matchedOn: Array<string>, person: { id: string, givenName: string | null, familyName: string | null, dateOfBirth: string | null, postcode: string | null } }> };

export type AccessReportQueryVariables = Exact<{
  actor: string;
  from: string;
  to: string;
}>;


export type AccessReportQuery = { accessReport: { actor: string, reads: number, people: Array<{ personId: string, reads: number, firstAt: string, lastAt: string, agencies: Array<string>, purposes: Array<string>, outcomes: Array<AuditOutcome> }> } };

export type BreakGlassQueueQueryVariables = Exact<{
  first: number;
}>;


export type BreakGlassQueueQuery = { breakGlassQueue: Array<{ eventId: string, personId: string, occurredAt: string, actor: string, role: string, organisation: string | null, purpose: string, agencies: Array<string>, breakGlassReason: string | null }> };

export type ReviewBreakGlassMutationVariables = Exact<{
  eventId: string | number;
  verdict: BreakGlassVerdict;
  note?: string | null | undefined;
}>;


export type ReviewBreakGlassMutation = { reviewBreakGlass: { eventId: string, verdict: BreakGlassVerdict } };

export type AuditTrailQueryVariables = Exact<{
  personId: string | number;
  first: number;
}>;


export type AuditTrailQuery = { auditTrail: Array<{ eventId: string, occurredAt: string, actor: string, role: string, organisation: string | null, purpose: string, agencies: Array<string>, denied: Array<string>, outcome: AuditOutcome, breakGlassReason: string | null, awaitingReview: boolean, breakGlassReview: { verdict: BreakGlassVerdict } | null }> };

export type NewBirthsNotKnownToCentresQueryVariables = Exact<{
  locality: string | number;
  since?: string | null | undefined;
}>;


export type NewBirthsNotKnownToCentresQuery = { newBirthsNotKnownToCentres: Array<{ dateOfBirth: string, child: { id: string, givenName: string | null, familyName: string | null, birthRegistration: { asChild: { district: string, registeredOn: string } | null } | null, healthVisiting: { namedHealthVisitor: string | null, team: string | null } | null }, mother: { id: string, givenName: string | null, familyName: string | null } | null }> };

export type LocalityProfileQueryVariables = Exact<{
  locality: string | number;
}>;


export type LocalityProfileQuery = { localityProfile: { asOf: string, birthsFrom: string, underFives: number, births: number, reach: { registered: number, rate: number | null } | null, reachMostDeprived: { children: number, registered: number, rate: number | null } | null, birthsRegisteredWithCentre: { registered: number, rate: number | null } | null, birthsRegisteredAtCentre: { registered: number, atCentre: number, rate: number | null } | null, reviewPerformance: { periodStart: string, periodEnd: string, reviews: Array<{ review: MandatedReviewType, eligible: number, completedInTime: number, rate: number | null, nationalRate: number | null }> } | null } };

export type LinkQueueQueryVariables = Exact<{
  after?: string | null | undefined;
  first: number;
}>;


export type LinkQueueQuery = { linkCandidates: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, probability: number, recordA: { agency: AgencyName, localId: string, nhsNumber: string | null, givenName: string | null, familyName: string | null, dateOfBirth: string | null, sex: Sex | null, postcode: string | null, person: { id: string } }, recordB: { agency: AgencyName, localId: string, nhsNumber: string | null, givenName: string | null, familyName: string | null, dateOfBirth: string | null, sex: Sex | null, postcode: string | null, person: { id: string } }, comparisons: Array<{ field: string, level: string, weight: number | null }> }> } };

export type CandidateRecordFieldsFragment = { agency: AgencyName, localId: string, nhsNumber: string | null, givenName: string | null, familyName: string | null, dateOfBirth: string | null, sex: Sex | null, postcode: string | null, person: { id: string } };

export type ConfirmLinkMutationVariables = Exact<{
  candidateId: string | number;
  note?: string | null | undefined;
}>;


export type ConfirmLinkMutation = { confirmLink: { decisions: Array<{ id: string, decision: ReviewVerdict }>, persons: Array<{ id: string }> } };

export type RejectLinkMutationVariables = Exact<{
  candidateId: string | number;
  note?: string | null | undefined;
}>;


export type RejectLinkMutation = { rejectLink: { decisions: Array<{ id: string, decision: ReviewVerdict }>, persons: Array<{ id: string }> } };

export type PersonRecordsQueryVariables = Exact<{
  id: string | number;
}>;


export type PersonRecordsQuery = { person: { id: string, records: Array<{ agency: AgencyName, localId: string, linkedBy: LinkRule, confidence: number }> } | null };

export type UnlinkRecordMutationVariables = Exact<{
  personId: string | number;
  record: AgencyRecordInput;
  note?: string | null | undefined;
}>;


export type UnlinkRecordMutation = { unlink: { decisions: Array<{ id: string }>, persons: Array<{ id: string }> } };

export type MandatedReviewWorklistQueryVariables = Exact<{
  locality: string | number;
  dueWithinDays?: number | null | undefined;
}>;


export type MandatedReviewWorklistQuery = { mandatedReviewWorklist: Array<{ review: MandatedReviewType, dueBy: string, status: MandatedReviewStatus, team: string | null, namedHealthVisitor: string | null, person: { id: string, givenName: string | null, familyName: string | null, dateOfBirth: string | null } }> };

export type ReviewFiguresFragment = { periodStart: string, periodEnd: string, reviews: Array<{ review: MandatedReviewType, eligible: number, completedInTime: number, rate: number | null, nationalRate: number | null }> };

export type MandatedReviewPerformanceQueryVariables = Exact<{
  locality?: string | number | null | undefined;
}>;


export type MandatedReviewPerformanceQuery = { mandatedReviewPerformance: { periodStart: string, periodEnd: string, reviews: Array<{ review: MandatedReviewType, eligible: number, completedInTime: number, rate: number | null, nationalRate: number | null }> } };

export type SafeguardingMeetingListQueryVariables = Exact<{
  locality: string | number;
  weekOf?: string | null | undefined;
}>;


export type SafeguardingMeetingListQuery = { safeguardingMeetingList: Array<{ family: { id: string, members: Array<{ relationship: FamilyRelationship, person: { id: string, givenName: string | null, familyName: string | null } }> }, reasons: Array<{ agency: AgencyName, kind: SafeguardingReasonKind, what: string, on: string, person: { id: string, givenName: string | null, familyName: string | null } }> }> };

export type BirthRegistrationPanelFragment = { birthRegistration: { asChild: { id: string, district: string, entryNumber: number, registeredOn: string, registeredWithinLegalPeriod: boolean, placeOfBirth: string | null } | null, asParent: Array<{ id: string, district: string, entryNumber: number, registeredOn: string, registeredWithinLegalPeriod: boolean }> } | null };

export type ChildrensCentresPanelFragment = { childrensCentres: { registrations: Array<{ memberRef: string, role: CentreMemberRole, registeredOn: string, consentToShare: boolean, sessionsAttended: number | null, lastAttendedOn: string | null, centre: { code: string, name: string } }> } | null };

export type ChildrensSocialCarePanelFragment = { childrensSocialCare: { flags: Array<{ type: SafeguardingFlagType, startedOn: string, endedOn: string | null, active: boolean, detail: { categoryOfAbuse: CategoryOfAbuse | null, reason: string | null, reviews: Array<string> } | null }>, socialWorker: { name: string, team: string, phone: string } | null } | null };

export type HealthVisitingPanelFragment = { healthVisiting: { clientType: HealthVisitingClientType, team: string | null, namedHealthVisitor: string | null, base: string | null, onCaseloadSince: string | null, expectedDeliveryDate: string | null, breastfeedingAtSixToEightWeeks: BreastfeedingStatus | null, mandatedReviews: Array<{ type: MandatedReviewType, dueFrom: string, dueBy: string, completedOn: string | null, status: MandatedReviewStatus }> } | null };

export type MaternityPanelFragment = { maternity: { provider: string | null, pregnancies: Array<{ id: string, agreedDueDate: string, bookedOn: string | null, outcome: PregnancyOutcome | null }>, birth: { localId: string, bornAt: string, birthWeightGrams: number | null, deliveryMethod: DeliveryMethod } | null } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const InvolvedServicesFragmentDoc = new TypedDocumentString(`
    fragment InvolvedServices on Person {
  involvements {
    agency
    status
    leadPractitioner {
      name
      role
      team
      phone
    }
    since
    lastContactOn
  }
}
    `, {"fragmentName":"InvolvedServices"}) as unknown as TypedDocumentString<InvolvedServicesFragment, unknown>;
export const CandidateRecordFieldsFragmentDoc = new TypedDocumentString(`
    fragment CandidateRecordFields on CandidateRecord {
  agency
  localId
  nhsNumber
  givenName
  familyName
  dateOfBirth
  sex
  postcode
  person {
    id
  }
}
    `, {"fragmentName":"CandidateRecordFields"}) as unknown as TypedDocumentString<CandidateRecordFieldsFragment, unknown>;
export const ReviewFiguresFragmentDoc = new TypedDocumentString(`
    fragment ReviewFigures on MandatedReviewPerformance {
  periodStart
  periodEnd
  reviews {
    review
    eligible
    completedInTime
    rate
    nationalRate
  }
}
    `, {"fragmentName":"ReviewFigures"}) as unknown as TypedDocumentString<ReviewFiguresFragment, unknown>;
export const BirthRegistrationPanelFragmentDoc = new TypedDocumentString(`
    fragment BirthRegistrationPanel on Person {
  birthRegistration {
    asChild {
      id
      district
      entryNumber
      registeredOn
      registeredWithinLegalPeriod
      placeOfBirth
    }
    asParent {
      id
      district
      entryNumber
      registeredOn
      registeredWithinLegalPeriod
    }
  }
}
    `, {"fragmentName":"BirthRegistrationPanel"}) as unknown as TypedDocumentString<BirthRegistrationPanelFragment, unknown>;
export const ChildrensCentresPanelFragmentDoc = new TypedDocumentString(`
    fragment ChildrensCentresPanel on Person {
  childrensCentres {
    registrations {
      memberRef
      role
      registeredOn
      consentToShare
      sessionsAttended
      lastAttendedOn
      centre {
        code
        name
      }
    }
  }
}
    `, {"fragmentName":"ChildrensCentresPanel"}) as unknown as TypedDocumentString<ChildrensCentresPanelFragment, unknown>;
export const ChildrensSocialCarePanelFragmentDoc = new TypedDocumentString(`
    fragment ChildrensSocialCarePanel on Person {
  childrensSocialCare {
    flags {
      type
      startedOn
      endedOn
      active
      detail {
        categoryOfAbuse
        reason
        reviews
      }
    }
    socialWorker {
      name
      team
      phone
    }
  }
}
    `, {"fragmentName":"ChildrensSocialCarePanel"}) as unknown as TypedDocumentString<ChildrensSocialCarePanelFragment, unknown>;
export const HealthVisitingPanelFragmentDoc = new TypedDocumentString(`
    fragment HealthVisitingPanel on Person {
  healthVisiting {
    clientType
    team
    namedHealthVisitor
    base
    onCaseloadSince
    expectedDeliveryDate
    breastfeedingAtSixToEightWeeks
    mandatedReviews {
      type
      dueFrom
      dueBy
      completedOn
      status
    }
  }
}
    `, {"fragmentName":"HealthVisitingPanel"}) as unknown as TypedDocumentString<HealthVisitingPanelFragment, unknown>;
export const MaternityPanelFragmentDoc = new TypedDocumentString(`
    fragment MaternityPanel on Person {
  maternity {
    provider
    pregnancies {
      id
      agreedDueDate
      bookedOn
      outcome
    }
    birth {
      localId
      bornAt
      birthWeightGrams
      deliveryMethod
    }
  }
}
    `, {"fragmentName":"MaternityPanel"}) as unknown as TypedDocumentString<MaternityPanelFragment, unknown>;
export const LocalitiesDocument = {"__meta__":{"hash":"sha256:0d6873f90c959548c29d1a7cac84e901e5cc949b5762408ce62c7f830cfdb716"}} as unknown as TypedDocumentString<LocalitiesQuery, LocalitiesQueryVariables>;
export const PersonPageDocument = {"__meta__":{"hash":"sha256:4a7d0e668516db1cb6238de93e9005ef8b32d50fe50827def410f7d3af71a09a"}} as unknown as TypedDocumentString<PersonPageQuery, PersonPageQueryVariables>;
export const SearchPeopleDocument = {"__meta__":{"hash":"sha256:271bd1139a98b5435b53f4ce1462fd2cff4f947abc532ab5ebfc1ca43495a47a"}} as unknown as TypedDocumentString<SearchPeopleQuery, SearchPeopleQueryVariables>;
export const AccessReportDocument = {"__meta__":{"hash":"sha256:4856c8af15a2ff8df96ee1f48ae5487c5ffd20d22d0b5c22c3e6ef1ed04970ae"}} as unknown as TypedDocumentString<AccessReportQuery, AccessReportQueryVariables>;
export const BreakGlassQueueDocument = {"__meta__":{"hash":"sha256:dd7fdaa6ffb8cdf35fe4265494693f6ea6567f34d88c7d4266641f41873e8b72"}} as unknown as TypedDocumentString<BreakGlassQueueQuery, BreakGlassQueueQueryVariables>;
export const ReviewBreakGlassDocument = {"__meta__":{"hash":"sha256:1bd382bb17117d486457abc2456295ab3796617ef93b8669ab4fda7361ff5b8a"}} as unknown as TypedDocumentString<ReviewBreakGlassMutation, ReviewBreakGlassMutationVariables>;
export const AuditTrailDocument = {"__meta__":{"hash":"sha256:77f4ec37d270d98e99a00c2fa9486057666ea5d511683807d9693c88cc61d02a"}} as unknown as TypedDocumentString<AuditTrailQuery, AuditTrailQueryVariables>;
export const NewBirthsNotKnownToCentresDocument = {"__meta__":{"hash":"sha256:4b1ee2392b9694e00233c88f6c94ddaef79316a4a4b532f98c04eb5a50fc4234"}} as unknown as TypedDocumentString<NewBirthsNotKnownToCentresQuery, NewBirthsNotKnownToCentresQueryVariables>;
export const LocalityProfileDocument = {"__meta__":{"hash":"sha256:e9115f2efcdd9ad46056e2c598a799d09e1f72c4ea55f80fb844075c269b5b92"}} as unknown as TypedDocumentString<LocalityProfileQuery, LocalityProfileQueryVariables>;
export const LinkQueueDocument = {"__meta__":{"hash":"sha256:1517f68bf00714a1572e582e6ac2f634fecd9b6957a2ee85e8d5e5f5a71bac29"}} as unknown as TypedDocumentString<LinkQueueQuery, LinkQueueQueryVariables>;
export const ConfirmLinkDocument = {"__meta__":{"hash":"sha256:a0bb8d36cb55a8e15fb97bc22c135997db97640da4aef2a9a689f069fae39fb9"}} as unknown as TypedDocumentString<ConfirmLinkMutation, ConfirmLinkMutationVariables>;
export const RejectLinkDocument = {"__meta__":{"hash":"sha256:fc40149131faa8a8ca4632ccca056983e630d69034d52cb892b2e9e0964b02df"}} as unknown as TypedDocumentString<RejectLinkMutation, RejectLinkMutationVariables>;
export const PersonRecordsDocument = {"__meta__":{"hash":"sha256:c94f13b8cf590b12cfd74f6bdc09ac505154d3ea68ff83c614b4d2277ff9f90b"}} as unknown as TypedDocumentString<PersonRecordsQuery, PersonRecordsQueryVariables>;
export const UnlinkRecordDocument = {"__meta__":{"hash":"sha256:8448d921e359d35c34a18c4fcc0fe5d6be27347f0433f14f470f7893d0eafb6b"}} as unknown as TypedDocumentString<UnlinkRecordMutation, UnlinkRecordMutationVariables>;
export const MandatedReviewWorklistDocument = {"__meta__":{"hash":"sha256:d3daf2f6fcd8582f573379fb121d23aa70b54d433f923f828ad4236e53f1f442"}} as unknown as TypedDocumentString<MandatedReviewWorklistQuery, MandatedReviewWorklistQueryVariables>;
export const MandatedReviewPerformanceDocument = {"__meta__":{"hash":"sha256:5b9e42119f8f5932cd280e44d0dea0b1008da3d30c065fc3517a9fa2f73a56ad"}} as unknown as TypedDocumentString<MandatedReviewPerformanceQuery, MandatedReviewPerformanceQueryVariables>;
export const SafeguardingMeetingListDocument = {"__meta__":{"hash":"sha256:e41100c3fc77db1c2bc9aa51de9296b3457ebf237478f1042c2050fb37f57ac5"}} as unknown as TypedDocumentString<SafeguardingMeetingListQuery, SafeguardingMeetingListQueryVariables>;