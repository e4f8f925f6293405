import { Field, ID, ObjectType } from "type-graphql";
import { SafeguardingFlag } from "../safeguarding-flag/safeguarding-flag.type";

@ObjectType({ description: "The allocated social worker: who to call about the flags." })
export class SocialWorker {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  team!: string;

  @Field(() => String)
  phone!: string;
}

@ObjectType({
  description:
    "What children's social care holds about a person, as CP-IS shares it: safeguarding flags and the allocated social worker.",
})
export class ChildrensSocialCareRecord {
  @Field(() => [ID], { description: "The case management system's client numbers ('C' and seven digits)." })
  localIds!: string[];

  @Field(() => [SafeguardingFlag], {
    description: "Active flags, and flags ended in the last 12 months; active first, latest start first.",
  })
  flags!: SafeguardingFlag[];

  @Field(() => SocialWorker, { nullable: true, description: "Null when no worker is allocated." })
  socialWorker!: SocialWorker | null;
}
