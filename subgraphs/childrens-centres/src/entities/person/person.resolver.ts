import { agencyPersonResolver, withGrant } from "@ffd/shared";
import type { ChildrensCentresContext } from "../../context";
import type { CentreMember } from "../../source/childrens-centres.port";
import { ChildrensCentresRecord } from "../record/record.type";
import { CentreMemberRole, type CentreRegistration } from "../registration/registration.type";
import { Person } from "./person.type";

/** Person.childrensCentres: the kit applies the grant; this reads the record, one registration per member. */
export const PersonResolver = agencyPersonResolver("childrens-centres", Person, {
  record: () => ChildrensCentresRecord,
  async load(refs, context: ChildrensCentresContext, grant) {
    // load() each rather than loadMany(): a failed system must fail the field, not become a null.
    const loaded = await Promise.all(refs.map((ref) => context.loaders.member.load(ref)));
    const members = loaded.filter((m): m is CentreMember => m !== null);
    if (members.length === 0) return null;
    return {
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
    };
  },
});
