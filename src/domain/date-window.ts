import { dayLabel, isValidDay, type Day } from "../core/zoned-time.ts";

/**
 * The dates a deadline or an extension may take: a year typed wrong (2201, 1926) is a
 * typo, not a plan, and would keep an issue out of every reminder for ever.
 */
export const EARLIEST_DEADLINE: Day = "2000-01-01";
export const DEADLINE_YEARS_AHEAD = 10;

export function latestDeadline(today: Day): Day {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  // 29 February ten years on may not exist: the last day of February then.
  return isValidDay(y + DEADLINE_YEARS_AHEAD, m, d) ? `${y + DEADLINE_YEARS_AHEAD}${today.slice(4)}` : `${y + DEADLINE_YEARS_AHEAD}-02-28`;
}

/** Days compare as text when their years have four digits; an out-of-range year may not. */
export function isInDeadlineWindow(y: number, day: Day, today: Day): boolean {
  return y >= 2000 && y <= 9999 && day >= EARLIEST_DEADLINE && day <= latestDeadline(today);
}

/** `2000年1月1日至2036年11月29日`, for replies and row errors. */
export function deadlineWindowText(today: Day): string {
  return `${dayLabel(EARLIEST_DEADLINE)}至${dayLabel(latestDeadline(today))}`;
}
