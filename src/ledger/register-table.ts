import type { ZonedTime } from "../core/zoned-time.ts";
import { STATE_LABEL, type IssueState } from "../domain/issue-state.ts";
import { colourName, noticeNumber, type NoticeColour } from "../domain/light.ts";

/** The 督办单 sheet of an xlsx export: every notice ever issued, read by people, not imported. */
export const REGISTER_SHEET = "督办单";

export const REGISTER_COLUMNS = ["编号", "颜色", "问题编号", "责任单位", "下发日期", "原因", "问题状态"] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number];
/** 下发日期 stays a Day string here, as 整改时限 does in a ledger row. */
export type RegisterRow = Record<RegisterColumn, string>;

export interface ExportableNotice {
  colour: string;
  year: number;
  number: number;
  reason: string;
  issuedAt: Date;
  issue: { code: string; state: string };
}

export function registerRow(n: ExportableNotice, unitName: string, zonedTime: ZonedTime): RegisterRow {
  return {
    编号: noticeNumber(n),
    颜色: colourName(n.colour as NoticeColour),
    问题编号: n.issue.code,
    责任单位: unitName,
    下发日期: zonedTime.today(n.issuedAt),
    原因: n.reason,
    问题状态: STATE_LABEL[n.issue.state as IssueState] ?? n.issue.state,
  };
}
