import { DateScalar, DateTimeScalar, Sex } from "@ffd/shared";
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { AgencyName } from "../enums";
import { Person } from "../person/person.type";

export enum ReviewKind {
  CONFIRM = "CONFIRM",
  REJECT = "REJECT",
  UNLINK = "UNLINK",
}
registerEnumType(ReviewKind, {
  name: "ReviewKind",
  description: "Which review action made a decision.",
  valuesConfig: {
    CONFIRM: { description: "confirmLink: the two records are the same person." },
    REJECT: { description: "rejectLink: the two records are not the same person." },
    UNLINK: {
      description: "unlink: a record split out of a person (not the same person as each of its other records).",
    },
  },
});

export enum ReviewVerdict {
  SAME_PERSON = "SAME_PERSON",
  NOT_SAME_PERSON = "NOT_SAME_PERSON",
}
registerEnumType(ReviewVerdict, {
  name: "ReviewVerdict",
  description: "What a decision says about a pair of records.",
});

@InputType({ description: "One agency record, by its agency and its id in that agency's system." })
export class AgencyRecordInput {
  @Field(() => AgencyName)
  agency!: AgencyName;

  @Field(() => ID)
  localId!: string;
}

@ObjectType({ description: "One agency record, by its agency and its id in that agency's system." })
export class AgencyRecordRef {
  @Field(() => AgencyName)
  agency!: AgencyName;

  @Field(() => ID)
  localId!: string;
}

@ObjectType({
  description:
    "One side of a candidate pair: the record and the demographics it holds, as the agency holds them (postcode normalised).",
})
export class CandidateRecord {
  @Field(() => AgencyName)
  agency!: AgencyName;

  @Field(() => ID)
  localId!: string;

  @Field(() => String, { nullable: true, description: "As held, valid or not." })
  nhsNumber!: string | null;

  @Field(() => String, { nullable: true })
  givenName!: string | null;

  @Field(() => String, { nullable: true })
  familyName!: string | null;

  @Field(() => DateScalar, { nullable: true })
  dateOfBirth!: string | null;

  @Field(() => Sex, { nullable: true })
  sex!: Sex | null;

  @Field(() => String, { nullable: true })
  postcode!: string | null;

  @Field(() => Person, { description: "The person the record belongs to now." })
  person!: Person;
}

@ObjectType({ description: "How one field compared between the two records of a candidate pair." })
export class FieldComparison {
  @Field(() => String, { description: "givenName, familyName, dateOfBirth, sex, postcode or nhsNumber." })
  field!: string;

  @Field(() => String, {
    description: 'The level it agreed at, e.g. "exact", "phonetic", "transposed", "sector", "different", "missing".',
  })
  level!: string;

  @Field(() => Float, {
    nullable: true,
    description: "The comparison's match weight (log2 Bayes factor): positive for, negative against.",
  })
  weight!: number | null;
}

@ObjectType({ description: "Two records the linkage is unsure about, with the evidence side by side." })
export class LinkCandidate {
  @Field(() => ID, { description: "Stable for the pair (derived from the two record keys)." })
  id!: string;

  @Field(() => Float, { description: "The match probability, from 0 to 1." })
  probability!: number;

  @Field(() => CandidateRecord)
  recordA!: CandidateRecord;

  @Field(() => CandidateRecord)
  recordB!: CandidateRecord;

  @Field(() => [FieldComparison])
  comparisons!: FieldComparison[];
}

@ObjectType()
export class LinkCandidatePageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: "Pass as `after` for the next page." })
  endCursor!: string | null;
}

@ObjectType({ description: "A page of candidate pairs, most probable first." })
export class LinkCandidateConnection {
  @Field(() => [LinkCandidate])
  nodes!: LinkCandidate[];

  @Field(() => Int, { description: "Undecided candidate pairs in the index." })
  totalCount!: number;

  @Field(() => LinkCandidatePageInfo)
  pageInfo!: LinkCandidatePageInfo;
}

@ObjectType("ReviewDecision", {
  description: "A data steward's decision about two records: kept across rebuilds, with who and when.",
})
export class ReviewDecisionRecord {
  @Field(() => ID)
  id!: string;

  @Field(() => ReviewKind)
  kind!: ReviewKind;

  @Field(() => ReviewVerdict)
  decision!: ReviewVerdict;

  @Field(() => AgencyRecordRef)
  recordA!: AgencyRecordRef;

  @Field(() => AgencyRecordRef)
  recordB!: AgencyRecordRef;

  @Field(() => String, { description: "The caller's subject, as the gateway verified it." })
  decidedBy!: string;

  @Field(() => String, { description: "The caller's role when deciding." })
  decidedRole!: string;

  @Field(() => DateTimeScalar)
  decidedAt!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Float, { nullable: true, description: "The match probability when the pair was a candidate." })
  probability!: number | null;
}

@ObjectType({ description: "What a review action decided, and the people the records belong to after it." })
export class ReviewOutcome {
  @Field(() => [ReviewDecisionRecord])
  decisions!: ReviewDecisionRecord[];

  @Field(() => [Person], { description: "The people holding the decided records now, in the index rebuilt after it." })
  persons!: Person[];
}
