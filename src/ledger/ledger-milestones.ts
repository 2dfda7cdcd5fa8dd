import { dayLabel, formatDay, isValidDay, type Day } from "../core/zoned-time.ts";
import { deadlineWindowText, isInDeadlineWindow } from "../domain/date-window.ts";
import { dayOfMonth } from "../domain/resolve-date.ts";
import { parseDateAtStart, type DateSpec } from "../parse/parse-date.ts";

/** One 整改节点 of a ledger row. */
export interface LedgerMilestone {
  due: Day;
  text: string;
  done: boolean;
}

const SEPARATOR = /[；;\r\n]+/;
const DONE_MARK = "（已完成）";
// The date and a 前 after it (`12月10日前完成…`), read by parseDateAtStart; not 前期.
const DATE_LEAD = /^[\d０-９年月日号底\-/.－／．\s]+(?:(?:之前|以前|前)(?![期提夕景]))?/;
const DONE = /[（(]\s*已完成\s*[）)]$/;

/**
 * `12月10日 完成设备采购；12月20日 安装调试（已完成）` → milestones in date order, or the
 * reason each bad one is refused. A date without a year is the one on or before the
 * deadline nearest to it (a plan runs up to its deadline, not past it); for a long-term
 * issue, in the import's year.
 */
export function parseMilestones(cell: string, deadline: Day | null, today: Day): { milestones: LedgerMilestone[]; problems: string[] } {
  const milestones: LedgerMilestone[] = [];
  const problems: string[] = [];
  for (const part of cell.split(SEPARATOR).map((p) => p.trim())) {
    if (part === "") continue;
    const shown = part.length > 30 ? `${part.slice(0, 30)}…` : part;
    // Only the date is read in NFKC (１２月１０日); the text stays as written.
    const lead = DATE_LEAD.exec(part)?.[0] ?? "";
    const date = parseDateAtStart(lead.normalize("NFKC"));
    if (!date.ok) {
      problems.push(
        date.reason === "missing" ? `整改节点“${shown}”应以日期开头，如“12月10日 完成设备采购”` : `整改节点“${shown}”的日期无效`,
      );
      continue;
    }
    const due = resolveDay(date.date, deadline, today);
    const body = (date.rest + part.slice(lead.length)).replace(/^[\s:：，,、]+/, "");
    const done = DONE.test(body);
    const text = body.replace(DONE, "").trim();
    if (due === null) problems.push(`整改节点“${shown}”的日期无效`);
    else if (!isInDeadlineWindow(Number(due.slice(0, 4)), due, today)) problems.push(`整改节点“${shown}”的日期超出范围（${deadlineWindowText(today)}）`);
    else if (text === "") problems.push(`整改节点“${shown}”缺少内容`);
    else if (deadline !== null && due > deadline) problems.push(`整改节点“${shown}”晚于整改时限（${dayLabel(deadline)}）`);
    else milestones.push({ due, text, done });
  }
  // Stable: two steps on one day keep the order they were written in.
  milestones.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  return { milestones, problems };
}

function resolveDay(spec: DateSpec, deadline: Day | null, today: Day): Day | null {
  let y = spec.y ?? Number((deadline ?? today).slice(0, 4));
  if (spec.y === undefined && deadline !== null && formatDay(y, spec.m, dayOfMonth(spec, y)) > deadline) y--;
  const d = dayOfMonth(spec, y);
  return isValidDay(y, spec.m, d) ? formatDay(y, spec.m, d) : null;
}

/**
 * The 整改节点 cell export writes, read back unchanged by parseMilestones: the year is
 * left out only where that reading gives it back.
 */
export function formatMilestones(milestones: readonly { due: Day; text: string; done: boolean }[], deadline: Day | null): string {
  return milestones
    .map((m) => {
      const [y, mo, d] = m.due.split("-").map(Number) as [number, number, number];
      const short = deadline !== null && resolveDay({ m: mo, d }, deadline, deadline) === m.due;
      return `${short ? `${mo}月${d}日` : `${y}年${mo}月${d}日`} ${m.text}${m.done ? DONE_MARK : ""}`;
    })
    .join("；");
}
