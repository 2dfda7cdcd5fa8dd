import { addDays, formatDay, isValidDay, type Day } from "../core/zoned-time.ts";
import { dayOfMonth } from "../domain/resolve-date.ts";
import { LONG_TERM_WORDS, parseDateAtStart } from "../parse/parse-date.ts";
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

const IMMEDIATE = "立行立改";
// `6月30日前完成`, `年底前完成整改`: what may follow the date (its 前 is parseDateAtStart's).
const AFTER_DATE = /^(?:完成(?:整改)?)?$/;

/**
 * A deadline cell → its Deadline, or null if it is none of the forms (README, Ledger files).
 * The forms are chat's (parseDateAtStart), but a ledger's date without a year is in the
 * import's year as written, even if past: an office's ledger keeps old deadlines, and a
 * past one is overdue, not next year's.
 */
export function parseDeadline(value: RawCell, basis: DeadlineBasis): Deadline | null {
  if (typeof value !== "string") {
    const day = parseLedgerDate(value);
    return day === null ? null : { kind: "day", day };
  }
  // A plain date first: what nearly every row of a big ledger holds.
  const exact = parseLedgerDate(value);
  if (exact !== null) return { kind: "day", day: exact };
  const text = value.normalize("NFKC").replace(/\s+/g, "");
  if (LONG_TERM_WORDS.includes(text)) return { kind: "longTerm" };
  if (text === IMMEDIATE) return { kind: "immediate", day: addDays(basis.today, basis.immediateDays) };
  const parsed = parseDateAtStart(text);
  if (!parsed.ok || !AFTER_DATE.test(parsed.rest)) return null;
  const spec = parsed.date;
  const y = spec.y ?? Number(basis.today.slice(0, 4));
  const d = dayOfMonth(spec, y);
  return isValidDay(y, spec.m, d) ? { kind: "day", day: formatDay(y, spec.m, d) } : null;
}
