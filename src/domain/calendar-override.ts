import { readFileSync } from "node:fs";
import { z } from "zod";
import { ConfigError } from "../config/load-config.ts";
import { isValidDay, type Day } from "../core/zoned-time.ts";

/** Extra holidays and working days beyond what chinese-days knows (its data ends with 2026). */
export interface CalendarOverride {
  holidays: Day[];
  workdays: Day[];
}

export const EMPTY_OVERRIDE: CalendarOverride = { holidays: [], workdays: [] };

const day = z
  .string({ message: "a date as YYYY-MM-DD, e.g. 2027-01-01" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD, e.g. 2027-01-01")
  .refine((s) => {
    const [y, m, d] = s.split("-").map(Number) as [number, number, number];
    return isValidDay(y, m, d);
  }, "a real calendar date");

export const calendarOverrideSchema = z
  .strictObject({
    holidays: z.array(day).default([]),
    workdays: z.array(day).default([]),
  })
  .superRefine((o, ctx) => {
    const holidays = new Set(o.holidays);
    for (const [i, d] of o.workdays.entries()) {
      if (holidays.has(d)) ctx.addIssue({ code: "custom", path: ["workdays", i], message: `a date not also listed in holidays (${d} is in both)` });
    }
  });

/**
 * Reads and validates DUBAN_CALENDAR_FILE, e.g. `{"holidays":["2027-01-01"],"workdays":["2027-02-07"]}`.
 * A bad file throws ConfigError: start-up stops with the reason rather than silently
 * running jobs on holidays.
 */
export function loadCalendarOverride(file: string | undefined): CalendarOverride {
  if (!file) return EMPTY_OVERRIDE;
  const where = `DUBAN_CALENDAR_FILE=${JSON.stringify(file)}`;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError([`${where}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new ConfigError([`${where}: not valid JSON (${(e as Error).message})`]);
  }
  return parseCalendarOverride(json, where);
}

export function parseCalendarOverride(json: unknown, where = "calendar override"): CalendarOverride {
  const parsed = calendarOverrideSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => {
    const at = i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "") || "the file";
    const got = valueAt(json, i.path);
    const what =
      i.code === "unrecognized_keys"
        ? `only "holidays" and "workdays", not ${i.keys.map((k) => JSON.stringify(k)).join(", ")}`
        : i.code === "invalid_type"
          ? `${i.expected === "object" ? "a JSON object" : i.expected === "array" ? "a list of dates" : 'a date as "YYYY-MM-DD"'}`
          : i.message;
    return `${where}: ${at}: expected ${what}${got === undefined ? "" : ` (got ${JSON.stringify(got)})`}`;
  });
  problems.push(`${where}: the file should look like {"holidays":["2027-01-01"],"workdays":["2027-02-07"]}`);
  throw new ConfigError(problems);
}

function valueAt(json: unknown, path: PropertyKey[]): unknown {
  let v: unknown = json;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v === json ? undefined : v;
}
