import type { Day } from "../core/zoned-time.ts";
import type { Store, Tx } from "../store/open-store.ts";

export interface BulletinNumber {
  year: number;
  number: number;
  /** Already issued for this week: it keeps its number and nothing is written. */
  issued: boolean;
}

/**
 * The number of the week's 通报: the one it already has, else the next of `year` (the year
 * of the day reported on, so the week of 1月1日 opens the new year's series). Writes nothing.
 */
export async function bulletinNumber(db: Store | Tx, week: Day, year: number): Promise<BulletinNumber> {
  const known = await db.bulletin.findUnique({ where: { week } });
  if (known) return { year: known.year, number: known.number, issued: true };
  const last = await db.bulletin.aggregate({ where: { year }, _max: { number: true } });
  return { year, number: (last._max.number ?? 0) + 1, issued: false };
}

/** Records the week's number, once; a clash with another writer fails the transaction, to be tried again. */
export async function recordBulletin(tx: Store | Tx, week: Day, n: BulletinNumber, now: Date): Promise<void> {
  if (!n.issued) await tx.bulletin.create({ data: { week, year: n.year, number: n.number, issuedAt: now } });
}
