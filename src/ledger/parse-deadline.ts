import { addDays, formatDay, isValidDay, type Day } from "../core/zoned-time.ts";
import { parseLedgerDate } from "./parse-ledger-date.ts";
import type { RawCell } from "./raw-sheet.ts";

/**
 * A 整改时限 as offices write it. `longTerm`: 长期坚持, no deadline. `immediate`: 立行立改,
 * due a few days after the import; an issue already stored keeps the deadline it got then.
 */
export type Deadline = { kind: "day"; day: Day } | { kind: "longTerm" } | { kind: "immediate"; day: Day };

/** What a relative deadline is measured from: the import's day, and 立行立改's days (DUBAN_IMMEDIATE_DAYS). */
export interface DeadlineBasis {
  today: Day;
  immediateDays: number;
}

const LONG_TERM_WORDS = new Set(["长期坚持", "持续整改", "长期"]);
const IMMEDIATE = "立行立改";
// `…前`, `…以前`, `…之前完成`, `…前完成整改`: the day is the same.
const BEFORE = /(?:以前|之前|前)?(?:完成(?:整改)?)?$/;
const MONTH_END = /^(?:(\d{4})年)?(\d{1,2})月底$/;
const YEAR_END = /^(\d{4})?年底$/;
const MONTH_DAY = /^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]$/;

/** A deadline cell → its Deadline, or null if it is none of the forms (README, Ledger files). */
export function parseDeadline(value: RawCell, basis: DeadlineBasis): Deadline | null {
  if (typeof value !== "string") {
    const day = parseLedgerDate(value);
    return day === null ? null : { kind: "day", day };
  }
  // A plain date first: what nearly every row of a big ledger holds.
  const exact = parseLedgerDate(value);
  if (exact !== null) return { kind: "day", day: exact };
  const text = value.normalize("NFKC").replace(/\s+/g, "");
  if (LONG_TERM_WORDS.has(text)) return { kind: "longTerm" };
  if (text === IMMEDIATE) return { kind: "immediate", day: addDays(basis.today, basis.immediateDays) };
  const bare = text.replace(BEFORE, "");
  const thisYear = Number(basis.today.slice(0, 4));
  const year = (y: string | undefined) => (y === undefined ? thisYear : Number(y));
  let m: RegExpExecArray | null;
  if ((m = MONTH_END.exec(bare))) {
    const [y, mo] = [year(m[1]), Number(m[2])];
    return mo >= 1 && mo <= 12 ? { kind: "day", day: formatDay(y, mo, lastDayOfMonth(y, mo)) } : null;
  }
  if ((m = YEAR_END.exec(bare))) return { kind: "day", day: formatDay(year(m[1]), 12, 31) };
  if ((m = MONTH_DAY.exec(bare))) {
    const [y, mo, d] = [year(m[1]), Number(m[2]), Number(m[3])];
    return isValidDay(y, mo, d) ? { kind: "day", day: formatDay(y, mo, d) } : null;
  }
  const day = parseLedgerDate(bare);
  return day === null ? null : { kind: "day", day };
}

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
