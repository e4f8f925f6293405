import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * Agency types that show a person other than the one whose record they sit in (the child and
 * parents on a birth registration, a baby on its mother's pregnancy), keyed by the local id the
 * agency's identity feed gives that person. The agency subgraph owns their fields; the family
 * index adds `person`, which it knows from its index, so the gateway can audit a read of them as
 * a read of that person.
 */
/** The key fields' descriptions, as the owning subgraphs give them (one text in the supergraph). */
const REGISTRATION_LOCAL_ID =
  "This person's registration local id (`<district>:<entry number>:<child|mother|parent2>`), as the identity feed gives it.";
const BABY_LOCAL_ID = "The baby's local id in the maternity system ('BAB…'), as the identity feed gives it.";
const HV_CHILD_LOCAL_ID =
  "The child's health visiting patient id (pat_id, e.g. '1002'), as the identity feed gives it: family-index adds the child as `person`.";

@Directive('@key(fields: "localId")')
@ObjectType()
export class RegisteredChild {
  @Field(() => ID, { description: REGISTRATION_LOCAL_ID })
  localId!: string;
}

@Directive('@key(fields: "localId")')
@ObjectType()
export class RegisteredParent {
  @Field(() => ID, { description: REGISTRATION_LOCAL_ID })
  localId!: string;
}

@Directive('@key(fields: "localId")')
@ObjectType()
export class BirthDetails {
  @Field(() => ID, { description: BABY_LOCAL_ID })
  localId!: string;
}

/**
 * A review of a child on a locality's mandated review work list (health visiting keys it by the
 * child's patient id and the review): the child is the person of the patient id, whichever review.
 */
@Directive('@key(fields: "childLocalId")')
@ObjectType()
export class MandatedReviewWorkItem {
  @Field(() => ID, { description: HV_CHILD_LOCAL_ID })
  childLocalId!: string;
}

/** Any of them, as a resolver sees it: the representation's key. */
export interface AgencyPersonRef {
  localId: string;
}

/** A work item, as its resolver sees it: the child's patient id. */
export interface WorkItemRef {
  childLocalId: string;
}
