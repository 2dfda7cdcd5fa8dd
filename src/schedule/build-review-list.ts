import { daysBetween, type Day } from "../core/zoned-time.ts";
import { cappedLines } from "../format/capped-lines.ts";
import { deadlineLabel, shortText } from "../format/issue-status.ts";
import { dayHeading } from "../format/day-heading.ts";
import type { ReviewIssue } from "./job-snapshots.ts";

/** More than this and the rest are only counted: staff work through them over days anyway. */
const LIST_LIMIT = 30;

export const REVIEW_REPLY_HINT = "回复：回头看 <编号> 合格，或 回头看 <编号> 反弹 <说明>";

/** Pure: the admins' list of 回头看 reviews due today or earlier and not yet recorded; null when none. */
export function buildReviewList(reviews: ReviewIssue[], o: { today: Day }): string | null {
  if (reviews.length === 0) return null;
  const sorted = [...reviews].sort((a, b) => a.reviewDue.localeCompare(b.reviewDue) || a.code.localeCompare(b.code));
  const lines = [`【回头看提醒】${dayHeading(o.today)}，待回头看 ${sorted.length} 个：`];
  lines.push(
    ...cappedLines(sorted, LIST_LIMIT, (r, i) => {
      const late = daysBetween(r.reviewDue, o.today);
      const when = late > 0 ? `应于${deadlineLabel(r.reviewDue, o.today)}，已过${late}天` : "今天到期";
      return `${i + 1}. ${r.code} ${r.unitName} ${shortText(r.description, 12)}｜${when}`;
    }),
  );
  lines.push(REVIEW_REPLY_HINT);
  return lines.join("\n");
}
