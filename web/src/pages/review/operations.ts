import { graphql } from "../../gql";

/** One page of the link review queue: candidate pairs, most probable first, with the evidence. */
export const LinkQueue = graphql(`
  query LinkQueue($after: String, $first: Int!) {
    linkCandidates(after: $after, first: $first) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        probability
        recordA {
          ...CandidateRecordFields
        }
        recordB {
          ...CandidateRecordFields
        }
        comparisons {
          field
          level
          weight
        }
      }
    }
  }

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
`);

export const ConfirmLink = graphql(`
  mutation ConfirmLink($candidateId: ID!, $note: String) {
    confirmLink(candidateId: $candidateId, note: $note) {
      decisions {
        id
        decision
      }
      persons {
        id
      }
    }
  }
`);

export const RejectLink = graphql(`
  mutation RejectLink($candidateId: ID!, $note: String) {
    rejectLink(candidateId: $candidateId, note: $note) {
      decisions {
        id
        decision
      }
      persons {
        id
      }
    }
  }
`);

/** A person's records, as those who review record linkage see them (every record). */
export const PersonRecords = graphql(`
  query PersonRecords($id: ID!) {
    person(id: $id) {
      id
      records {
        agency
        localId
        linkedBy
        confidence
      }
    }
  }
`);

export const UnlinkRecord = graphql(`
  mutation UnlinkRecord($personId: ID!, $record: AgencyRecordInput!, $note: String) {
    unlink(personId: $personId, record: $record, note: $note) {
      decisions {
        id
      }
      persons {
        id
      }
    }
  }
`);

/** How many pairs one page of the queue lists. */
export const PAGE_SIZE = 20;
