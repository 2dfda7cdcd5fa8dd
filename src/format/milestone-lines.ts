import { dayLabel, daysBetween, type Day } from "../core/zoned-time.ts";
import { shortText } from "./issue-status.ts";

interface CardMilestone {
  seq: number;
  due: Day;
  text: string;
  doneAt: Date | null;
}

/** More steps than this and the card lists only the first ones still to do. */
const MAX_SHOWN = 8;

function stepState(m: CardMilestone, today: Day): string {
  if (m.doneAt) return " ✔已完成";
  const left = daysBetween(today, m.due);
  if (left < 0) return `（逾期${-left}天）`;
  return left === 0 ? "（今天到期）" : "（未到期）";
}

/** The plan on a 查询 card: `整改节点（已完成 1/3）：` and one line per step. Nothing without a plan. */
export function milestoneLines(milestones: readonly CardMilestone[], today: Day): string[] {
  if (milestones.length === 0) return [];
  const done = milestones.filter((m) => m.doneAt !== null).length;
  const year = Number(today.slice(0, 4));
  const shown = milestones.length <= MAX_SHOWN ? milestones : milestones.filter((m) => m.doneAt === null).slice(0, MAX_SHOWN);
  const lines = [`整改节点（已完成 ${done}/${milestones.length}）：`];
  for (const m of shown) lines.push(`${m.seq}. ${dayLabel(m.due, year)} ${shortText(m.text, 20)}${stepState(m, today)}`);
  const rest = milestones.length - shown.length;
  if (rest > 0) lines.push(`另有 ${rest} 个节点未列出`);
  return lines;
}
