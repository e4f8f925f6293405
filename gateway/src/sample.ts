/** The sample query printed at start and preloaded in the IDE: the Hussain family, whole. */
export const SAMPLE_QUERY = `# The Hussain family, composed live from all four agency systems.
query HussainFamily {
  searchPeople(query: { familyName: "Hussain", dateOfBirth: "1994-03-12" }) {
    score
    matchedOn
    person {
      id
      givenName
      familyName
      family {
        id
        members {
          relationship
          person {
            id
            givenName
            familyName
            dateOfBirth
            nhsNumber
            maternity { localIds pregnancies { agreedDueDate outcome } birth { bornAt birthWeightGrams deliveryMethod } }
            healthVisiting { namedHealthVisitor team mandatedReviews { type dueBy completedOn status } }
            childrensCentres { registrations { centre { name cluster } household { postcode } sessionsAttended } }
            birthRegistration { asChild { registeredOn registeredWithinLegalPeriod registeredAtChildrensCentre venue } }
          }
        }
      }
    }
  }
}
`;
