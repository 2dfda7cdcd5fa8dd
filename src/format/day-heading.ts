import { dayLabel, type Day } from "../core/zoned-time.ts";

const WEEKDAY = ["日", "一", "二", "三", "四", "五", "六"];

/** `12月1日（周二）`: the date line of a scheduled message. */
export function dayHeading(day: Day): string {
  return `${dayLabel(day, Number(day.slice(0, 4)))}（周${WEEKDAY[new Date(`${day}T00:00:00Z`).getUTCDay()]}）`;
}
