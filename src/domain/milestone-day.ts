import { addDays, formatDay, isValidDay, type Day } from "../core/zoned-time.ts";
import { dayOfMonth, type DateSpec } from "./resolve-date.ts";

/**
 * The day a milestone's date means. A date without a year is the one on or before the
 * deadline nearest to it: a plan runs up to its deadline, not past it. With no deadline
 * (长期坚持), in today's year. Null for no such day (2月29日 in a common year, a year the
 * calendar does not take).
 */
export function milestoneDay(spec: DateSpec, deadline: Day | null, today: Day): Day | null {
  let y = spec.y ?? Number((deadline ?? today).slice(0, 4));
  if (spec.y === undefined && deadline !== null && formatDay(y, spec.m, dayOfMonth(spec, y)) > deadline) y--;
  const d = dayOfMonth(spec, y);
  return isValidDay(y, spec.m, d) ? formatDay(y, spec.m, d) : null;
}

/** How far back a step of a plan written today may lie: one already done, not last year's. */
const RECENT_DAYS = 183;

/**
 * A milestone's day in a plan written in chat now, about what is to come: a date without
 * a year is the next one from today, as in every chat command. When that is after the
 * deadline but the one a year earlier is recent, the step is one already behind (`11月28日
 * 排查` on 1 December); otherwise it stays after the deadline, to be refused (`12月8日` for
 * a deadline of 12月5日 is not 12月8日 a year ago, as the ledger's reading would have it).
 */
export function plannedDay(spec: DateSpec, deadline: Day | null, today: Day): Day | null {
  if (spec.y !== undefined) return milestoneDay(spec, null, today);
  const on = (y: number): Day | null => (isValidDay(y, spec.m, dayOfMonth(spec, y)) ? formatDay(y, spec.m, dayOfMonth(spec, y)) : null);
  const thisYear = Number(today.slice(0, 4));
  const y = formatDay(thisYear, spec.m, dayOfMonth(spec, thisYear)) < today ? thisYear + 1 : thisYear;
  const next = on(y);
  if (next === null || deadline === null || next <= deadline) return next;
  const before = on(y - 1);
  return before !== null && before >= addDays(today, -RECENT_DAYS) ? before : next;
}
