import { DubanError } from "../core/duban-error.ts";
import { dayLabel, formatDay, isValidDay, type Day } from "../core/zoned-time.ts";
import { deadlineWindowText, isInDeadlineWindow } from "./date-window.ts";

/** A date as written in chat; the year may be left out (`12月31日`). */
export interface DateSpec {
  y?: number;
  m: number;
  d: number;
  /** `12月底`: the month's last day, once the year is known (2月底). */
  monthEnd?: boolean;
}

/**
 * `12月31日` means the next 12月31日 from today; a written year is taken as written, but
 * only inside the deadline window.
 */
/** The day of the month a spec means in a given year: `2月底` is the 28th or the 29th. */
export function dayOfMonth(spec: DateSpec, year: number): number {
  return spec.monthEnd ? new Date(Date.UTC(year, spec.m, 0)).getUTCDate() : spec.d;
}

export function resolveDate(spec: DateSpec, today: Day): Day {
  const thisYear = Number(today.slice(0, 4));
  const dayIn = (year: number) => dayOfMonth(spec, year);
  let y = spec.y ?? thisYear;
  if (spec.y === undefined && formatDay(y, spec.m, dayIn(y)) < today) y += 1;
  const d = dayIn(y);
  const day = formatDay(y, spec.m, d);
  if (!isInDeadlineWindow(y, day, today)) {
    throw new DubanError("BAD_DATE", `日期超出范围：${dayLabel(day)}不在${deadlineWindowText(today)}之间，请核对年份`);
  }
  if (!isValidDay(y, spec.m, d)) throw new DubanError("BAD_DATE", `${y}年没有${spec.m}月${d}日`);
  return day;
}
