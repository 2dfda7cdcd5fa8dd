import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import type { Config } from "../config/load-config.ts";
import type { Clock } from "../core/clock.ts";
import type { TimedWork } from "../core/timed-work.ts";
import type { Day, ZonedTime } from "../core/zoned-time.ts";
import { enqueue } from "../outbox/enqueue.ts";
import type { Store } from "../store/open-store.ts";
import { LeaseLostError, claimJobRun, leaseOwner, finishJobRun, releaseJobRun, type ClaimResult } from "./claim-job-run.ts";
import { RunDays, jobKey, jobTimes, type JobName, type JobTime } from "./job-times.ts";
import { prepareJob } from "./prepare-job.ts";
import type { WorkingCalendar } from "../domain/working-calendar.ts";

/** What the jobs need: the store, the settings, the time, and someone to tell when there is mail. */
export interface SchedulerDeps {
  store: Store;
  config: Config;
  clock: Clock;
  time: ZonedTime;
  calendar: WorkingCalendar;
  log: Logger;
  /** Called after a job enqueued messages, so the sender does not wait for its next poll. */
  onEnqueued: () => void;
}

export interface SchedulerOptions {
  /** Who holds a JobRun lease; unique per instance by default. */
  owner?: string;
  /** How long a claimed run is ours before another instance may take it over. */
  leaseMs?: number;
  /** After a job fails, when it may be tried again (the same day only). */
  retryMs?: number;
}

export type JobOutcome = "ran" | "done" | "busy" | "failed";

const DEFAULT_LEASE_MS = 5 * 60_000;
const JOB_TX = { maxWait: 10_000, timeout: 60_000 };
const DEFAULT_RETRY_MS = 5 * 60_000;
/** A production tick re-arms a timer for work due this soon (a lease to take over, a retry, a cron tick that fired early). */
const FOLLOW_UP_WINDOW_MS = 60 * 60_000;

/**
 * The daily jobs (README, Schedules), each run at most once per day across restarts and
 * instances: a run is claimed in JobRun, and its messages are enqueued in the same
 * transaction that marks it finished. A job whose time passed while the bot was down
 * runs as soon as it is back, the same day only.
 */
export class Scheduler implements TimedWork {
  readonly owner: string;
  readonly runDays: RunDays;
  readonly jobs: JobTime[];
  readonly #leaseMs: number;
  readonly #retryMs: number;
  #chain: Promise<unknown> = Promise.resolve();
  #tasks: ScheduledTask[] = [];
  #followUp: NodeJS.Timeout | null = null;
  #checkedDay: Day | null = null;

  constructor(
    private readonly deps: SchedulerDeps,
    o: SchedulerOptions = {},
  ) {
    this.owner = o.owner ?? leaseOwner();
    this.#leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
    this.#retryMs = o.retryMs ?? DEFAULT_RETRY_MS;
    this.runDays = new RunDays(deps.calendar, deps.config.DUBAN_WORKDAYS_ONLY);
    this.jobs = jobTimes(deps.config);
  }

  /**
   * The next instant a job falls due: today's time if it runs today and has not finished
   * (in the past when missed: due now), the time a live lease held elsewhere runs out,
   * else the job's next run day.
   */
  async nextDueAt(): Promise<Date | null> {
    const { time, clock, store } = this.deps;
    const today = time.today(clock.now());
    const todays = this.jobs.filter((j) => this.runDays.runsOn(j.job, today));
    const rows = todays.length ? await store.jobRun.findMany({ where: { key: { in: todays.map((j) => jobKey(j.job, today)) } } }) : [];
    const byKey = new Map(rows.map((r) => [r.key, r]));
    let best: number | null = null;
    for (const j of this.jobs) {
      let at: number | null = null;
      if (this.runDays.runsOn(j.job, today)) {
        const row = byKey.get(jobKey(j.job, today));
        if (!row) at = time.at(today, j.time).getTime();
        else if (!row.finishedAt) at = Math.max(time.at(today, j.time).getTime(), row.leaseUntil.getTime());
      }
      if (at === null) {
        const next = this.runDays.nextRunDay(j.job, today);
        if (next) at = time.at(next, j.time).getTime();
      }
      if (at !== null && (best === null || at < best)) best = at;
    }
    return best === null ? null : new Date(best);
  }

  /** Runs, in time order, every job due now and not yet done today; true if any ran. */
  runDue(): Promise<boolean> {
    // One instance never runs two ticks at once (cron, follow-up timer and simulator all come here).
    const run = this.#chain.then(() => this.#runDue());
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #runDue(): Promise<boolean> {
    const now = this.deps.clock.now();
    const today = this.deps.time.today(now);
    this.checkCalendar(today);
    let ran = false;
    for (const j of this.jobs) {
      if (!this.runDays.runsOn(j.job, today) || this.deps.time.at(today, j.time).getTime() > now.getTime()) continue;
      const outcome = await this.runJob(j.job, today);
      if (outcome === "ran" || outcome === "failed") ran = true;
    }
    return ran;
  }

