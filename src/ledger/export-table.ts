import { LONG_TERM } from "../format/issue-status.ts";
import type { ZonedTime } from "../core/zoned-time.ts";
import { daysOverdue, STATE_LABEL, type IssueState } from "../domain/issue-state.ts";
import { EXPORT_COLUMNS } from "./ledger-columns.ts";
import { formatMilestones } from "../format/format-milestones.ts";

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
/** Deadline stays a Day string here; each writer decides how a date is written. */
export type ExportRow = Record<ExportColumn, string | number>;

export interface ExportableIssue {
  code: string;
  source: string;
  category: string;
  description: string;
  unit: { name: string };
  coUnits: string;
  leader: string;
  deadline: string | null;
  assignedOn: string | null;
  /** In seq order. */
  milestones: { due: string; text: string; doneAt: Date | null }[];
  measures: string;
  state: string;
  dailyReport: boolean;
  progressPct: number | null;
  lastReportText: string | null;
  lastReportAt: Date | null;
}

export function exportRow(issue: ExportableIssue, zonedTime: ZonedTime, today: string): ExportRow {
  return {
    编号: issue.code,
    问题来源: issue.source,
    问题类别: issue.category,
    问题描述: issue.description,
    责任单位: issue.unit.name,
    配合单位: issue.coUnits,
    责任领导: issue.leader,
    // Blank: the day the issue entered the store, which is what an import of a blank reads.
    交办日期: issue.assignedOn ?? "",
    整改时限: issue.deadline ?? LONG_TERM,
    整改节点: formatMilestones(
      issue.milestones.map((m) => ({ due: m.due, text: m.text, done: m.doneAt !== null })),
      issue.deadline,
    ),
    整改措施: issue.measures,
    整改状态: STATE_LABEL[issue.state as IssueState] ?? issue.state,
    // Empty rather than 否: most issues are not daily, and blank imports as 否.
    每日报送: issue.dailyReport ? "是" : "",
    逾期天数: daysOverdue(issue, today),
    进度百分比: issue.progressPct ?? "",
    最新进度: issue.lastReportText ?? "",
    进度日期: issue.lastReportAt ? zonedTime.minute(issue.lastReportAt) : "",
  };
}
