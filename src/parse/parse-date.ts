import { isValidDay } from "../core/zoned-time.ts";

/** A date as written in chat; the year may be left out (`12月31日`). */
export interface DateSpec {
  y?: number;
  m: number;
  d: number;
}

const FORMS: { re: RegExp; year: boolean }[] = [
  { re: /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/, year: true },
  { re: /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?/, year: true },
  { re: /^(\d{1,2})月(\d{1,2})[日号]?/, year: false },
];

export type DateParse = { ok: true; date: DateSpec; rest: string } | { ok: false; reason: "missing" | "invalid"; text?: string };

/** A year in range with the same February; no year yet: a leap one, so 2月29日 passes until it is known. */
function sameLeapness(y: number | undefined): number {
  if (y === undefined) return 2024;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 2024 : 2023;
}

/** Reads a date at the start of `text` (after an optional 至/到) and returns what follows it. */
export function parseDateAtStart(text: string): DateParse {
  const t = text.replace(/^(?:延期)?(?:至|到)\s*/, "").replace(/^["“”'‘’「]\s*/, "");
  for (const { re, year } of FORMS) {
    const m = re.exec(t);
    if (!m) continue;
    const nums = m.slice(1).map(Number);
    const date: DateSpec = year ? { y: nums[0]!, m: nums[1]!, d: nums[2]! } : { m: nums[0]!, d: nums[1]! };
    // Only the calendar is checked here (2月30日 is no date); whether the year is a sane
    // one is the handler's to say, so 2201-01-01 is called out of range, not misspelt.
    const valid = isValidDay(sameLeapness(date.y), date.m, date.d);
    if (!valid) return { ok: false, reason: "invalid", text: m[0] };
    return { ok: true, date, rest: t.slice(m[0].length).replace(/^\s*["“”'‘’」]/, "") };
  }
  const looksLikeDate = /^[\d年月日号\-/.]+/.exec(t);
  return looksLikeDate ? { ok: false, reason: "invalid", text: looksLikeDate[0] } : { ok: false, reason: "missing" };
}
