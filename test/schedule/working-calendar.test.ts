import { writeFileSync } from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/core/zoned-time.ts";
import { ConfigError } from "../../src/config/load-config.ts";
import { loadCalendarOverride, parseCalendarOverride } from "../../src/domain/calendar-override.ts";
import { WorkingCalendar } from "../../src/domain/working-calendar.ts";
import { tempDir } from "./helpers.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const plain = new WorkingCalendar();
const override = new WorkingCalendar(parseCalendarOverride({ holidays: ["2027-01-01"], workdays: ["2027-02-07"] }));

describe("WorkingCalendar (chinese-days)", () => {
  it("takes statutory holidays off, even on weekdays", () => {
    expect(plain.isWorkday("2026-10-01")).toBe(false); // 国庆节, a Thursday
    expect(plain.isWorkday("2026-10-07")).toBe(false);
    expect(plain.isWorkday("2026-10-08")).toBe(true);
  });

  it("works the adjusted weekends (调休) of 2026", () => {
    expect(plain.isWorkday("2026-09-20")).toBe(true); // Sunday, 国庆节 调休
    expect(plain.isWorkday("2026-10-10")).toBe(true); // Saturday, 国庆节 调休
    expect(plain.isWorkday("2026-01-04")).toBe(true); // Sunday, 元旦 调休
    expect(plain.isWorkday("2026-10-11")).toBe(false); // an ordinary Sunday
    expect(plain.isWorkday("2026-12-05")).toBe(false); // an ordinary Saturday
    expect(plain.isWorkday("2026-12-07")).toBe(true); // an ordinary Monday
  });

  it("without data for 2027: weekdays on, weekends off, only the fixed-date holidays off", () => {
    expect(plain.isWorkday("2027-01-01")).toBe(false); // 元旦, a Friday
    expect(plain.isWorkday("2027-10-01")).toBe(false);
    expect(plain.isWorkday("2027-02-08")).toBe(true); // 春节 week: unknown without the schedule, hence the warning
    expect(plain.isWorkday("2027-02-07")).toBe(false);
    expect(plain.hasDataFor(2026)).toBe(true);
    expect(plain.hasDataFor(2027)).toBe(false);
  });

  it("applies the override file's holidays and working days", () => {
    expect(override.isWorkday("2027-01-01")).toBe(false);
    expect(override.isWorkday("2027-02-07")).toBe(true); // a Sunday
    expect(override.isWorkday("2027-01-04")).toBe(true);
    expect(override.hasDataFor(2027)).toBe(true);
    expect(override.isWorkday("2026-10-01")).toBe(false); // chinese-days still applies
  });

  it("agrees with chinese-days on every day from 2004 to 2026 (its data), whatever this process's zone", () => {
    // chinese-days 1.5.7 is itself only right at or east of UTC, so ask it in a UTC process.
    const theirs = execFileSync(
      process.execPath,
      ["-e", `const c=require("chinese-days");let d=Date.UTC(2004,0,1),o="";for(;d<=Date.UTC(2026,11,31);d+=864e5)o+=c.isWorkday(new Date(d).toISOString().slice(0,10))?"1":"0";process.stdout.write(o)`],
      { cwd: ROOT, env: { ...process.env, TZ: "UTC" }, encoding: "utf8" },
    );
    let ours = "";
    for (let d = "2004-01-01"; d <= "2026-12-31"; d = addDays(d, 1)) ours += plain.isWorkday(d) ? "1" : "0";
    expect(ours.length).toBe(8401);
    expect(ours === theirs).toBe(true);
  });

  it("counts working days left before a deadline (剩 N 个工作日)", () => {
    expect(plain.workdaysLeft("2026-12-07", "2026-12-09")).toBe(2);
    expect(plain.workdaysLeft("2026-12-07", "2026-12-07")).toBe(0);
    expect(plain.workdaysLeft("2026-12-07", "2026-12-01")).toBe(0);
    expect(plain.workdaysLeft("2026-12-04", "2026-12-06")).toBe(0); // Friday, due Sunday
    expect(plain.workdaysLeft("2026-12-04", "2026-12-07")).toBe(1);
    // Across 国庆: 9-30 (Wed) → 10-10 (Sat): 10-08, 10-09 and the 调休 Saturday.
    expect(plain.workdaysLeft("2026-09-30", "2026-10-10")).toBe(3);
    expect(override.workdaysLeft("2026-12-31", "2027-01-04")).toBe(1);
    expect(plain.workdaysLeft("2026-12-31", "2027-01-04")).toBe(1); // 元旦 is off even without 2027 data
  });

  it("finds the first working day of a week", () => {
    expect(plain.firstWorkdayOfWeek("2026-10-09")).toBe("2026-10-08"); // week of 国庆: Thursday
    expect(plain.firstWorkdayOfWeek("2026-12-10")).toBe("2026-12-07");
    expect(plain.firstWorkdayOfWeek("2026-09-20")).toBe("2026-09-14"); // Sunday belongs to the week before
  });
});

