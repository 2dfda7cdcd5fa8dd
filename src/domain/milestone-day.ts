import { formatDay, isValidDay, type Day } from "../core/zoned-time.ts";
import type { DateSpec } from "../parse/parse-date.ts";
import { dayOfMonth } from "./resolve-date.ts";

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
