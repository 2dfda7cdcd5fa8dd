import { dayLabel, type ZonedTime } from "../core/zoned-time.ts";
import { isOpen, STATE_LABEL, type IssueState } from "../domain/issue-state.ts";
import { colourName, noticeNumber, type NoticeColour } from "../domain/light.ts";

export interface RegisterNotice {
  colour: string;
  year: number;
  number: number;
  reason: string;
  issuedAt: Date;
  issue: { code: string; state: string; unit: { name: string } };
}

/**
 * `督〔2026〕12号 红 DB-2026-001 区水利局 12月11日｜逾期1天（已销号）`: the issue's state
 * only once it is no longer open, since the register is read to see what became of each.
 */
export function noticeLine(n: RegisterNotice, time: ZonedTime): string {
  const day = dayLabel(time.today(n.issuedAt), n.year);
  const state = isOpen(n.issue.state) ? "" : `（${STATE_LABEL[n.issue.state as IssueState] ?? n.issue.state}）`;
  return `${noticeNumber(n)} ${colourName(n.colour as NoticeColour)} ${n.issue.code} ${n.issue.unit.name} ${day}｜${n.reason}${state}`;
}
