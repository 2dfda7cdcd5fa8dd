/** Header names of the ledger format (README, Ledger files). */
export const COL = {
  code: "编号",
  source: "问题来源",
  category: "问题类别",
  description: "问题描述",
  unitName: "责任单位",
  coUnits: "配合单位",
  leader: "责任领导",
  assignedOn: "交办日期",
  deadline: "整改时限",
  milestones: "整改节点",
  measures: "整改措施",
  state: "整改状态",
  dailyReport: "每日报送",
  // Written by export only; ignored on import.
  overdueDays: "逾期天数",
  progressPct: "进度百分比",
  lastReport: "最新进度",
  lastReportAt: "进度日期",
} as const;

export const REQUIRED_COLUMNS = [COL.code, COL.description, COL.unitName, COL.deadline] as const;

/** The columns an import reads; two columns of a file must not both stand for one of them. */
export const IMPORT_COLUMNS = [
  COL.code,
  COL.source,
  COL.category,
  COL.description,
  COL.unitName,
  COL.coUnits,
  COL.leader,
  COL.assignedOn,
  COL.deadline,
  COL.milestones,
  COL.measures,
  COL.state,
  COL.dailyReport,
] as const;

/** Other spellings offices give the same columns (after normalizeHeader). */
export const HEADER_ALIASES: ReadonlyMap<string, string> = new Map([
  ["问题编号", COL.code],
  ["问题", COL.description],
  ["问题内容", COL.description],
  ["存在问题", COL.description],
  ["牵头单位", COL.unitName],
  ["责任部门", COL.unitName],
  ["主体责任单位", COL.unitName],
  ["完成时限", COL.deadline],
  ["整改期限", COL.deadline],
  ["完成时间", COL.deadline],
  ["分管领导", COL.leader],
  ["牵头领导", COL.leader],
  ["状态", COL.state],
  ["完成情况", COL.state],
  ["日报送", COL.dailyReport],
  ["是否每日报送", COL.dailyReport],
]);

/** A row's running number in the sheet, not data. */
export const IGNORED_HEADERS: ReadonlySet<string> = new Set(["序号"]);

/** Export's column order: the import columns, then the derived ones. */
export const EXPORT_COLUMNS = [
  ...IMPORT_COLUMNS,
  COL.overdueDays,
  COL.progressPct,
  COL.lastReport,
  COL.lastReportAt,
] as const;
