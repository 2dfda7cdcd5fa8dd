import type { ManualClock } from "../core/clock.ts";
import type { TimedWork } from "../core/timed-work.ts";

const MAX_STEPS = 200_000;

/**
 * Moves a virtual clock forward to `target`, running every piece of work that falls due
 * on the way, in time order (earlier-listed work first at equal times: jobs enqueue
 * before the sender delivers).
 */
export async function advanceTo(clock: ManualClock, target: Date, work: TimedWork[]): Promise<void> {
  for (let i = 0; i < MAX_STEPS; i++) {
    const due = await Promise.all(work.map(async (w) => ({ w, at: await w.nextDueAt() })));
    const next = due
      .filter((d): d is { w: TimedWork; at: Date } => d.at !== null && d.at.getTime() <= target.getTime())
      .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
    if (!next) break;
    if (next.at.getTime() > clock.now().getTime()) clock.set(next.at);
    if (!(await next.w.runDue())) clock.advance(1); // never spin on work that says "not yet"
  }
  if (target.getTime() > clock.now().getTime()) clock.set(target);
}

/** Runs work until none is pending at all (the end of a script): the sender's tail. */
export async function drainAll(clock: ManualClock, work: TimedWork[]): Promise<void> {
  for (let i = 0; i < MAX_STEPS; i++) {
    const times = (await Promise.all(work.map((w) => w.nextDueAt()))).filter((t): t is Date => t !== null);
    if (times.length === 0) return;
    const next = new Date(Math.min(...times.map((t) => t.getTime())));
    await advanceTo(clock, next, work);
  }
}
