import type { Day } from "../core/zoned-time.ts";
import { normalizeIdentity } from "../core/identity.ts";
import { deadlineWindowText, isInDeadlineWindow } from "../domain/date-window.ts";
import { MAX_UNIT_NAME_CHARS, unitNameLength } from "../domain/unit-name.ts";
import { STATE_LABEL, STATES, stateFromLabel } from "../domain/issue-state.ts";
import { codeAtStart } from "../parse/issue-code.ts";
import { cellLengthProblems } from "./cell-length.ts";
import { COL, REQUIRED_COLUMNS } from "./ledger-columns.ts";
import type { LedgerProblem, LedgerRow } from "./ledger-row.ts";
import { parseMilestones } from "./ledger-milestones.ts";
import { cellText, normalizeCode, normalizeCoUnits } from "./normalize-fields.ts";
import { parseDeadline, type DeadlineBasis } from "./parse-deadline.ts";
import { parseLedgerDate } from "./parse-ledger-date.ts";
import { parseYesNo } from "./parse-yes-no.ts";
import type { RawRow, RawSheet } from "./raw-sheet.ts";

export type { LedgerProblem, LedgerRow } from "./ledger-row.ts";

export type LedgerValidation = { ok: true; rows: LedgerRow[] } | { ok: false; errors: LedgerProblem[] };

const STATE_HINT = `${STATES.map((s) => STATE_LABEL[s]).join("/")}，也可写 推进中、已完成、销号 等`;
const DEADLINE_HINT = "可写 2026-12-31、2026年12月底前、年底前、6月30日前、长期坚持 或 立行立改";

/**
 * Checks a whole sheet and reports every bad row with every reason, so the admin
 * fixes the file in one pass. Unknown columns (the ones export adds) are ignored.
 * Deadlines are calendar days as written, so no zone conversion applies; relative ones
 * (12月底前, 立行立改) count from `basis.today`, and a deadline outside the window chat
 * also keeps (2000 to ten years on) is a bad row.
 */
