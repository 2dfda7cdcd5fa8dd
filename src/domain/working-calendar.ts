import { createRequire } from "node:module";
import { addDays, type Day } from "../core/zoned-time.ts";
import { EMPTY_OVERRIDE, type CalendarOverride } from "./calendar-override.ts";

// chinese-days 1.5.7's own isWorkday() parses "YYYY-MM-DD" as UTC midnight and then reads
// the weekday and date back in the process's zone, so west of UTC (America/New_York) every
// answer is a day off. Its data table is keyed by plain dates: read that instead.
const data = createRequire(import.meta.url)("chinese-days/dist/chinese-days.json") as {
  holidays: Record<Day, string>;
  workdays: Record<Day, string>;
};
const dataYears = new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));

/**
 * Statutory holidays fixed by the solar calendar (元旦, 劳动节, 国庆节), taken as days off in
 * years with no data: better than sending reminders on New Year's Day. The lunar ones
 * (春节, 清明, 端午, 中秋) and the 调休 swaps need the year's official schedule.
 */
const FIXED_HOLIDAYS = ["01-01", "05-01", "10-01", "10-02", "10-03"];

/** Weekday of a plain date, 0 = Sunday: date arithmetic, no zone involved. */
function weekday(day: Day): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/**
 * Chinese working days: statutory holidays off, adjusted working weekends (调休) on,
 * from chinese-days' data plus an override file for years it does not cover yet.
 * Days are `YYYY-MM-DD` strings in DUBAN_TZ, never `Date`s: the server's zone must not matter.
 */
export class WorkingCalendar {
  readonly #holidays: Set<Day>;
  readonly #workdays: Set<Day>;
  readonly #overrideYears: Set<number>;
  readonly #memo = new Map<Day, boolean>();

  constructor(override: CalendarOverride = EMPTY_OVERRIDE) {
    this.#holidays = new Set(override.holidays);
    this.#workdays = new Set(override.workdays);
    this.#overrideYears = new Set([...override.holidays, ...override.workdays].map((d) => Number(d.slice(0, 4))));
  }

  isWorkday(day: Day): boolean {
    let v = this.#memo.get(day);
    if (v === undefined) {
      if (this.#holidays.has(day)) v = false;
      else if (this.#workdays.has(day) || data.workdays[day]) v = true;
      else if (data.holidays[day]) v = false;
      else if (!this.hasDataFor(Number(day.slice(0, 4))) && FIXED_HOLIDAYS.includes(day.slice(5))) v = false;
      else v = weekday(day) >= 1 && weekday(day) <= 5;
      this.#memo.set(day, v);
    }
    return v;
  }

  /**
   * Working days left before a deadline, for `剩 N 个工作日`: working days after `today`
   * up to and including `deadline`, so it counts like `剩N天` (0 when due today or past).
   */
  workdaysLeft(today: Day, deadline: Day): number {
    let n = 0;
    for (let d = addDays(today, 1); d <= deadline; d = addDays(d, 1)) if (this.isWorkday(d)) n++;
    return n;
  }

  /**
   * The day before which an unacknowledged 交办 is 未签收 on `today`: the last working day
   * on or before today. An assignment is due for 签收 from the first working day after it,
   * and that day has come exactly when a working day lies after the 交办 and by today.
   */
  ackDueBefore(today: Day): Day {
    // The longest run of days off (春节 with its weekends) is well under a month.
    for (let d = today, i = 0; i < 31; d = addDays(d, -1), i++) if (this.isWorkday(d)) return d;
    return today;
  }

  /** The last working day before `today`: a construction project's daily report is due by its end. */
  lastWorkdayBefore(today: Day): Day {
    return this.ackDueBefore(addDays(today, -1));
  }

  /** Whether holidays and 调休 are known for this year (else weekends off, weekdays on is a guess). */
  hasDataFor(year: number): boolean {
    return this.#overrideYears.has(year) || dataYears.has(year);
  }

  /** The years without calendar data among the coming `days` days. */
  missingYears(today: Day, days: number): number[] {
    const last = addDays(today, days - 1);
    const missing: number[] = [];
    for (let y = Number(today.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) if (!this.hasDataFor(y)) missing.push(y);
    return missing;
  }

  /**
   * Null when the coming `days` days are all in years with calendar data; otherwise the
   * text to log loudly: without data, holidays would get reminders and 调休 Saturdays none.
   */
  coverageWarning(today: Day, days = 30): string | null {
    const missing = this.missingYears(today, days);
    if (missing.length === 0) return null;
    const first = `${missing[0]}-01-01` > today ? `${missing[0]}-01-01` : today;
    return (
      `Working calendar has no holiday data for ${missing.join(", ")} (chinese-days has none and DUBAN_CALENDAR_FILE lists no date in it): ` +
      `from ${first} scheduled jobs will treat Monday-Friday as working days and weekends as off, with only 1月1日, 5月1日 and 10月1-3日 as holidays: 春节 and the other lunar holidays and 调休 working weekends are unknown. ` +
      `Add that year's dates to the file named by DUBAN_CALENDAR_FILE, e.g. {"holidays":["${missing[0]}-01-01"],"workdays":["${missing[0]}-02-07"]}, or update chinese-days.`
    );
  }

  /** The last working day of the ISO week (Monday-Sunday) containing `day`; null if the week has none. */
  lastWorkdayOfWeek(day: Day): Day | null {
    const sunday = addDays(day, 6 - ((weekday(day) + 6) % 7));
    for (let i = 0; i < 7; i++) {
      const d = addDays(sunday, -i);
      if (this.isWorkday(d)) return d;
    }
    return null;
  }

  /** The first working day of the ISO week (Monday-Sunday) containing `day`; null if the week has none. */
  firstWorkdayOfWeek(day: Day, isRunDay: (d: Day) => boolean = (d) => this.isWorkday(d)): Day | null {
    const monday = addDays(day, -((weekday(day) + 6) % 7));
    for (let i = 0; i < 7; i++) {
      const d = addDays(monday, i);
      if (isRunDay(d)) return d;
    }
    return null;
  }
}
