import { DubanError } from "../core/duban-error.ts";
import { formatDay, isValidDay, type Day } from "../core/zoned-time.ts";
import type { DateSpec } from "../parse/parse-date.ts";

/** `12月31日` means the next 12月31日 from today; a written year is taken as written. */
export function resolveDate(spec: DateSpec, today: Day): Day {
  const thisYear = Number(today.slice(0, 4));
  let y = spec.y ?? thisYear;
  if (spec.y === undefined && formatDay(y, spec.m, spec.d) < today) y += 1;
  if (!isValidDay(y, spec.m, spec.d)) throw new DubanError("BAD_DATE", `${y}年没有${spec.m}月${spec.d}日`);
  return formatDay(y, spec.m, spec.d);
}
