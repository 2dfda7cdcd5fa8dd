/** Header names of the ledger format (README, Ledger files). */
export const COL = {
  code: "编号",
  source: "问题来源",
  category: "问题类别",
  description: "问题描述",
  unitName: "责任单位",
  coUnits: "配合单位",
  leader: "责任领导",
  deadline: "整改时限",
  measures: "整改措施",
  state: "整改状态",
  // Written by export only; ignored on import.
  overdueDays: "逾期天数",
  progressPct: "进度百分比",
  lastReport: "最新进度",
  lastReportAt: "进度日期",
} as const;

export const REQUIRED_COLUMNS = [COL.code, COL.description, COL.unitName, COL.deadline] as const;

/** Export's column order: the import columns, then the derived ones. */
export const EXPORT_COLUMNS = [
  COL.code,
  COL.source,
  COL.category,
  COL.description,
  COL.unitName,
  COL.coUnits,
  COL.leader,
  COL.deadline,
  COL.measures,
  COL.state,
  COL.overdueDays,
  COL.progressPct,
  COL.lastReport,
  COL.lastReportAt,
] as const;
