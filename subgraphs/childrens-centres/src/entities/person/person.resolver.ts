import { recordGrant, withGrant } from "@ffd/shared";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import type { CentreMember } from "../../source/childrens-centres.port";
import { ChildrensCentresRecord } from "../record/record.type";
import { CentreMemberRole, type CentreRegistration } from "../registration/registration.type";
import { Person } from "./person.type";

@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => ChildrensCentresRecord, { nullable: true })
  async childrensCentres(@Root() person: Person, @Ctx() context: Context): Promise<ChildrensCentresRecord | null> {
    // Refused (FORBIDDEN) before anything is read, whether or not the centres know the person.
    const grant = recordGrant(context.caller, "childrensCentres", person.legitimateRelationship === true);
    const refs = [...new Set(person.childrensCentresRecordIds ?? [])];
    if (refs.length === 0) return null;
    const loaded = await context.loaders.member.loadMany(refs);
    const members: CentreMember[] = [];
    for (const m of loaded) {
      if (m instanceof Error) throw m;
      if (m) members.push(m);
    }
    if (members.length === 0) return null;
    return withGrant(
      {
        localIds: members.map((m) => m.memberRef),
        registrations: members.map((m): CentreRegistration =>
          withGrant(
            {
              memberRef: m.memberRef,
              role: CentreMemberRole[m.role],
              relationship: m.relationship,
              householdRef: m.householdRef,
            },
            "childrensCentres",
            grant,
          ),
        ),
      },
      "childrensCentres",
      grant,
    );
  }
}
