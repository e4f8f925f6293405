/**
 * The sample query printed at start and preloaded in the IDE: the Hussain family, as the IDE's
 * development token (front-door staff, direct care) may see it: each agency's summary.
 */
export const SAMPLE_QUERY = `# The Hussain family, composed live from all four agency systems.
# Front-door staff see each agency's summary for direct care (who holds the family, what is due);
# detail such as contacts or birth weights comes back null with a FORBIDDEN error naming the agency.
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
            maternity { localIds provider pregnancies { agreedDueDate } }
            healthVisiting { namedHealthVisitor team mandatedReviews { type dueBy completedOn status } }
            childrensCentres { registrations { centre { name cluster } registeredOn consentToShare } }
            birthRegistration { asChild { registeredOn registeredWithinLegalPeriod } }
          }
        }
      }
    }
  }
}
`;