describe("coverageWarning", () => {
  it("is silent while the coming 30 days have data", () => {
    expect(plain.coverageWarning("2026-11-01")).toBeNull();
    expect(plain.coverageWarning("2026-12-02")).toBeNull(); // 12-02 + 29 days = 12-31
  });

  it("warns when the coming 30 days reach a year with no data", () => {
    const w = plain.coverageWarning("2026-12-03");
    expect(w).toContain("2027");
    expect(w).toContain("from 2027-01-01");
    expect(w).toContain("DUBAN_CALENDAR_FILE");
    expect(plain.coverageWarning("2027-03-01")).toContain("from 2027-03-01");
  });

  it("is satisfied by an override file listing dates in that year", () => {
    expect(override.coverageWarning("2026-12-20")).toBeNull();
    expect(override.coverageWarning("2027-12-20")).toContain("2028");
  });
});

describe("loadCalendarOverride", () => {
  const { dir, cleanup } = tempDir("calendar");
  afterAll(cleanup);
  const file = (name: string, text: string) => {
    const f = path.join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  const problems = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as ConfigError).message;
    }
    throw new Error("expected a ConfigError");
  };

  it("reads a good file, with or without a BOM; either list may be left out", () => {
    expect(loadCalendarOverride(file("ok.json", '\uFEFF{"holidays":["2027-01-01"],"workdays":["2027-02-07"]}'))).toEqual({
      holidays: ["2027-01-01"],
      workdays: ["2027-02-07"],
    });
    expect(loadCalendarOverride(file("h.json", '{"holidays":["2027-10-01"]}'))).toEqual({ holidays: ["2027-10-01"], workdays: [] });
    expect(loadCalendarOverride(undefined)).toEqual({ holidays: [], workdays: [] });
  });

  it("stops with a clear message on a bad file", () => {
    expect(problems(() => loadCalendarOverride(path.join(dir, "missing.json")))).toMatch(/DUBAN_CALENDAR_FILE=.*missing\.json.*cannot read the file \(ENOENT\)/);
    expect(problems(() => loadCalendarOverride(file("bad.json", "{holidays:")))).toMatch(/not valid JSON/);
    const m = problems(() => loadCalendarOverride(file("date.json", '{"holidays":["2027-1-1","2027-02-30"]}')));
    expect(m).toContain('holidays[0]: expected a date as YYYY-MM-DD, e.g. 2027-01-01 (got "2027-1-1")');
    expect(m).toContain('holidays[1]: expected a real calendar date (got "2027-02-30")');
    expect(problems(() => parseCalendarOverride({ holidays: ["2027-01-01"], workdays: ["2027-01-01"] }))).toContain("2027-01-01 is in both");
    expect(problems(() => parseCalendarOverride({ holiday: ["2027-01-01"] }))).toContain('expected only "holidays" and "workdays", not "holiday"');
    expect(problems(() => parseCalendarOverride(["2027-01-01"]))).toContain("the file: expected a JSON object");
    expect(problems(() => parseCalendarOverride({ holidays: [20270101] }))).toContain('holidays[0]: expected a date as "YYYY-MM-DD" (got 20270101)');
  });
});
