import { DateTimeScalar } from "@ffd/shared";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { AuditOutcome } from "./audit-event.type";

@ObjectType({ description: "One person whose record the user read in the period." })
export class AccessReportEntry {
  @Field(() => ID, { description: "The family index id of the person." })
  personId!: string;

  @Field(() => Int, { description: "How many times the user read this person's record in the period." })
  reads!: number;

  @Field(() => DateTimeScalar)
  firstAt!: string;

  @Field(() => DateTimeScalar)
  lastAt!: string;

  @Field(() => [String], { description: "Every agency whose data about the person the user saw." })
  agencies!: string[];

  @Field(() => [String], { description: "Every purpose the user stated for these reads." })
  purposes!: string[];

  @Field(() => [AuditOutcome])
  outcomes!: AuditOutcome[];
}

@ObjectType({ description: "What one user read in a period: every person, how often, what and why." })
export class AccessReport {
  @Field(() => String, { description: "The user (their token's subject)." })
  actor!: string;

  @Field(() => DateTimeScalar, { description: "Start of the period (inclusive), UTC." })
  from!: string;

  @Field(() => DateTimeScalar, { description: "End of the period (exclusive), UTC." })
  to!: string;

  @Field(() => Int, { description: "Reads of people's records in the period." })
  reads!: number;

  @Field(() => [AccessReportEntry], { description: "One entry per person read, in order of first read." })
  people!: AccessReportEntry[];
}
