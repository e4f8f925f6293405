import { agencyPersonResolver, withGrants } from "@ffd/shared";
import type { ChildrensSocialCareContext } from "../../context";
import { childrensSocialCareRecordOf } from "../childrens-social-care-record/childrens-social-care-record.build";
import { ChildrensSocialCareRecord } from "../childrens-social-care-record/childrens-social-care-record.type";
import { Person } from "./person.type";

/** Person.childrensSocialCare: the kit applies the grant; this reads the clients and builds the flags. */
export const PersonResolver = agencyPersonResolver("childrens-social-care", Person, {
  record: () => ChildrensSocialCareRecord,
  async load(ids, ctx: ChildrensSocialCareContext, grant) {
    const clients = await Promise.all(ids.map((id) => ctx.loaders.clients.load(id)));
    const record = childrensSocialCareRecordOf(ids, clients, ctx.today());
    if (!record) return null;
    // Each flag carries the person's grant, for the check on its detail.
    return { ...record, flags: withGrants(record.flags, "childrensSocialCare", grant) };
  },
});
