import { Prisma, type Issue, type IssueEvent, type Outbox } from "../generated/prisma/client.ts";
import type { Store, Tx } from "./open-store.ts";

/*
 * The statements every chat message runs, as parameterised SQL through Prisma's own
 * connection and transaction. Measured (npm run bench): a Prisma model call costs
 * 1–2 ms here, mostly query compilation, against ~0.3 ms for the same statement raw;
 * four of them per message capped the pipeline near 120 messages/s. Everything else
 * (admin commands, imports, jobs) stays on the typed model API.
 */

type Db = Store | Tx;

export async function issueByCode(db: Db, code: string): Promise<Issue | null> {
  const rows = await db.$queryRaw<Issue[]>`SELECT * FROM "Issue" WHERE "code" = ${code}`;
  return rows[0] ?? null;
}

export async function recentEvents(db: Db, issueId: number, types: readonly string[], take: number): Promise<IssueEvent[]> {
  return db.$queryRaw<IssueEvent[]>`
    SELECT * FROM "IssueEvent" WHERE "issueId" = ${issueId} AND "type" IN (${Prisma.join(types)})
    ORDER BY "at" DESC, "id" DESC LIMIT ${take}`;
}

export interface NewEvent {
  issueId: number;
  type: string;
  actorId: string;
  actorName: string;
  roomId: string | null;
  text: string;
  percent: number | null;
  fromState: string | null;
  toState: string | null;
  oldDeadline: string | null;
  newDeadline: string | null;
  messageId: string | null;
  rawMessage: string | null;
  at: Date;
}

export async function insertEvent(db: Db, e: NewEvent): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "IssueEvent" ("issueId", "type", "actorId", "actorName", "roomId", "text", "percent", "fromState", "toState",
      "oldDeadline", "newDeadline", "messageId", "rawMessage", "at")
    VALUES (${e.issueId}, ${e.type}, ${e.actorId}, ${e.actorName}, ${e.roomId}, ${e.text}, ${e.percent}, ${e.fromState}, ${e.toState},
      ${e.oldDeadline}, ${e.newDeadline}, ${e.messageId}, ${e.rawMessage}, ${e.at})`;
}

/**
 * A unit's report: the state it moves to, what it said and when; a percentage if it gave one.
 * A unit that reports on an assignment has plainly received it: that is its 签收 too.
 */
export async function recordReport(
  db: Db,
  r: { issueId: number; state: string; text: string; at: Date; percent: number | null; claimedAt: Date | null },
): Promise<void> {
  await db.$executeRaw`
    UPDATE "Issue" SET "state" = ${r.state}, "lastReportAt" = ${r.at}, "lastReportText" = ${r.text},
      "progressPct" = COALESCE(${r.percent}, "progressPct"), "claimedAt" = COALESCE(${r.claimedAt}, "claimedAt"), "updatedAt" = ${r.at},
      "acknowledgedAt" = CASE WHEN "ackPending" = true THEN ${r.at} ELSE "acknowledgedAt" END, "ackPending" = false
    WHERE "id" = ${r.issueId}`;
}

/** A row to insert: what `enqueue` sets; status, attempts and the rest take their start values. */
export type NewOutboxRow = Pick<Outbox, "key" | "roomId" | "contactId" | "targetName" | "text" | "filePath" | "fileName" | "priority" | "createdAt" | "nextAttempt"> & {
  /** The account that must send it; by default any that reaches the target. */
  account?: string | null;
};

export async function insertOutbox(db: Db, rows: NewOutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(
    (r) =>
      Prisma.sql`(${r.key}, ${r.roomId}, ${r.contactId}, ${r.targetName}, ${r.text}, ${r.filePath}, ${r.fileName}, ${r.priority}, ${r.account ?? null}, 'PENDING', 0, ${r.createdAt}, ${r.nextAttempt})`,
  );
  await db.$executeRaw`
    INSERT INTO "Outbox" ("key", "roomId", "contactId", "targetName", "text", "filePath", "fileName", "priority", "account", "status", "attempts", "createdAt", "nextAttempt")
    VALUES ${Prisma.join(values)}`;
}

/**
 * The issues whose code has one of these keys (letters and digits only, see codeKey):
 * one lookup for every code-shaped word in a message, exact or loosely typed. The
 * expression is the one the Issue_codeKey index is built on, so SQLite uses the index.
 */
export async function issuesByCodeKey(db: Db, keys: readonly string[]): Promise<{ code: string; unitId: number }[]> {
  if (keys.length === 0) return [];
  return db.$queryRaw<{ code: string; unitId: number }[]>`
    SELECT "code", "unitId" FROM "Issue" WHERE replace(replace("code", '-', ''), '_', '') IN (${Prisma.join(keys)})`;
}
