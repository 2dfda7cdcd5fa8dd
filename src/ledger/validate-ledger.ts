import type { Day, ZonedTime } from "../core/zoned-time.ts";
import { normalizeIdentity } from "../core/identity.ts";
import { deadlineWindowText, isInDeadlineWindow } from "../domain/date-window.ts";
import { MAX_UNIT_NAME_CHARS, unitNameLength } from "../domain/unit-name.ts";
import { STATE_LABEL, STATES, stateFromLabel } from "../domain/issue-state.ts";
import { codeAtStart } from "../parse/issue-code.ts";
import { cellLengthProblems } from "./cell-length.ts";
import { COL, REQUIRED_COLUMNS } from "./ledger-columns.ts";
import type { LedgerProblem, LedgerRow } from "./ledger-row.ts";
import { cellText, normalizeCode, normalizeCoUnits } from "./normalize-fields.ts";
import { parseLedgerDate } from "./parse-ledger-date.ts";
import type { RawRow, RawSheet } from "./raw-sheet.ts";

export type { LedgerProblem, LedgerRow } from "./ledger-row.ts";

export type LedgerValidation = { ok: true; rows: LedgerRow[] } | { ok: false; errors: LedgerProblem[] };

const STATE_HINT = STATES.map((s) => STATE_LABEL[s]).join("/");

/**
 * Checks a whole sheet and reports every bad row with every reason, so the admin
 * fixes the file in one pass. Unknown columns (the ones export adds) are ignored.
 * Deadlines are calendar days as written, so no zone conversion applies; the zone
 * parameter is kept so callers need not change if a zone-dependent rule appears. With
 * `today`, a deadline outside the window chat also keeps (2000 to ten years on) is a bad row.
 */
export function validateLedger(sheet: RawSheet, _zonedTime?: ZonedTime, today?: Day): LedgerValidation {
  const validator = new RowValidator(sheet.headers, today);
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
  private readonly hasState: boolean;
  private readonly firstRowOfCode = new Map<string, number>();

  constructor(
    headers: readonly string[],
    /** Deadlines are checked against a window around it (see parse-ledger-date). */
    private readonly today?: Day,
  ) {
    const missing = REQUIRED_COLUMNS.filter((h) => !headers.includes(h));
    this.headerErrors = missing.map((h) => ({ row: 1, reason: `缺少表头“${h}”` }));
    this.hasState = headers.includes(COL.state);
  }

  check(raw: RawRow): { row: LedgerRow } | { problems: LedgerProblem[] } {
    const reasons: string[] = raw.problem === undefined ? [] : [raw.problem];
    reasons.push(...cellLengthProblems(raw));
    const row = readRow(raw, this.hasState, reasons, this.today);
    if (row.code !== "") {
      const first = this.firstRowOfCode.get(row.code);
      if (first === undefined) this.firstRowOfCode.set(row.code, raw.rowNumber);
      else reasons.push(`编号 ${row.code} 与第${first}行重复`);
    }
    return reasons.length === 0 ? { row } : { problems: reasons.map((reason) => ({ row: raw.rowNumber, reason })) };
  }
}

function readRow(raw: RawRow, hasState: boolean, reasons: string[], today: Day | undefined): LedgerRow {
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
  let deadline = "";
  if (required(COL.deadline) !== "") {
    deadline = parseLedgerDate(raw.cells[COL.deadline] ?? null) ?? "";
    if (deadline === "") reasons.push(`整改时限“${text(COL.deadline)}”不是有效日期`);
    else if (today !== undefined && !isInDeadlineWindow(Number(deadline.slice(0, 4)), deadline, today)) {
      reasons.push(`整改时限“${text(COL.deadline)}”超出范围，应在${deadlineWindowText(today)}之间`);
    }
  }
  const stateText = hasState ? text(COL.state) : "";
  const state = stateText === "" ? undefined : stateFromLabel(normalizeIdentity(stateText));
  if (stateText !== "" && state === undefined) {
    reasons.push(`整改状态“${stateText}”无法识别（应为 ${STATE_HINT}）`);
  }
  return {
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
}
