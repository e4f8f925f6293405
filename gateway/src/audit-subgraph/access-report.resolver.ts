import { badUserInput, DateTimeScalar } from "@ffd/shared";
import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { AccessReport as StoredAccessReport } from "../audit/store";
import { requireAuditor, requireId, requireOrder, utc } from "./arguments";
import { AccessReport } from "./access-report.type";
import { fromStore, type AuditContext } from "./context";

/** The longest period one access report covers: a year (366 days, for leap years). */
export const MAX_REPORT_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

@Resolver(() => AccessReport)
export class AccessReportResolver {
  @Query(() => AccessReport, {
    description: `What one user read between from (inclusive) and to (exclusive): every person, how often, which agencies' data, for which purposes and with what outcome. At most ${MAX_REPORT_DAYS} days. Information governance auditors only.`,
  })
  async accessReport(
    @Arg("actor", () => String, { description: "The user (their token's subject, as in AuditEvent.actor)." })
    actor: string,
    @Arg("from", () => DateTimeScalar) from: string,
    @Arg("to", () => DateTimeScalar) to: string,
    @Ctx() ctx: AuditContext,
  ): Promise<StoredAccessReport> {
    requireAuditor(ctx);
    const user = requireId(actor, "actor", "the user whose access you want to report on");
    requireOrder(from, to);
    if (Date.parse(to) - Date.parse(from) > MAX_REPORT_DAYS * DAY_MS) {
      throw badUserInput(
        `An access report covers at most ${MAX_REPORT_DAYS} days: ask for a shorter period, or one report per year.`,
        "to",
      );
    }
    const [since, until] = [utc(from), utc(to)];
    return fromStore(ctx, () => ctx.store.accessReport(user, since, until));
  }
}