  /** Runs one job for `day` now unless it already ran or another instance holds it. */
  async runJob(job: JobName, day: Day): Promise<JobOutcome> {
    const { store, clock, config, time, calendar, log } = this.deps;
    const key = jobKey(job, day);
    let claim: ClaimResult;
    try {
      claim = await claimJobRun(store, { key, job, day, owner: this.owner, now: clock.now(), leaseMs: this.#leaseMs });
    } catch (err) {
      // Typically SQLITE_BUSY while another instance commits its run: try again on the next tick.
      log.warn({ err, job, day }, "could not claim job run");
      return "busy";
    }
    if (claim !== "claimed") {
      log.debug({ job, day, claim }, "job skipped");
      return claim;
    }
    try {
      const now = clock.now();
      const prepared = await prepareJob(job, { store, log, config, time, calendar, now, day });
      let count = 0;
      await store.$transaction(async (tx) => {
        await finishJobRun(tx, key, this.owner, clock.now());
        count = await enqueue(tx, prepared.messages, now, config.DUBAN_MAX_MESSAGE_CHARS);
        await prepared.commit?.(tx);
        // Not Prisma's default 5 s: the first morning on a 100,000-issue ledger writes some
        // 50,000 督办单 here, about 4 s on PostgreSQL on a busy machine. Well inside the lease.
      }, JOB_TX);
      log.info({ job, day, targets: prepared.messages.length, messages: count }, "job ran");
      if (count) this.deps.onEnqueued();
      return "ran";
    } catch (err) {
      if (err instanceof LeaseLostError) {
        // We were too slow and another instance ran it: our messages were rolled back.
        log.warn({ job, day }, err.message);
        return "busy";
      }
      log.error({ err, job, day }, "job failed; will retry");
      // Best effort: if even this fails, the lease simply runs out and the run is retried then.
      await releaseJobRun(store, key, this.owner, new Date(clock.now().getTime() + this.#retryMs)).catch(() => undefined);
      return "failed";
    }
  }

  /** Logs (once a day) and returns the warning when the coming 30 days reach a year with no holiday data. */
  checkCalendar(today: Day): string | null {
    if (this.#checkedDay === today) return null;
    this.#checkedDay = today;
    const warning = this.deps.calendar.coverageWarning(today);
    if (warning) this.deps.log.warn(warning);
    return warning;
  }

  /** Production: node-cron fires at each job time in DUBAN_TZ; what was missed while down runs now. */
  startCron(): void {
    if (this.#tasks.length) return;
    const times = [...new Set(this.jobs.map((j) => j.time))];
    this.#tasks = times.map((t) => {
      const [h, m] = t.split(":").map(Number) as [number, number];
      return cron.schedule(`${m} ${h} * * *`, () => this.#tick(), { timezone: this.deps.config.DUBAN_TZ, name: `duban-jobs-${t}`, noOverlap: true });
    });
    void this.#tick();
  }

  async #tick(): Promise<void> {
    try {
      await this.runDue();
      if (this.#tasks.length === 0) return; // stopped meanwhile
      const next = await this.nextDueAt();
      if (this.#followUp) clearTimeout(this.#followUp);
      this.#followUp = null;
      if (!next) return;
      const ms = next.getTime() - this.deps.clock.now().getTime();
      if (ms > FOLLOW_UP_WINDOW_MS) return; // the cron tick will come first
      this.#followUp = setTimeout(() => void this.#tick(), Math.max(ms, 1000));
      this.#followUp.unref();
    } catch (err) {
      this.deps.log.error({ err }, "scheduler tick failed");
    }
  }

  async stop(): Promise<void> {
    const tasks = this.#tasks;
    this.#tasks = [];
    await Promise.all(tasks.map((t) => t.destroy()));
    if (this.#followUp) clearTimeout(this.#followUp);
    this.#followUp = null;
    await this.idle();
  }

  /**
   * Resolves when the work started so far (a cron tick's jobs) is done. A tick's jobs wait on
   * the store, which on PostgreSQL is the network: a test on fake timers looks after this.
   */
  async idle(): Promise<void> {
    await this.#chain;
  }
}

/** A scheduler whose calendar has been checked once (at start-up; again each new day the bot keeps running). */
export function createScheduler(deps: SchedulerDeps, o: SchedulerOptions = {}): Scheduler {
  const scheduler = new Scheduler(deps, o);
  scheduler.checkCalendar(deps.time.today(deps.clock.now()));
  return scheduler;
}
