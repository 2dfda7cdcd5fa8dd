import { formatDay, isValidDay, type Day } from "../core/zoned-time.ts";

// Day 0 of Excel's 1900 date system, counting its fictitious 1900-02-29 (serials from
// 61 on, i.e. every date a ledger can hold, come out right).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** An Excel date serial (46387 = 2026-12-31; a fraction is the time of day) → a Day. */
export function serialToDay(serial: number): Day | null {
  if (!Number.isFinite(serial) || serial < 61) return null;
  return utcDay(new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS));
}

export function serialToDate(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial * DAY_MS));
}

/**
 * exceljs represents a cell's wall-clock date as that time in UTC, so the calendar
 * day is the UTC one, whatever zone the server runs in.
 */
export function utcDay(d: Date): Day | null {
  if (Number.isNaN(d.getTime())) return null;
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  return isValidDay(y, m, day) ? formatDay(y, m, day) : null;
}

/** The reverse, for writing a Day into a sheet without shifting it by the zone offset. */
export function dayToUtcDate(day: Day): Date {
  return new Date(`${day}T00:00:00Z`);
}
