import { daysBetween, dayLabel, type Day } from "../core/zoned-time.ts";
import { STATE_LABEL, isOpen, type IssueState } from "../domain/issue-state.ts";

type Dated = { state: string; deadline: Day | null; progressPct?: number | null };

/** How a long-term issue (长期坚持, no deadline) is shown where a deadline would be. */
export const LONG_TERM = "长期坚持";

/** `逾期3天` / `今天到期` / `剩5天` for open issues; the state name otherwise. */
export function timeStatus(issue: Dated, today: Day): string {
  if (!isOpen(issue.state)) return stateLabel(issue.state);
  if (issue.deadline === null) return LONG_TERM;
  const left = daysBetween(today, issue.deadline);
  if (left < 0) return `逾期${-left}天`;
  if (left === 0) return "今天到期";
  return `剩${left}天`;
}

export function stateLabel(state: string): string {
  return STATE_LABEL[state as IssueState] ?? state;
}

/** `整改中 60%` */
export function stateWithPct(issue: Dated): string {
  const label = stateLabel(issue.state);
  return issue.state === "IN_PROGRESS" && issue.progressPct != null ? `${label} ${issue.progressPct}%` : label;
}

/** Long descriptions are cut for list lines; a phone shows about 20 characters a line. */
export function shortText(text: string, max = 20): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t; // UTF-16 length bounds the character count: most texts stop here
  const chars = [...t];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : t;
}

export function deadlineLabel(deadline: Day | null, today: Day): string {
  if (deadline === null) return LONG_TERM;
  return dayLabel(deadline, Number(today.slice(0, 4)));
}
