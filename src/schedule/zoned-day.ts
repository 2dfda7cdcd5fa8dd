import type { Day } from "../core/zoned-time.ts";

const QUARTER_MS = 15 * 60_000;

/**
 * An instant's calendar day in a zone, `YYYY-MM-DD`: the same answer as ZonedTime.today,
 * but reminders ask it for thousands of reports and a zone conversion costs microseconds
 * each. Every zone's midnight falls on a quarter hour, so all instants of one quarter
 * hour share a day: one conversion per quarter hour seen.
 */
export function zonedDayOf(tz: string): (at: Date) => Day {
  const f = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" });
  const memo = new Map<number, Day>();
  return (at) => {
    const q = Math.floor(at.getTime() / QUARTER_MS);
    let day = memo.get(q);
    if (day === undefined) {
      const p = f.formatToParts(new Date(q * QUARTER_MS));
      const get = (t: string) => p.find((x) => x.type === t)!.value;
      day = `${get("year")}-${get("month")}-${get("day")}`;
      memo.set(q, day);
    }
    return day;
  };
}
