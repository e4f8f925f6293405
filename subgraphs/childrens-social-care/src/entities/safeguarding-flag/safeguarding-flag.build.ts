import { addMonths, type IsoDate } from "@ffd/shared";
import type { Episode } from "../../source/childrens-social-care.port";
import type { SafeguardingFlag } from "./safeguarding-flag.type";

/** CP-IS keeps showing a flag for this long after it ends, so a recent plan is not lost from view. */
export const FLAG_VISIBLE_MONTHS_AFTER_END = 12;

/**
 * The flags of a person's episodes as of `today`: every open episode, and every episode ended
 * within the last 12 months; active first, then the latest start first. The detail rides along
 * (its field withholds it from a summary).
 */
export function flagsOf(episodes: readonly Episode[], today: IsoDate): SafeguardingFlag[] {
  const shownFrom = addMonths(today, -FLAG_VISIBLE_MONTHS_AFTER_END);
  return episodes
    .filter((e) => e.startedOn <= today && (e.endedOn === null || e.endedOn >= shownFrom))
    .map((e) => ({
      type: e.type,
      startedOn: e.startedOn,
      endedOn: e.endedOn,
      active: e.endedOn === null || e.endedOn > today,
      detail: { categoryOfAbuse: e.categoryOfAbuse, reason: e.reason, reviews: e.reviews },
    }))
    .sort((a, b) => Number(b.active) - Number(a.active) || (a.startedOn < b.startedOn ? 1 : -1));
}
