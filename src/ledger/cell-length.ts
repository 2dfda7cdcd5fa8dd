import { COL } from "./ledger-columns.ts";
import { cellText } from "./normalize-fields.ts";
import type { RawRow } from "./raw-sheet.ts";

/** What one Excel cell can hold: a longer value was not typed into a spreadsheet. */
export const EXCEL_CELL_MAX = 32_767;

// Enough for any real ledger; beyond it a value is pasted by mistake, and every reply,
// card and digest that shows it would be flooded. (责任单位 is checked with unit names.)
const FIELD_MAX: Partial<Record<string, number>> = {
  [COL.code]: 40,
  [COL.description]: 2_000,
  [COL.measures]: 2_000,
  [COL.milestones]: 2_000,
  [COL.source]: 100,
  [COL.category]: 50,
  [COL.leader]: 100,
  [COL.coUnits]: 500,
};

/** `问题描述过长（3000 字，最多 2000 字）` for every cell of the row that is too long. */
export function cellLengthProblems(raw: RawRow): string[] {
  const problems: string[] = [];
  for (const [header, value] of Object.entries(raw.cells)) {
    const length = cellText(value).length;
    const max = FIELD_MAX[header];
    if (length > EXCEL_CELL_MAX) problems.push(`${header}过长（${length} 字，超过 Excel 单元格上限 ${EXCEL_CELL_MAX} 字）`);
    else if (max !== undefined && length > max) problems.push(`${header}过长（${length} 字，最多 ${max} 字）`);
  }
  return problems;
}
