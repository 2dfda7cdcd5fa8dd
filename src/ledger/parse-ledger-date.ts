import { formatDay, isValidDay, type Day } from "../core/zoned-time.ts";
import { serialToDay, utcDay } from "./excel-serial.ts";
import type { RawCell } from "./raw-sheet.ts";

// 2026-12-31, 2026/12/31, 2026.12.31, 2026年12月31日, single-digit month and day, and a
// time of day after it as Excel writes into CSV (`2026/12/31 0:00`).
const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;

/** A deadline cell → a Day, or null if it is not a real calendar date. */
export function parseLedgerDate(value: RawCell): Day | null {
  if (value == null) return null;
  if (value instanceof Date) return utcDay(value);
  if (typeof value === "number") return serialToDay(value);
  const m = DATE_TEXT.exec(value.normalize("NFKC").trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDay(y, mo, d) ? formatDay(y, mo, d) : null;
}
