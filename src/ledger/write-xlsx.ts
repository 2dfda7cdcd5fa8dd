import { createWriteStream } from "node:fs";
import { once } from "node:events";
import ExcelJS from "exceljs";
import { dayLabel, type Day } from "../core/zoned-time.ts";
import type { ExportRow } from "./export-table.ts";
import { COL, EXPORT_COLUMNS } from "./ledger-columns.ts";
import type { LedgerWriter } from "./ledger-writer.ts";
import { REGISTER_COLUMNS, REGISTER_SHEET, type RegisterRow } from "./register-table.ts";
import { addTableSheet, type TableSheet, type TableSpec } from "./xlsx-table.ts";

// About 207 characters across with 序号: A4 landscape fitted to the width prints that at
// about 68 %, 10-point text at about 7 points. Long text wraps in its cell instead of
// widening the table, which would shrink every page further.
const LEDGER: TableSpec = {
  sheet: "整改台账",
  title: "整改台账",
  columns: EXPORT_COLUMNS,
  widths: {
    [COL.code]: 13,
    [COL.source]: 10,
    [COL.category]: 6,
    [COL.description]: 25,
    [COL.unitName]: 12,
    [COL.coUnits]: 10,
    [COL.leader]: 8,
    [COL.assignedOn]: 11,
    [COL.deadline]: 11,
    [COL.milestones]: 20,
    [COL.measures]: 20,
    [COL.state]: 7,
    [COL.dailyReport]: 5,
    [COL.overdueDays]: 5,
    [COL.progressPct]: 7,
    [COL.lastReport]: 20,
    [COL.lastReportAt]: 11,
  },
  labels: { [COL.category]: "问题\n类别", [COL.dailyReport]: "每日\n报送", [COL.overdueDays]: "逾期\n天数", [COL.progressPct]: "进度\n百分比" },
  centred: new Set([COL.category, COL.leader, COL.assignedOn, COL.deadline, COL.state, COL.dailyReport, COL.overdueDays, COL.progressPct, COL.lastReportAt]),
  dayColumn: COL.deadline,
};

// Narrow enough to print at full size, wide enough to fill the landscape page.
const REGISTER: TableSpec = {
  sheet: REGISTER_SHEET,
  title: "督办单登记表",
  columns: REGISTER_COLUMNS,
  widths: { 编号: 18, 颜色: 6, 问题编号: 14, 责任单位: 24, 下发日期: 12, 原因: 56, 问题状态: 10 },
  labels: {},
  centred: new Set(["颜色", "下发日期", "问题状态"]),
  dayColumn: "下发日期",
};

/** What the two sheets count, for the line above each header. */
export interface ExportCounts {
  /** The day the export is as of, in the zone. */
  today: Day;
  issues: number;
  notices: number;
}

/** The ledger sheet, then the 督办单 register sheet (never read by import). */
export interface XlsxLedgerWriter extends LedgerWriter<ExportRow> {
  /** Writes the lines above the ledger's header; called once, before any row. */
  begin(counts: ExportCounts): void;
  /** Ends the ledger sheet on the first call: rows go to the register from then on. */
  addNotice(row: RegisterRow): Promise<void>;
}

/**
 * The ledger as an xlsx, streamed: exceljs's streaming writer sends each committed row
 * on to the zip instead of keeping the whole sheet as cell objects. Text goes in as
 * inline strings, never as formulas.
 */
export async function openXlsxWriter(file: string): Promise<XlsxLedgerWriter> {
  const out = createWriteStream(file);
  await once(out, "open");
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  let counts: ExportCounts | undefined;
  let ledger: TableSheet | undefined;
  let register: TableSheet | undefined;
  const ledgerSheet = (): TableSheet => {
    if (!counts) throw new Error("openXlsxWriter: begin() was not called");
    ledger ??= addTableSheet(workbook, LEDGER, `截至${dayLabel(counts.today)}，共 ${counts.issues} 个问题`);
    return ledger;
  };
  // The ledger is committed before the register starts: it stays the first sheet, and
  // its rows are not held while the register is written.
  const registerSheet = (): TableSheet => {
    if (!register) {
      ledgerSheet().commit();
      register = addTableSheet(workbook, REGISTER, `截至${dayLabel(counts!.today)}，共 ${counts!.notices} 份督办单`);
    }
    return register;
  };
  let pending = 0;
  // Committed rows wait in memory for the zip; let it catch up now and then.
  const pace = async () => {
    if (++pending < 500) return;
    pending = 0;
    if (out.writableNeedDrain) await once(out, "drain");
    await new Promise((resolve) => setImmediate(resolve));
  };
  return {
    begin(c) {
      counts = c;
      ledgerSheet();
    },
    async add(r) {
      ledgerSheet().add(r);
      await pace();
    },
    async addNotice(r) {
      registerSheet().add(r);
      await pace();
    },
    async close() {
      registerSheet().commit();
      await workbook.commit();
    },
    abort: () => new Promise((resolve) => out.destroy().once("close", resolve)),
  };
}
