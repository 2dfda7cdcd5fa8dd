import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { processAlive } from "../core/process-alive.ts";
import { isUniqueViolation } from "../store/unique-violation.ts";
import type { Store, Tx } from "../store/open-store.ts";

export interface JobRunClaim {
  key: string;
  job: string;
  day: string;
  owner: string;
  now: Date;
  leaseMs: number;
}

/** claimed: ours to run; done: already finished today; busy: another owner holds a live lease. */
export type ClaimResult = "claimed" | "done" | "busy";


/** A lease holder's name: its machine, its process and a random part (two schedulers in one process). */
export function leaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * The holder was a process of this machine and is gone (killed, crashed): nobody will finish
 * its run, so a restarted bot need not wait out the lease. A holder elsewhere is judged by
 * its lease alone.
 */
function holderGone(owner: string): boolean {
  const [host, pid] = owner.split(":");
  const n = Number(pid);
  return host === hostname() && Number.isInteger(n) && n > 0 && n !== process.pid && !processAlive(n);
}

/**
 * Claims one job run with a lease. The insert is the lock: the primary key lets exactly one
 * instance in. An unfinished run whose lease has expired, or whose holder on this machine has
 * died, was abandoned (a crash mid-run: its messages were never committed) and may be taken over.
 */
export async function claimJobRun(db: Store, c: JobRunClaim): Promise<ClaimResult> {
  const leaseUntil = new Date(c.now.getTime() + c.leaseMs);
  try {
    await db.jobRun.create({ data: { key: c.key, job: c.job, day: c.day, owner: c.owner, startedAt: c.now, leaseUntil } });
    return "claimed";
  } catch (e) {
    if (!isUniqueViolation(e, "key")) throw e;
  }
  const row = await db.jobRun.findUnique({ where: { key: c.key } });
  if (!row) return "busy"; // deleted under us: let the next tick try again
  if (row.finishedAt) return "done";
  if (row.leaseUntil.getTime() > c.now.getTime() && !holderGone(row.owner)) return "busy";
  // Conditional on the row as we read it: of two instances taking over, one wins.
  const took = await db.jobRun.updateMany({
    where: { key: c.key, owner: row.owner, leaseUntil: row.leaseUntil, finishedAt: null },
    data: { owner: c.owner, startedAt: c.now, leaseUntil },
  });
  return took.count === 1 ? "claimed" : "busy";
}

export class LeaseLostError extends Error {
  constructor(key: string) {
    super(`job run ${key} was taken over by another instance`);
    this.name = "LeaseLostError";
  }
}

/**
 * Marks the run finished, in the transaction that enqueues its messages: both or neither.
 * Throws if another instance took the run over meanwhile, rolling our messages back.
 */
export async function finishJobRun(tx: Tx, key: string, owner: string, now: Date): Promise<void> {
  const done = await tx.jobRun.updateMany({ where: { key, owner, finishedAt: null }, data: { finishedAt: now } });
  if (done.count !== 1) throw new LeaseLostError(key);
}

/** After a failed run: keep the claim but let it be retried (by anyone) at `retryAt`. */
export async function releaseJobRun(db: Store, key: string, owner: string, retryAt: Date): Promise<void> {
  await db.jobRun.updateMany({ where: { key, owner, finishedAt: null }, data: { leaseUntil: retryAt } });
}
