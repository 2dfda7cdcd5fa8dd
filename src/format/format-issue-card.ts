import { dayLabel, type Day, type ZonedTime } from "../core/zoned-time.ts";
import { deadlineLabel, shortText, stateWithPct, timeStatus } from "./issue-status.ts";
import { EVENT_LABEL } from "./event-label.ts";
import { lightWithReason } from "./light-reason.ts";
import { colourName, noticeNumber, type NoticeColour } from "../domain/light.ts";
import type { LightFacts } from "../store/light-sql.ts";
import { milestoneLines } from "./milestone-lines.ts";

interface CardIssue {
  code: string;
  description: string;
  state: string;
  deadline: Day | null;
  progressPct: number | null;
  leader: string;
  coUnits: string;
  source: string;
  assignedOn: Day | null;
  /** Raw SQL reads SQLite's booleans as 0/1 and may give dates as text. */
  ackPending: boolean | number;
  acknowledgedAt: Date | string | number | null;
  unit: { name: string };
}
interface CardEvent {
  type: string;
  actorName: string;
  text: string;
  at: Date;
}

/** Evidence kept for the issue (photos and files), by kind. */
export interface CardEvidence {
  images: number;
  files: number;
}

/** Today's light (open issues only) and the 督办单 the issue was issued. */
export interface CardWarning {
  light: LightFacts | null;
  notices: { colour: string; year: number; number: number }[];
}

/** The answer to 查询: everything about one issue on one phone screen. */
export function formatIssueCard(
  issue: CardIssue,
  events: CardEvent[],
  today: Day,
  time: ZonedTime,
  evidence: CardEvidence = { images: 0, files: 0 },
  warning: CardWarning = { light: null, notices: [] },
  milestones: Parameters<typeof milestoneLines>[0] = [],
): string {
  const lines = [`${issue.code} ${shortText(issue.description, 40)}`];
  lines.push(`责任单位：${issue.unit.name}${issue.coUnits ? `（配合：${issue.coUnits}）` : ""}`);
  if (issue.leader) lines.push(`责任领导：${issue.leader}`);
  if (issue.source) lines.push(`问题来源：${shortText(issue.source, 30)}`);
  if (issue.ackPending || issue.acknowledgedAt !== null) {
    const on = issue.assignedOn ? dayLabel(issue.assignedOn, Number(today.slice(0, 4))) : "";
    const ack = issue.acknowledgedAt !== null && !issue.ackPending ? `已签收 ${time.short(new Date(issue.acknowledgedAt))}` : "未签收";
    lines.push(`交办日期：${on}（${ack}）`);
  }
  const status = timeStatus(issue, today);
  const open = (issue.state === "NOT_STARTED" || issue.state === "IN_PROGRESS") && issue.deadline !== null;
  lines.push(`整改时限：${deadlineLabel(issue.deadline, today)}${open ? `（${status}）` : ""}`);
  lines.push(`状态：${stateWithPct(issue)}`);
  if (warning.light) lines.push(`亮灯：${lightWithReason(warning.light, today, (at) => time.today(at))}`);
  if (warning.notices.length) {
    lines.push(`督办单：${warning.notices.map((n) => `${noticeNumber(n)}（${colourName(n.colour as NoticeColour)}）`).join("、")}`);
  }
  const { images, files } = evidence;
  if (images + files > 0) lines.push(`附件 ${images + files} 个${images && files ? `（照片 ${images} 张，文件 ${files} 个）` : ""}`);
  lines.push(...milestoneLines(milestones, today));
  if (events.length === 0) {
    lines.push("最近进度：暂无报送");
  } else {
    lines.push("最近进度：");
    for (const e of events) {
      const label = EVENT_LABEL[e.type] ?? "";
      lines.push(`· ${time.short(e.at)} ${e.actorName}${label ? ` ${label}` : ""}：${shortText(e.text, 40) || "（无说明）"}`);
    }
  }
  return lines.join("\n");
}
