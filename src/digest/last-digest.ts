import type { Store, Tx } from "../store/open-store.ts";

const KEY = "digest.lastAt";

/** When the last scheduled digest was built: the next one reports what changed since. */
export async function lastDigestAt(db: Store | Tx): Promise<Date | null> {
  const row = await db.meta.findUnique({ where: { key: KEY } });
  return row ? new Date(row.value) : null;
}

export async function setLastDigestAt(db: Store | Tx, at: Date): Promise<void> {
  await db.meta.upsert({ where: { key: KEY }, create: { key: KEY, value: at.toISOString() }, update: { value: at.toISOString() } });
}