export function validateLedger(sheet: RawSheet, basis: DeadlineBasis): LedgerValidation {
  const validator = new RowValidator(sheet.headers, basis);
  if (validator.headerErrors.length > 0) return { ok: false, errors: validator.headerErrors };
  const errors: LedgerProblem[] = [];
  const rows: LedgerRow[] = [];
  for (const raw of sheet.rows) {
    const checked = validator.check(raw);
    if ("row" in checked) rows.push(checked.row);
    else errors.push(...checked.problems);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

/**
 * validateLedger one row at a time, for a file read as a stream: it remembers only
 * each code's first row, to report duplicates.
 */
export class RowValidator {
  readonly headerErrors: LedgerProblem[];
  private readonly has: OptionalColumns;
  private readonly firstRowOfCode = new Map<string, number>();

  constructor(
    headers: readonly string[],
    private readonly basis: DeadlineBasis,
  ) {
    const missing = REQUIRED_COLUMNS.filter((h) => !headers.includes(h));
    this.headerErrors = missing.map((h) => ({ row: 1, reason: `缺少表头“${h}”` }));
    this.has = {
      state: headers.includes(COL.state),
      assignedOn: headers.includes(COL.assignedOn),
      milestones: headers.includes(COL.milestones),
      dailyReport: headers.includes(COL.dailyReport),
    };
  }

  check(raw: RawRow): { row: LedgerRow } | { problems: LedgerProblem[] } {
    const reasons: string[] = raw.problem === undefined ? [] : [raw.problem];
    reasons.push(...cellLengthProblems(raw));
    const row = readRow(raw, this.has, reasons, this.basis);
    if (row.code !== "") {
      const first = this.firstRowOfCode.get(row.code);
      if (first === undefined) this.firstRowOfCode.set(row.code, raw.rowNumber);
      else reasons.push(`编号 ${row.code} 与第${first}行重复`);
    }
    return reasons.length === 0 ? { row } : { problems: reasons.map((reason) => ({ row: raw.rowNumber, reason })) };
  }
}

/** The optional columns a file has: a column it lacks leaves that field of an issue alone. */
interface OptionalColumns {
  state: boolean;
  assignedOn: boolean;
  milestones: boolean;
  dailyReport: boolean;
}

function readRow(raw: RawRow, has: OptionalColumns, reasons: string[], basis: DeadlineBasis): LedgerRow {
  const { today } = basis;
  const text = (header: string) => cellText(raw.cells[header]);
  const required = (header: string) => {
    const value = text(header);
    if (value === "") reasons.push(`缺少${header}`);
    return value;
  };
  const code = normalizeCode(required(COL.code));
  // A code the chat parser cannot read as one whole token could never be reported on.
  if (code !== "" && codeAtStart(code)?.rest !== "") {
    reasons.push(`编号“${text(COL.code)}”无法在群里使用，应为字母开头加数字，如 ZG-2026-001`);
  }
  const description = required(COL.description);
  const unitName = required(COL.unitName);
  if (unitNameLength(unitName) > MAX_UNIT_NAME_CHARS) {
    reasons.push(`责任单位名称过长（${unitNameLength(unitName)}字），最多${MAX_UNIT_NAME_CHARS}字`);
  }
  let deadline: Day | null = null;
  let immediate = false;
  let deadlineOk = false;
  if (required(COL.deadline) !== "") {
    const parsed = parseDeadline(raw.cells[COL.deadline] ?? null, basis);
    if (parsed === null) reasons.push(`整改时限“${text(COL.deadline)}”不是有效日期（${DEADLINE_HINT}）`);
    else if (parsed.kind !== "longTerm" && !isInDeadlineWindow(Number(parsed.day.slice(0, 4)), parsed.day, today)) {
      reasons.push(`整改时限“${text(COL.deadline)}”超出范围，应在${deadlineWindowText(today)}之间`);
    } else {
      deadline = parsed.kind === "longTerm" ? null : parsed.day;
      immediate = parsed.kind === "immediate";
      deadlineOk = true;
    }
  }
  const stateText = has.state ? text(COL.state) : "";
  const state = stateText === "" ? undefined : stateFromLabel(normalizeIdentity(stateText));
  if (stateText !== "" && state === undefined) {
    reasons.push(`整改状态“${stateText}”无法识别（应为 ${STATE_HINT}）`);
  }
  const row: LedgerRow = {
    code,
    description,
    unitName,
    deadline,
    source: text(COL.source),
    category: text(COL.category),
    coUnits: normalizeCoUnits(text(COL.coUnits)),
    leader: text(COL.leader),
    measures: text(COL.measures),
    state,
  };
  if (immediate) row.immediate = true;
  if (has.assignedOn) {
    const cell = raw.cells[COL.assignedOn] ?? null;
    const day = text(COL.assignedOn) === "" ? null : parseLedgerDate(cell);
    if (text(COL.assignedOn) !== "" && day === null) reasons.push(`交办日期“${text(COL.assignedOn)}”不是有效日期`);
    else if (day !== null && !isInDeadlineWindow(Number(day.slice(0, 4)), day, today)) {
      reasons.push(`交办日期“${text(COL.assignedOn)}”超出范围，应在${deadlineWindowText(today)}之间`);
    }
    row.assignedOn = day;
  }
  if (has.milestones) {
    // Checked against the deadline only when that is known; its own error says the rest.
    const { milestones, problems } = parseMilestones(text(COL.milestones), deadlineOk ? deadline : null, today);
    row.milestones = milestones;
    reasons.push(...problems);
  }
  if (has.dailyReport) {
    row.dailyReport = parseYesNo(text(COL.dailyReport));
    if (row.dailyReport === undefined) reasons.push(`每日报送“${text(COL.dailyReport)}”无法识别（应为 是 或 否，空白为否）`);
  }
  return row;
}
