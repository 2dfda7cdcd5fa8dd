import { Prisma, type Outbox } from "../generated/prisma/client.ts";
import { liveAccountsOf } from "./account-lock.ts";
import type { Store } from "./open-store.ts";
import { sqlFor } from "./sql-dialect.ts";

/*
 * Which outbox rows a sender may take. On SQLite one bot process owns the database (its
 * file lock), so it takes every row, as it always has. On PostgreSQL several processes,
 * each logged in to its own account, share the queue: a row is taken by exactly one of
 * them, and only by one that can reach its target. `account` null is a sender not told its
 * account (the simulator, a test): it takes any row.
 */

/**
 * Rows `account` may send, over the outbox as `o`: a reply only through the account that
 * received its message; a group's message only through an account in that group, or any
 * account while no account has said it is in it (one account, or a group not seen yet);
 * a private message through any account.
 */
function reachable(account: string | null): Prisma.Sql {
  if (account === null) return Prisma.empty;
  return Prisma.sql`
    AND (o."account" IS NULL OR o."account" = ${account})
    AND (o."roomId" IS NULL
      OR EXISTS (SELECT 1 FROM "AccountRoom" a WHERE a."roomId" = o."roomId" AND a."account" = ${account})
      OR NOT EXISTS (SELECT 1 FROM "AccountRoom" a WHERE a."roomId" = o."roomId"))`;
}

/**
 * Takes the most urgent due row (PRIORITY, then order of arrival) for `account`: marks it
 * SENDING, claimed by `account`, and returns it; null when none is due.
 */
export async function claimNextOutbox(db: Store, account: string | null, now: Date): Promise<Outbox | null> {
  if (sqlFor(db).name === "sqlite") {
    const row = await db.outbox.findFirst({ where: { status: "PENDING", nextAttempt: { lte: now } }, orderBy: [{ priority: "asc" }, { id: "asc" }] });
    if (!row) return null;
    const claimed = await db.outbox.updateMany({ where: { id: row.id, status: "PENDING" }, data: { status: "SENDING", claimedBy: account } });
    return claimed.count === 1 ? { ...row, status: "SENDING", claimedBy: account } : null;
  }
  // One statement: the row is locked as it is chosen, and a row another sender holds is
  // skipped rather than waited for, so senders never take the same row nor queue behind one.
  const rows = await db.$queryRaw<Outbox[]>`
    UPDATE "Outbox" SET "status" = 'SENDING', "claimedBy" = ${account}
    WHERE "id" = (
      SELECT o."id" FROM "Outbox" o
      WHERE o."status" = 'PENDING' AND o."nextAttempt" <= ${now} ${reachable(account)}
      ORDER BY o."priority", o."id"
      FOR UPDATE SKIP LOCKED
      LIMIT 1)
    RETURNING *`;
  return rows[0] ?? null;
}

/** When the first row `account` may send falls due (it may be due already); null when there is none. */
export async function nextOutboxDue(db: Store, account: string | null): Promise<Date | null> {
  if (sqlFor(db).name === "sqlite") {
    const row = await db.outbox.findFirst({ where: { status: "PENDING" }, orderBy: [{ nextAttempt: "asc" }, { id: "asc" }], select: { nextAttempt: true } });
    return row?.nextAttempt ?? null;
  }
  const rows = await db.$queryRaw<{ at: Date }[]>`
    SELECT o."nextAttempt" AS "at" FROM "Outbox" o
    WHERE o."status" = 'PENDING' ${reachable(account)}
    ORDER BY o."nextAttempt", o."id" LIMIT 1`;
  return rows[0]?.at ?? null;
}

/**
 * After a crash, the rows left mid-send go back in the queue. On SQLite every such row was
 * this process's. On PostgreSQL those `account` claimed, and those of accounts no live
 * process holds (a process that died and is not coming back as that account); a live
 * process's rows are its own business: it may be sending them right now.
 */
export async function requeueAbandoned(db: Store, account: string | null): Promise<number> {
  if (sqlFor(db).name === "sqlite") return (await db.outbox.updateMany({ where: { status: "SENDING" }, data: { status: "PENDING" } })).count;
  const live = (await liveAccountsOf(db)).filter((a) => a !== account);
  const where = { status: "SENDING", OR: [{ claimedBy: account }, { claimedBy: { notIn: live } }] };
  return (await db.outbox.updateMany({ where, data: { status: "PENDING" } })).count;
}
