/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Localities {\n    localities {\n      id\n      name\n    }\n  }\n": typeof types.LocalitiesDocument,
    "\n  fragment InvolvedServices on Person {\n    involvements {\n      agency\n      status\n      leadPractitioner {\n        name\n        role\n        team\n        phone\n      }\n      since\n      lastContactOn\n    }\n  }\n": typeof types.InvolvedServicesFragmentDoc,
    "\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      nhsNumber\n      givenName\n      familyName\n      dateOfBirth\n      sex\n      family {\n        id\n        members {\n          relationship\n          person {\n            id\n            givenName\n            familyName\n            dateOfBirth\n          }\n        }\n      }\n      ...HealthVisitingPanel\n      ...MaternityPanel\n      ...ChildrensCentresPanel\n      ...BirthRegistrationPanel\n      ...ChildrensSocialCarePanel\n      ...InvolvedServices\n    }\n  }\n": typeof types.PersonPageDocument,
    "\n  query SearchPeople($query: PersonSearchInput!) {\n    searchPeople(query: $query) {\n      score\n      matchedOn\n      person {\n        id\n        givenName\n        familyName\n        dateOfBirth\n        postcode\n      }\n    }\n  }\n": typeof types.SearchPeopleDocument,
    "\n  query AccessReport($actor: String!, $from: DateTime!, $to: DateTime!) {\n    accessReport(actor: $actor, from: $from, to: $to) {\n      actor\n      reads\n      people {\n        personId\n        reads\n        firstAt\n        lastAt\n        agencies\n        purposes\n        outcomes\n      }\n    }\n  }\n": typeof types.AccessReportDocument,
    "\n  query BreakGlassQueue($first: Int!) {\n    breakGlassQueue(first: $first) {\n      eventId\n      personId\n      occurredAt\n      actor\n      role\n      organisation\n      purpose\n      agencies\n      breakGlassReason\n    }\n  }\n": typeof types.BreakGlassQueueDocument,
    "\n  mutation ReviewBreakGlass($eventId: ID!, $verdict: BreakGlassVerdict!, $note: String) {\n    reviewBreakGlass(eventId: $eventId, verdict: $verdict, note: $note) {\n      eventId\n      verdict\n    }\n  }\n": typeof types.ReviewBreakGlassDocument,
    "\n  query AuditTrail($personId: ID!, $first: Int!) {\n    auditTrail(personId: $personId, first: $first) {\n      eventId\n      occurredAt\n      actor\n      role\n      organisation\n      purpose\n      agencies\n      denied\n      outcome\n      breakGlassReason\n      awaitingReview\n      breakGlassReview {\n        verdict\n      }\n    }\n  }\n": typeof types.AuditTrailDocument,
    "\n  query NewBirthsNotKnownToCentres($locality: ID!, $since: Date) {\n    newBirthsNotKnownToCentres(locality: $locality, since: $since) {\n      dateOfBirth\n      child {\n        id\n        givenName\n        familyName\n        birthRegistration {\n          asChild {\n            district\n            registeredOn\n          }\n        }\n        healthVisiting {\n          namedHealthVisitor\n          team\n        }\n      }\n      mother {\n        id\n        givenName\n        familyName\n      }\n    }\n  }\n": typeof types.NewBirthsNotKnownToCentresDocument,
    "\n  query LocalityProfile($locality: ID!) {\n    localityProfile(locality: $locality) {\n      asOf\n      birthsFrom\n      underFives\n      births\n      reach {\n        registered\n        rate\n      }\n      reachMostDeprived {\n        children\n        registered\n        rate\n      }\n      birthsRegisteredWithCentre {\n        registered\n        rate\n      }\n      birthsRegisteredAtCentre {\n        registered\n        atCentre\n        rate\n      }\n      reviewPerformance {\n        ...ReviewFigures\n      }\n    }\n  }\n": typeof types.LocalityProfileDocument,
    "\n  query LinkQueue($after: String, $first: Int!) {\n    linkCandidates(after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        probability\n        recordA {\n          ...CandidateRecordFields\n        }\n        recordB {\n          ...CandidateRecordFields\n        }\n        comparisons {\n          field\n          level\n          weight\n        }\n      }\n    }\n  }\n\n  fragment CandidateRecordFields on CandidateRecord {\n    agency\n    localId\n    nhsNumber\n    givenName\n    familyName\n    dateOfBirth\n    sex\n    postcode\n    person {\n      id\n    }\n  }\n": typeof types.LinkQueueDocument,
    "\n  mutation ConfirmLink($candidateId: ID!, $note: String) {\n    confirmLink(candidateId: $candidateId, note: $note) {\n      decisions {\n        id\n        decision\n      }\n      persons {\n        id\n      }\n    }\n  }\n": typeof types.ConfirmLinkDocument,
    "\n  mutation RejectLink($candidateId: ID!, $note: String) {\n    rejectLink(candidateId: $candidateId, note: $note) {\n      decisions {\n        id\n        decision\n      }\n      persons {\n        id\n      }\n    }\n  }\n": typeof types.RejectLinkDocument,
    "\n  query PersonRecords($id: ID!) {\n    person(id: $id) {\n      id\n      records {\n        agency\n        localId\n        linkedBy\n        confidence\n      }\n    }\n  }\n": typeof types.PersonRecordsDocument,
    "\n  mutation UnlinkRecord($personId: ID!, $record: AgencyRecordInput!, $note: String) {\n    unlink(personId: $personId, record: $record, note: $note) {\n      decisions {\n        id\n      }\n      persons {\n        id\n      }\n    }\n  }\n": typeof types.UnlinkRecordDocument,
    "\n  query MandatedReviewWorklist($locality: ID!, $dueWithinDays: Int) {\n    mandatedReviewWorklist(locality: $locality, dueWithinDays: $dueWithinDays) {\n      person {\n        id\n        givenName\n        familyName\n        dateOfBirth\n      }\n      review\n      dueBy\n      status\n      team\n      namedHealthVisitor\n    }\n  }\n": typeof types.MandatedReviewWorklistDocument,
    "\n  fragment ReviewFigures on MandatedReviewPerformance {\n    periodStart\n    periodEnd\n    reviews {\n      review\n      eligible\n      completedInTime\n      rate\n      nationalRate\n    }\n  }\n": typeof types.ReviewFiguresFragmentDoc,
    "\n  query MandatedReviewPerformance($locality: ID) {\n    mandatedReviewPerformance(locality: $locality) {\n      ...ReviewFigures\n    }\n  }\n": typeof types.MandatedReviewPerformanceDocument,
    "\n  query SafeguardingMeetingList($locality: ID!, $weekOf: Date) {\n    safeguardingMeetingList(locality: $locality, weekOf: $weekOf) {\n      family {\n        id\n        members {\n          relationship\n          person {\n            id\n            givenName\n            familyName\n          }\n        }\n      }\n      reasons {\n        person {\n          id\n          givenName\n          familyName\n        }\n        agency\n        kind\n        what\n        on\n      }\n    }\n  }\n": typeof types.SafeguardingMeetingListDocument,
    "\n  fragment BirthRegistrationPanel on Person {\n    birthRegistration {\n      asChild {\n        id\n        district\n        entryNumber\n        registeredOn\n        registeredWithinLegalPeriod\n        placeOfBirth\n      }\n      asParent {\n        id\n        district\n        entryNumber\n        registeredOn\n        registeredWithinLegalPeriod\n      }\n    }\n  }\n": typeof types.BirthRegistrationPanelFragmentDoc,
    "\n  fragment ChildrensCentresPanel on Person {\n    childrensCentres {\n      registrations {\n        memberRef\n        role\n        registeredOn\n        consentToShare\n        sessionsAttended\n        lastAttendedOn\n        centre {\n          code\n          name\n        }\n      }\n    }\n  }\n": typeof types.ChildrensCentresPanelFragmentDoc,
    "\n  fragment ChildrensSocialCarePanel on Person {\n    childrensSocialCare {\n      flags {\n        type\n        startedOn\n        endedOn\n        active\n        detail {\n          categoryOfAbuse\n          reason\n          reviews\n        }\n      }\n      socialWorker {\n        name\n        team\n        phone\n      }\n    }\n  }\n": typeof types.ChildrensSocialCarePanelFragmentDoc,
    "\n  fragment HealthVisitingPanel on Person {\n    healthVisiting {\n      clientType\n      team\n      namedHealthVisitor\n      base\n      onCaseloadSince\n      expectedDeliveryDate\n      breastfeedingAtSixToEightWeeks\n      mandatedReviews {\n        type\n        dueFrom\n        dueBy\n        completedOn\n        status\n      }\n    }\n  }\n": typeof types.HealthVisitingPanelFragmentDoc,
    "\n  fragment MaternityPanel on Person {\n    maternity {\n      provider\n      pregnancies {\n        id\n        agreedDueDate\n        bookedOn\n        outcome\n      }\n      birth {\n        localId\n        bornAt\n        birthWeightGrams\n        deliveryMethod\n      }\n    }\n  }\n": typeof types.MaternityPanelFragmentDoc,
};
const documents: Documents = {
    "\n  query Localities {\n    localities {\n      id\n      name\n    }\n  }\n": types.LocalitiesDocument,
    "\n  fragment InvolvedServices on Person {\n    involvements {\n      agency\n      status\n      leadPractitioner {\n        name\n        role\n        team\n        phone\n      }\n      since\n      lastContactOn\n    }\n  }\n": types.InvolvedServicesFragmentDoc,
    "\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      nhsNumber\n      givenName\n      familyName\n      dateOfBirth\n      sex\n      family {\n        id\n        members {\n          relationship\n          person {\n            id\n            givenName\n            familyName\n            dateOfBirth\n          }\n        }\n      }\n      ...HealthVisitingPanel\n      ...MaternityPanel\n      ...ChildrensCentresPanel\n      ...BirthRegistrationPanel\n      ...ChildrensSocialCarePanel\n      ...InvolvedServices\n    }\n  }\n": types.PersonPageDocument,
    "\n  query SearchPeople($query: PersonSearchInput!) {\n    searchPeople(query: $query) {\n      score\n      matchedOn\n      person {\n        id\n        givenName\n        familyName\n        dateOfBirth\n        postcode\n      }\n    }\n  }\n": types.SearchPeopleDocument,
    "\n  query AccessReport($actor: String!, $from: DateTime!, $to: DateTime!) {\n    accessReport(actor: $actor, from: $from, to: $to) {\n      actor\n      reads\n      people {\n        personId\n        reads\n        firstAt\n        lastAt\n        agencies\n        purposes\n        outcomes\n      }\n    }\n  }\n": types.AccessReportDocument,
    "\n  query BreakGlassQueue($first: Int!) {\n    breakGlassQueue(first: $first) {\n      eventId\n      personId\n      occurredAt\n      actor\n      role\n      organisation\n      purpose\n      agencies\n      breakGlassReason\n    }\n  }\n": types.BreakGlassQueueDocument,
    "\n  mutation ReviewBreakGlass($eventId: ID!, $verdict: BreakGlassVerdict!, $note: String) {\n    reviewBreakGlass(eventId: $eventId, verdict: $verdict, note: $note) {\n      eventId\n      verdict\n    }\n  }\n": types.ReviewBreakGlassDocument,
    "\n  query AuditTrail($personId: ID!, $first: Int!) {\n    auditTrail(personId: $personId, first: $first) {\n      eventId\n      occurredAt\n      actor\n      role\n      organisation\n      purpose\n      agencies\n      denied\n      outcome\n      breakGlassReason\n      awaitingReview\n      breakGlassReview {\n        verdict\n      }\n    }\n  }\n": types.AuditTrailDocument,
    "\n  query NewBirthsNotKnownToCentres($locality: ID!, $since: Date) {\n    newBirthsNotKnownToCentres(locality: $locality, since: $since) {\n      dateOfBirth\n      child {\n        id\n        givenName\n        familyName\n        birthRegistration {\n          asChild {\n            district\n            registeredOn\n          }\n        }\n        healthVisiting {\n          namedHealthVisitor\n          team\n        }\n      }\n      mother {\n        id\n        givenName\n        familyName\n      }\n    }\n  }\n": types.NewBirthsNotKnownToCentresDocument,
    "\n  query LocalityProfile($locality: ID!) {\n    localityProfile(locality: $locality) {\n      asOf\n      birthsFrom\n      underFives\n      births\n      reach {\n        registered\n        rate\n      }\n      reachMostDeprived {\n        children\n        registered\n        rate\n      }\n      birthsRegisteredWithCentre {\n        registered\n        rate\n      }\n      birthsRegisteredAtCentre {\n        registered\n        atCentre\n        rate\n      }\n      reviewPerformance {\n        ...ReviewFigures\n      }\n    }\n  }\n": types.LocalityProfileDocument,
    "\n  query LinkQueue($after: String, $first: Int!) {\n    linkCandidates(after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        probability\n        recordA {\n          ...CandidateRecordFields\n        }\n        recordB {\n          ...CandidateRecordFields\n        }\n        comparisons {\n          field\n          level\n          weight\n        }\n      }\n    }\n  }\n\n  fragment CandidateRecordFields on CandidateRecord {\n    agency\n    localId\n    nhsNumber\n    givenName\n    familyName\n    dateOfBirth\n    sex\n    postcode\n    person {\n      id\n    }\n  }\n": types.LinkQueueDocument,
    "\n  mutation ConfirmLink($candidateId: ID!, $note: String) {\n    confirmLink(candidateId: $candidateId, note: $note) {\n      decisions {\n        id\n        decision\n      }\n      persons {\n        id\n      }\n    }\n  }\n": types.ConfirmLinkDocument,
    "\n  mutation RejectLink($candidateId: ID!, $note: String) {\n    rejectLink(candidateId: $candidateId, note: $note) {\n      decisions {\n        id\n        decision\n      }\n      persons {\n        id\n      }\n    }\n  }\n": types.RejectLinkDocument,
    "\n  query PersonRecords($id: ID!) {\n    person(id: $id) {\n      id\n      records {\n        agency\n        localId\n        linkedBy\n        confidence\n      }\n    }\n  }\n": types.PersonRecordsDocument,
    "\n  mutation UnlinkRecord($personId: ID!, $record: AgencyRecordInput!, $note: String) {\n    unlink(personId: $personId, record: $record, note: $note) {\n      decisions {\n        id\n      }\n      persons {\n        id\n      }\n    }\n  }\n": types.UnlinkRecordDocument,
    "\n  query MandatedReviewWorklist($locality: ID!, $dueWithinDays: Int) {\n    mandatedReviewWorklist(locality: $locality, dueWithinDays: $dueWithinDays) {\n      person {\n        id\n        givenName\n        familyName\n        dateOfBirth\n      }\n      review\n      dueBy\n      status\n      team\n      namedHealthVisitor\n    }\n  }\n": types.MandatedReviewWorklistDocument,
    "\n  fragment ReviewFigures on MandatedReviewPerformance {\n    periodStart\n    periodEnd\n    reviews {\n      review\n      eligible\n      completedInTime\n      rate\n      nationalRate\n    }\n  }\n": types.ReviewFiguresFragmentDoc,
    "\n  query MandatedReviewPerformance($locality: ID) {\n    mandatedReviewPerformance(locality: $locality) {\n      ...ReviewFigures\n    }\n  }\n": types.MandatedReviewPerformanceDocument,
    "\n  query SafeguardingMeetingList($locality: ID!, $weekOf: Date) {\n    safeguardingMeetingList(locality: $locality, weekOf: $weekOf) {\n      family {\n        id\n        members {\n          relationship\n          person {\n            id\n            givenName\n            familyName\n          }\n        }\n      }\n      reasons {\n        person {\n          id\n          givenName\n          familyName\n        }\n        agency\n        kind\n        what\n        on\n      }\n    }\n  }\n": types.SafeguardingMeetingListDocument,
    "\n  fragment BirthRegistrationPanel on Person {\n    birthRegistration {\n      asChild {\n        id\n        district\n        entryNumber\n        registeredOn\n        registeredWithinLegalPeriod\n        placeOfBirth\n      }\n      asParent {\n        id\n        district\n        entryNumber\n        registeredOn\n        registeredWithinLegalPeriod\n      }\n    }\n  }\n": types.BirthRegistrationPanelFragmentDoc,
    "\n  fragment ChildrensCentresPanel on Person {\n    childrensCentres {\n      registrations {\n        memberRef\n        role\n        registeredOn\n        consentToShare\n        sessionsAttended\n        lastAttendedOn\n        centre {\n          code\n          name\n        }\n      }\n    }\n  }\n": types.ChildrensCentresPanelFragmentDoc,
    "\n  fragment ChildrensSocialCarePanel on Person {\n    childrensSocialCare {\n      flags {\n        type\n        startedOn\n        endedOn\n        active\n        detail {\n          categoryOfAbuse\n          reason\n          reviews\n        }\n      }\n      socialWorker {\n        name\n        team\n        phone\n      }\n    }\n  }\n": types.ChildrensSocialCarePanelFragmentDoc,
    "\n  fragment HealthVisitingPanel on Person {\n    healthVisiting {\n      clientType\n      team\n      namedHealthVisitor\n      base\n      onCaseloadSince\n      expectedDeliveryDate\n      breastfeedingAtSixToEightWeeks\n      mandatedReviews {\n        type\n        dueFrom\n        dueBy\n        completedOn\n        status\n      }\n    }\n  }\n": types.HealthVisitingPanelFragmentDoc,
    "\n  fragment MaternityPanel on Person {\n    maternity {\n      provider\n      pregnancies {\n        id\n        agreedDueDate\n        bookedOn\n        outcome\n      }\n      birth {\n        localId\n        bornAt\n        birthWeightGrams\n        deliveryMethod\n      }\n    }\n  }\n": types.MaternityPanelFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Localities {\n    localities {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').LocalitiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvolvedServices on Person {\n    involvements {\n      agency\n      status\n      leadPractitioner {\n        name\n        role\n        team\n        phone\n      }\n      since\n      lastContactOn\n    }\n  }\n"): typeof import('./graphql').InvolvedServicesFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      nhsNumber\n      givenName\n      familyName\n      dateOfBirth\n      sex\n      family {\n        id\n        members {\n          relationship\n          person {\n            id\n            givenName\n            familyName\n            dateOfBirth\n          }\n        }\n      }\n      ...HealthVisitingPanel\n      ...MaternityPanel\n      ...ChildrensCentresPanel\n      ...BirthRegistrationPanel\n      ...ChildrensSocialCarePanel\n      ...InvolvedServices\n    }\n  }\n"): typeof import('./graphql').PersonPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchPeople($query: PersonSearchInput!) {\n    searchPeople(query: $query) {\n      score\n      matchedOn\n      person {\n        id\n        givenName\n        familyName\n        dateOfBirth\n        postcode\n      }\n    }\n  }\n"): typeof import('./graphql').SearchPeopleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccessReport($actor: String!, $from: DateTime!, $to: DateTime!) {\n    accessReport(actor: $actor, from: $from, to: $to) {\n      actor\n      reads\n      people {\n        personId\n        reads\n        firstAt\n        lastAt\n        agencies\n        purposes\n        outcomes\n      }\n    }\n  }\n"): typeof import('./graphql').AccessReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BreakGlassQueue($first: Int!) {\n    breakGlassQueue(first: $first) {\n      eventId\n      personId\n      occurredAt\n      actor\n      role\n      organisation\n      purpose\n      agencies\n      breakGlassReason\n    }\n  }\n"): typeof import('./graphql').BreakGlassQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewBreakGlass($eventId: ID!, $verdict: BreakGlassVerdict!, $note: String) {\n    reviewBreakGlass(eventId: $eventId, verdict: $verdict, note: $note) {\n      eventId\n      verdict\n    }\n  }\n"): typeof import('./graphql').ReviewBreakGlassDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrail($personId: ID!, $first: Int!) {\n    auditTrail(personId: $personId, first: $first) {\n      eventId\n      occurredAt\n      actor\n      role\n      organisation\n      purpose\n      agencies\n      denied\n      outcome\n      breakGlassReason\n      awaitingReview\n      breakGlassReview {\n        verdict\n      }\n    }\n  }\n"): typeof import('./graphql').AuditTrailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NewBirthsNotKnownToCentres($locality: ID!, $since: Date) {\n    newBirthsNotKnownToCentres(locality: $locality, since: $since) {\n      dateOfBirth\n      child {\n        id\n        givenName\n        familyName\n        birthRegistration {\n          asChild {\n            district\n            registeredOn\n          }\n        }\n        healthVisiting {\n          namedHealthVisitor\n          team\n        }\n      }\n      mother {\n        id\n        givenName\n        familyName\n      }\n    }\n  }\n"): typeof import('./graphql').NewBirthsNotKnownToCentresDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LocalityProfile($locality: ID!) {\n    localityProfile(locality: $locality) {\n      asOf\n      birthsFrom\n      underFives\n      births\n      reach {\n        registered\n        rate\n      }\n      reachMostDeprived {\n        children\n        registered\n        rate\n      }\n      birthsRegisteredWithCentre {\n        registered\n        rate\n      }\n      birthsRegisteredAtCentre {\n        registered\n        atCentre\n        rate\n      }\n      reviewPerformance {\n        ...ReviewFigures\n      }\n    }\n  }\n"): typeof import('./graphql').LocalityProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LinkQueue($after: String, $first: Int!) {\n    linkCandidates(after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        probability\n        recordA {\n          ...CandidateRecordFields\n        }\n        recordB {\n          ...CandidateRecordFields\n        }\n        comparisons {\n          field\n          level\n          weight\n        }\n      }\n    }\n  }\n\n  fragment CandidateRecordFields on CandidateRecord {\n    agency\n    localId\n    nhsNumber\n    givenName\n    familyName\n    dateOfBirth\n    sex\n    postcode\n    person {\n      id\n    }\n  }\n"): typeof import('./graphql').LinkQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmLink($candidateId: ID!, $note: String) {\n    confirmLink(candidateId: $candidateId, note: $note) {\n      decisions {\n        id\n        decision\n      }\n      persons {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').ConfirmLinkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectLink($candidateId: ID!, $note: String) {\n    rejectLink(candidateId: $candidateId, note: $note) {\n      decisions {\n        id\n        decision\n      }\n      persons {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').RejectLinkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonRecords($id: ID!) {\n    person(id: $id) {\n      id\n      records {\n        agency\n        localId\n        linkedBy\n        confidence\n      }\n    }\n  }\n"): typeof import('./graphql').PersonRecordsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlinkRecord($personId: ID!, $record: AgencyRecordInput!, $note: String) {\n    unlink(personId: $personId, record: $record, note: $note) {\n      decisions {\n        id\n      }\n      persons {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').UnlinkRecordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MandatedReviewWorklist($locality: ID!, $dueWithinDays: Int) {\n    mandatedReviewWorklist(locality: $locality, dueWithinDays: $dueWithinDays) {\n      person {\n        id\n        givenName\n        familyName\n        dateOfBirth\n      }\n      review\n      dueBy\n      status\n      team\n      namedHealthVisitor\n    }\n  }\n"): typeof import('./graphql').MandatedReviewWorklistDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReviewFigures on MandatedReviewPerformance {\n    periodStart\n    periodEnd\n    reviews {\n      review\n      eligible\n      completedInTime\n      rate\n      nationalRate\n    }\n  }\n"): typeof import('./graphql').ReviewFiguresFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MandatedReviewPerformance($locality: ID) {\n    mandatedReviewPerformance(locality: $locality) {\n      ...ReviewFigures\n    }\n  }\n"): typeof import('./graphql').MandatedReviewPerformanceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SafeguardingMeetingList($locality: ID!, $weekOf: Date) {\n    safeguardingMeetingList(locality: $locality, weekOf: $weekOf) {\n      family {\n        id\n        members {\n          relationship\n          person {\n            id\n            givenName\n            familyName\n          }\n        }\n      }\n      reasons {\n        person {\n          id\n          givenName\n          familyName\n        }\n        agency\n        kind\n        what\n        on\n      }\n    }\n  }\n"): typeof import('./graphql').SafeguardingMeetingListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BirthRegistrationPanel on Person {\n    birthRegistration {\n      asChild {\n        id\n        district\n        entryNumber\n        registeredOn\n        registeredWithinLegalPeriod\n        placeOfBirth\n      }\n      asParent {\n        id\n        district\n        entryNumber\n        registeredOn\n        registeredWithinLegalPeriod\n      }\n    }\n  }\n"): typeof import('./graphql').BirthRegistrationPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChildrensCentresPanel on Person {\n    childrensCentres {\n      registrations {\n        memberRef\n        role\n        registeredOn\n        consentToShare\n        sessionsAttended\n        lastAttendedOn\n        centre {\n          code\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ChildrensCentresPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChildrensSocialCarePanel on Person {\n    childrensSocialCare {\n      flags {\n        type\n        startedOn\n        endedOn\n        active\n        detail {\n          categoryOfAbuse\n          reason\n          reviews\n        }\n      }\n      socialWorker {\n        name\n        team\n        phone\n      }\n    }\n  }\n"): typeof import('./graphql').ChildrensSocialCarePanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HealthVisitingPanel on Person {\n    healthVisiting {\n      clientType\n      team\n      namedHealthVisitor\n      base\n      onCaseloadSince\n      expectedDeliveryDate\n      breastfeedingAtSixToEightWeeks\n      mandatedReviews {\n        type\n        dueFrom\n        dueBy\n        completedOn\n        status\n      }\n    }\n  }\n"): typeof import('./graphql').HealthVisitingPanelFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MaternityPanel on Person {\n    maternity {\n      provider\n      pregnancies {\n        id\n        agreedDueDate\n        bookedOn\n        outcome\n      }\n      birth {\n        localId\n        bornAt\n        birthWeightGrams\n        deliveryMethod\n      }\n    }\n  }\n"): typeof import('./graphql').MaternityPanelFragmentDoc;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
