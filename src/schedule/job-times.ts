import type { Config } from "../config/load-config.ts";
import { addDays, type Day } from "../core/zoned-time.ts";
import type { WorkingCalendar } from "../domain/working-calendar.ts";

/**
 * In this order when two fall at the same minute: the day's lights (and the 督办单 they
 * issue) before the digest and the reminders that carry them, reminders before the ranking
 * that judges them.
 */
export const JOBS = ["lights", "digest", "reminders", "ranking", "reviews", "bulletin"] as const;
export type JobName = (typeof JOBS)[number];

export interface JobTime {
  job: JobName;
  /** HH:MM in DUBAN_TZ. */
  time: string;
}

/** Every job at its configured time, in the order they run; the 情况通报 only when DUBAN_BULLETIN_TIME is set. */
export function jobTimes(
  config: Pick<Config, "DUBAN_DIGEST_TIME" | "DUBAN_REMINDER_TIME" | "DUBAN_RANKING_TIME" | "DUBAN_REVIEW_TIME" | "DUBAN_BULLETIN_TIME">,
): JobTime[] {
  const at: Record<JobName, string | undefined> = {
    // No time of its own: just before the first job that shows lights.
    lights: [config.DUBAN_DIGEST_TIME, config.DUBAN_REMINDER_TIME, config.DUBAN_RANKING_TIME].sort()[0]!,
    digest: config.DUBAN_DIGEST_TIME,
    reminders: config.DUBAN_REMINDER_TIME,
    ranking: config.DUBAN_RANKING_TIME,
    reviews: config.DUBAN_REVIEW_TIME,
    bulletin: config.DUBAN_BULLETIN_TIME,
  };
  return JOBS.flatMap((job) => (at[job] === undefined ? [] : [{ job, time: at[job] }])).sort((a, b) => a.time.localeCompare(b.time) || JOBS.indexOf(a.job) - JOBS.indexOf(b.job));
}

/** The JobRun key: one run per job per day, whichever instance gets there first. */
export function jobKey(job: JobName, day: Day): string {
  return `${job}:${day}`;
}

/** Which days each job runs on. */
export class RunDays {
  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly workdaysOnly: boolean,
  ) {}

  isRunDay(day: Day): boolean {
    return !this.workdaysOnly || this.calendar.isWorkday(day);
  }

  /**
   * The ranking is weekly: the week's first run day (Monday, or after a holiday the day work
   * resumes). The lights job runs on run days too: a 督办单 is dated, and its reason stated,
   * the working day it goes out (a light is computed afresh wherever it is shown).
   */
  runsOn(job: JobName, day: Day): boolean {
    if (!this.isRunDay(day)) return false;
    if (job === "ranking") return this.calendar.firstWorkdayOfWeek(day, (d) => this.isRunDay(d)) === day;
    // The week's 情况通报 closes the working week (Friday, or the day before a holiday), also when jobs run every day.
    if (job === "bulletin") return this.calendar.lastWorkdayOfWeek(day) === day;
    return true;
  }

  /** The next day after `day` the job runs on; null if none within a year and a bit (a calendar file gone wrong). */
  nextRunDay(job: JobName, day: Day): Day | null {
    for (let i = 1; i <= 400; i++) {
      const d = addDays(day, i);
      if (this.runsOn(job, d)) return d;
    }
    return null;
  }
}
