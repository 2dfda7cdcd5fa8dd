import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.ts";
import { RunDays, jobKey, jobTimes } from "../../src/schedule/job-times.ts";
import { WorkingCalendar } from "../../src/domain/working-calendar.ts";

const calendar = new WorkingCalendar();

describe("jobTimes", () => {
  it("orders jobs by configured time, lights first, reminders before ranking before reviews at the same minute", () => {
    expect(jobTimes(loadConfig({}))).toEqual([
      { job: "lights", time: "08:30" },
      { job: "digest", time: "08:30" },
      { job: "reminders", time: "09:00" },
      { job: "ranking", time: "09:00" },
      { job: "reviews", time: "09:00" },
    ]);
    const c = loadConfig({ DUBAN_DIGEST_TIME: "10:15", DUBAN_REVIEW_TIME: "07:05", DUBAN_RANKING_TIME: "08:00" });
    expect(jobTimes(c).map((j) => `${j.job}@${j.time}`)).toEqual(["reviews@07:05", "lights@08:00", "ranking@08:00", "reminders@09:00", "digest@10:15"]);
  });

  it("has the weekly 情况通报 only when DUBAN_BULLETIN_TIME is set", () => {
    expect(jobTimes(loadConfig({})).some((j) => j.job === "bulletin")).toBe(false);
    expect(jobTimes(loadConfig({ DUBAN_BULLETIN_TIME: "16:00" })).at(-1)).toEqual({ job: "bulletin", time: "16:00" });
  });

  it("keys a run by job and day", () => {
    expect(jobKey("digest", "2026-12-01")).toBe("digest:2026-12-01");
  });
});

describe("RunDays", () => {
  const work = new RunDays(calendar, true);
  const every = new RunDays(calendar, false);

  it("runs daily jobs on working days only, 调休 weekends included", () => {
    expect(work.runsOn("digest", "2026-10-01")).toBe(false);
    expect(work.runsOn("reminders", "2026-10-10")).toBe(true);
    expect(work.runsOn("reviews", "2026-10-11")).toBe(false);
    expect(work.nextRunDay("digest", "2026-09-30")).toBe("2026-10-08");
  });

  it("runs the ranking on the first working day of the week", () => {
    expect(work.runsOn("ranking", "2026-12-07")).toBe(true); // Monday
    expect(work.runsOn("ranking", "2026-12-08")).toBe(false);
    expect(work.runsOn("ranking", "2026-10-05")).toBe(false); // 国庆 Monday
    expect(work.runsOn("ranking", "2026-10-08")).toBe(true); // work resumes on Thursday
    expect(work.runsOn("ranking", "2026-10-10")).toBe(false); // the 调休 Saturday is not the first
    expect(work.nextRunDay("ranking", "2026-09-28")).toBe("2026-10-08");
  });

  it("runs the 情况通报 on the last working day of the week, also when jobs run every day", () => {
    expect(work.runsOn("bulletin", "2026-12-04")).toBe(true); // Friday
    expect(work.runsOn("bulletin", "2026-12-03")).toBe(false);
    expect(work.runsOn("bulletin", "2026-12-05")).toBe(false);
    expect(work.runsOn("bulletin", "2026-09-30")).toBe(true); // the day before 国庆
    expect(work.runsOn("bulletin", "2026-10-09")).toBe(false);
    expect(work.runsOn("bulletin", "2026-10-10")).toBe(true); // the 调休 Saturday closes that week
    expect(every.runsOn("bulletin", "2026-12-06")).toBe(false);
    expect(every.runsOn("bulletin", "2026-12-04")).toBe(true);
    expect(work.nextRunDay("bulletin", "2026-12-04")).toBe("2026-12-11");
  });

  it("runs every day when DUBAN_WORKDAYS_ONLY=false, the ranking on Mondays", () => {
    expect(every.runsOn("digest", "2026-10-01")).toBe(true);
    expect(every.runsOn("digest", "2026-12-06")).toBe(true);
    expect(every.runsOn("ranking", "2026-10-05")).toBe(true);
    expect(every.runsOn("ranking", "2026-10-08")).toBe(false);
  });
});
