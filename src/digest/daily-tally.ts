import { addDays, type Day } from "../core/zoned-time.ts";
import type { Store, Tx } from "../store/open-store.ts";
import type { DigestSnapshot } from "./digest-snapshot.ts";

/** The district's figures on one day: what the digest picture compares and draws. */
export interface Tally {
  open: number;
  overdue: number;
  pending: number;
  closed: number;
}

/** How far back the digest picture's trend reaches. */
export const TREND_DAYS = 30;

export function tallyOf(s: DigestSnapshot): Tally {
  return {
    open: (s.counts.NOT_STARTED ?? 0) + (s.counts.IN_PROGRESS ?? 0),
    overdue: s.lights.RED,
    pending: s.counts.PENDING_VERIFICATION ?? 0,
    closed: s.counts.CLOSED ?? 0,
  };
}

/** The day's figures, as the scheduled digest found them (a rerun the same day rewrites them). */
export async function recordTally(db: Store | Tx, day: Day, t: Tally, now: Date): Promise<void> {
  const row = { ...t, recordedAt: now };
  await db.dailyTally.upsert({ where: { day }, create: { day, ...row }, update: row });
}

/** The recorded days of the trend window before `today`, oldest first. */
export async function loadTallies(db: Store | Tx, today: Day): Promise<(Tally & { day: Day })[]> {
  return db.dailyTally.findMany({
    where: { day: { gt: addDays(today, -TREND_DAYS), lt: today } },
    select: { day: true, open: true, overdue: true, pending: true, closed: true },
    orderBy: { day: "asc" },
  });
}
