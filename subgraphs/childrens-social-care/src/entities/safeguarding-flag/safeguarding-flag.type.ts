import { DateScalar, needs } from "@ffd/shared";
import { Authorized, Field, ObjectType, registerEnumType } from "type-graphql";
import { CategoryOfAbuse, SafeguardingFlagType } from "../../source/childrens-social-care.port";

registerEnumType(SafeguardingFlagType, {
  name: "SafeguardingFlagType",
  description: "What a safeguarding flag says, as the Child Protection Information Sharing service (CP-IS) shares it.",
  valuesConfig: {
    CHILD_PROTECTION_PLAN: { description: "The child is subject to a child protection plan." },
    UNBORN_CHILD_PROTECTION_PLAN: {
      description: "An unborn child is subject to a child protection plan: held on the expectant mother.",
    },
    LOOKED_AFTER: { description: "The child is looked after by the local authority." },
    CHILD_IN_NEED: { description: "The child is a child in need (Children Act 1989, section 17)." },
  },
});

registerEnumType(CategoryOfAbuse, {
  name: "CategoryOfAbuse",
  description: "The category of abuse a child protection plan is made under (the CIN census categories).",
});

@ObjectType({ description: "A plan's or episode's detail: for safeguarding, with a relationship or break-glass." })
export class SafeguardingFlagDetail {
  @Field(() => CategoryOfAbuse, { nullable: true, description: "A plan's category of abuse; null for other flags." })
  categoryOfAbuse!: CategoryOfAbuse | null;

  @Field(() => String, {
    nullable: true,
    description: "Why: a child in need's primary need, or a looked-after child's legal status; null for a plan.",
  })
  reason!: string | null;

  @Field(() => [DateScalar], { description: "A plan's review conferences, earliest first; empty for other flags." })
  reviews!: string[];
}

@ObjectType({
  description:
    "A safeguarding flag, as CP-IS shows it to health and care staff: shown while active and for 12 months after it ends.",
})
export class SafeguardingFlag {
  @Field(() => SafeguardingFlagType)
  type!: SafeguardingFlagType;

  @Field(() => DateScalar)
  startedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: "Null while the flag is active." })
  endedOn!: string | null;

  @Field(() => Boolean, { description: "Whether the plan, care or need is current (not ended)." })
  active!: boolean;

  @Authorized(needs("childrensSocialCare", "FULL"))
  @Field(() => SafeguardingFlagDetail, {
    nullable: true,
    description: "The plan's detail. Detail: null with FORBIDDEN for a summary.",
  })
  detail!: SafeguardingFlagDetail | null;
}
