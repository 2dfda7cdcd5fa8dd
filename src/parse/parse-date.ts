import { isValidDay } from "../core/zoned-time.ts";
import type { DateSpec } from "../domain/resolve-date.ts";

const FORMS: { re: RegExp; read: (n: number[]) => DateSpec }[] = [
  { re: /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/, read: ([y, m, d]) => ({ y: y!, m: m!, d: d! }) },
  { re: /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?/, read: ([y, m, d]) => ({ y: y!, m: m!, d: d! }) },
  { re: /^(\d{1,2})月(\d{1,2})[日号]?/, read: ([m, d]) => ({ m: m!, d: d! }) },
  // As offices write deadlines: 2026年12月底(前), 12月底, 2026年底, 年底前.
  { re: /^(\d{4})年(\d{1,2})月底/, read: ([y, m]) => ({ y: y!, m: m!, d: 28, monthEnd: true }) },
  { re: /^(\d{1,2})月底/, read: ([m]) => ({ m: m!, d: 28, monthEnd: true }) },
  { re: /^(\d{4})年底/, read: ([y]) => ({ y: y!, m: 12, d: 31 }) },
  { re: /^年底/, read: () => ({ m: 12, d: 31 }) },
];
// `12月31日前`, `年底之前`: the same day (but `12月10日前期准备` is 前期, the text's).
const BEFORE = /^(?:之前|以前|前)(?![期提夕景])/;

/** Deadlines that are no date: a long-term issue (长期坚持), tracked without one. */
export const LONG_TERM_WORDS: readonly string[] = ["长期坚持", "持续整改", "长期"];

export type DateParse = { ok: true; date: DateSpec; rest: string } | { ok: false; reason: "missing" | "invalid"; text?: string };

/** A year in range with the same February; no year yet: a leap one, so 2月29日 passes until it is known. */
function sameLeapness(y: number | undefined): number {
  if (y === undefined) return 2024;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 2024 : 2023;
}

/** Reads a date at the start of `text` (after an optional 至/到) and returns what follows it. */
export function parseDateAtStart(text: string): DateParse {
  const t = text.replace(/^(?:延期)?(?:至|到)\s*/, "").replace(/^["“”'‘’「]\s*/, "");
  for (const { re, read } of FORMS) {
    const m = re.exec(t);
    if (!m) continue;
    const date = read(m.slice(1).map(Number));
    // Only the calendar is checked here (2月30日 is no date); whether the year is a sane
    // one is the handler's to say, so 2201-01-01 is called out of range, not misspelt.
    const valid = isValidDay(sameLeapness(date.y), date.m, date.d);
    if (!valid) return { ok: false, reason: "invalid", text: m[0] };
    return { ok: true, date, rest: t.slice(m[0].length).replace(BEFORE, "").replace(/^\s*["“”'‘’」]/, "") };
  }
  const looksLikeDate = /^[\d年月日号底\-/.]+/.exec(t);
  return looksLikeDate ? { ok: false, reason: "invalid", text: looksLikeDate[0] } : { ok: false, reason: "missing" };
}
