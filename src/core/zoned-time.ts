import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import timezone from "dayjs/plugin/timezone.js";

dayjs.extend(utc);
dayjs.extend(timezone);

export { dayjs };

/** A calendar day, `YYYY-MM-DD`. Deadlines and review dates are days, not instants. */
export type Day = string;

const DAY_MS = 86_400_000;
const QUARTER_MS = 15 * 60_000;

/** Calendar arithmetic in one time zone (DUBAN_TZ), whatever the server's zone is. */
export class ZonedTime {
  // dayjs's tz() builds a new Intl formatter per call, which showed up as the top cost
  // of every message in the pipeline bench; one formatter, kept, does the same job.
  readonly #fmt: Intl.DateTimeFormat;

  constructor(readonly tz: string) {
    this.#fmt = new Intl.DateTimeFormat("en-CA", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
  }

  /** `2026-12-01 08:30` in the zone. */
  minute(at: Date): string {
    const p: Record<string, string> = {};
    for (const { type, value } of this.#fmt.formatToParts(at)) p[type] = value;
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  }

  readonly #dayByQuarter = new Map<number, Day>();

  /**
   * The calendar day of an instant. Jobs ask it for thousands of report times; every
   * zone's midnight falls on a quarter hour, so one conversion per quarter hour serves.
   */
  today(at: Date): Day {
    const q = Math.floor(at.getTime() / QUARTER_MS);
    let day = this.#dayByQuarter.get(q);
    if (day === undefined) {
      day = this.minute(new Date(q * QUARTER_MS)).slice(0, 10);
      this.#dayByQuarter.set(q, day);
    }
    return day;
  }

  /** `12-01 08:30`, short enough for a phone screen. */
  short(at: Date): string {
    return this.minute(at).slice(5);
  }

  iso(at: Date): string {
    return dayjs(at).tz(this.tz).format("YYYY-MM-DDTHH:mm:ssZ");
  }

  /** The instant at which a wall-clock time happens in the zone. */
  at(day: Day, hhmm = "00:00"): Date {
    return dayjs.tz(`${day} ${hhmm}`, "YYYY-MM-DD HH:mm", this.tz).toDate();
  }

  /** Parses `2026-12-01 08:00` (or `2026-12-01T08:00:30`) as a wall-clock time in the zone. */
  parseLocal(text: string): Date | null {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
    if (!m) return null;
    const [, y, mo, d, h = "00", mi = "00", s = "00"] = m;
    if (!isValidDay(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
    return dayjs.tz(`${y}-${mo}-${d} ${h}:${mi}:${s}`, "YYYY-MM-DD HH:mm:ss", this.tz).toDate();
  }
}

export function isValidDay(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function formatDay(y: number, m: number, d: number): Day {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Whole days from `a` to `b` (positive when b is later). Pure date arithmetic, no zone. */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function addDays(day: Day, n: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** `12月31日`, or `2027年1月15日` when the year differs from `thisYear`. */
export function dayLabel(day: Day, thisYear?: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y === thisYear ? `${m}月${d}日` : `${y}年${m}月${d}日`;
}
