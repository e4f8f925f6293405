import { DateScalar } from "@ffd/shared";
import { Field, ObjectType, registerEnumType } from "type-graphql";
import { AgencyName } from "../enums";

export enum InvolvementStatus {
  CURRENT = "CURRENT",
  HISTORIC = "HISTORIC",
}
registerEnumType(InvolvementStatus, {
  name: "InvolvementStatus",
  description: "Whether an agency is working with the person now, as its own system shows it.",
  valuesConfig: {
    CURRENT: {
      description:
        "The agency is working with the person now (health visiting: a child under five on a caseload, or a contact in the last 12 months; children's centres: registered or at a session in the last 12 months; maternity: a pregnancy ongoing or a birth in the last 28 days; children's social care: an open episode).",
    },
    HISTORIC: {
      description: "The agency has worked with the person and is not now (a birth registration is always historic).",
    },
  },
});

@ObjectType({
  description:
    "The practitioner leading an agency's work with the person: their work contact (as CP-IS shows the social worker), never a personal one.",
})
export class LeadPractitioner {
  @Field(() => String)
  name!: string;

  @Field(() => String, {
    description:
      "What they are to the person: Health visitor, Key worker, Community midwife, Registrar, Social worker.",
  })
  role!: string;

  @Field(() => String, { nullable: true, description: "Their team, centre or register office." })
  team!: string | null;

  @Field(() => String, { nullable: true, description: "A work number for them or their team, as the agency holds it." })
  phone!: string | null;
}

@ObjectType({
  description:
    "One agency's involvement with the person, read live from the agency's own system: summary level (who, since when, the last contact), no clinical or case detail.",
})
export class Involvement {
  @Field(() => AgencyName, { description: "The agency involved." })
  agency!: AgencyName;

  @Field(() => InvolvementStatus)
  status!: InvolvementStatus;

  @Field(() => LeadPractitioner, {
    nullable: true,
    description: "Who leads the agency's work with the person; null when its system names no one.",
  })
  leadPractitioner!: LeadPractitioner | null;

  @Field(() => DateScalar, { nullable: true, description: "When the involvement began." })
  since!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "The last contact: a visit, a session attended, an appointment, the registration or a review; null when none is recorded.",
  })
  lastContactOn!: string | null;
}
