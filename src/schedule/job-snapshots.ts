import type { Day } from "../core/zoned-time.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { STATES, isOpen } from "../domain/issue-state.ts";
import type { Store, Tx } from "../store/open-store.ts";
import { factsOf, litIssues, type LightFacts, type LightRules } from "../store/light-sql.ts";
import type { NoticeColour } from "../domain/light.ts";
import type { UnitRow } from "../ranking/ranking-snapshot.ts";
import { sqlFor } from "../store/sql-dialect.ts";

// The scheduled jobs' reads: a few whole-table queries each, whatever the ledger's size,
// so the builders never go back to the store per unit or per issue. The reminders' is SQL
// (window functions) because pulling every open issue through Prisma costs ~10 µs
// and well over 1 KB of transient memory a row: 1 s and 150 MB at 100,000 issues.

type Db = Store | Tx;

export interface BoundRoom {
  roomId: string;
  topic: string;
  unitId: number | null;
}

export type ReminderSectionName = "unacked" | "overdue" | "dueSoon" | "lagging" | "stale";

/** One issue a unit's reminder lists, with what lit it (a deadline null: 长期坚持), and how many its section holds in all. */
export interface ReminderIssue extends Omit<LightFacts, "light"> {
  unitId: number;
  section: ReminderSectionName;
  /** Issues of this unit in this section, listed or not. */
  total: number;
  code: string;
  description: string;
  /** The 交办日期; null for issues not assigned from chat. */
  assignedOn: Day | null;
}

/** A 督办单 not yet delivered: it heads its unit's next reminder. */
export interface PendingNotice {
  unitId: number;
  /** The unit's undelivered notices, listed or not. */
  total: number;
  colour: NoticeColour;
  year: number;
  number: number;
  reason: string;
  code: string;
  description: string;
}

export interface ReminderSnapshot {
  units: UnitRow[];
  /** UNIT-bound rooms: only units with a room get a reminder. */
  rooms: BoundRoom[];
  /** Per unit and section, the first `limit` issues in display order. */
  issues: ReminderIssue[];
  /** Per unit, the first `noticeLimit` undelivered 督办单 of its open issues, worst colour first. */
  notices: PendingNotice[];
}

export interface ReminderQuery {
  /** Today's light rules: the day, due soon, and when a unit's silence makes an issue stale. */
  rules: LightRules;
  /** An assignment still not acknowledged and made before this day is 未签收 (see unackedBefore). */
  ackBefore: Day;
  /** Issues listed per section; the rest are only counted. */
  limit: number;
  /** 督办单 listed per unit; the rest are only counted. */
  noticeLimit: number;
}

export interface ReviewIssue {
  code: string;
  description: string;
  unitName: string;
  reviewDue: Day;
}

const OPEN_STATES: string[] = STATES.filter(isOpen);

/** The bound groups to push to; a group the last login did not find is held back (listed by `status`). */
export async function loadRooms(db: Db, kind: "UNIT" | "LEADERS"): Promise<BoundRoom[]> {
  return db.roomBinding.findMany({ where: { kind, missingSince: null }, select: { roomId: true, topic: true, unitId: true }, orderBy: { id: "asc" } });
}

const SECTIONS: ReminderSectionName[] = ["unacked", "overdue", "dueSoon", "lagging", "stale"];

const num = (v: unknown): number => Number(v);

/**
 * Four queries. The open issues of units with a room are sorted into sections here, in
 * SQL, over the day's lights (store/light-sql.ts): 未签收 (assigned by 交办 before
 * `ackBefore` and not acknowledged), overdue, due soon (today to today + DUBAN_DUE_SOON_DAYS),
 * lagging (a missed milestone, or progress behind 序时进度), and stale (no report for as long
 * as the light allows), each issue in the first that applies, and only the first `limit` of
 * each section come back with a count of the rest. A 100,000-issue ledger then costs the
 * same few thousand rows as a small one. A long-term issue (长期坚持) is never overdue, due
 * soon nor lagging. The undelivered 督办单 come with them.
 */
export async function loadReminderSnapshot(db: Db, q: ReminderQuery): Promise<ReminderSnapshot> {
  const [units, rooms] = await Promise.all([db.unit.findMany({ select: { id: true, name: true } }), loadRooms(db, "UNIT")]);
  if (rooms.length === 0) return { units, rooms, issues: [], notices: [] };
  const { today, soon } = q.rules;
  const unacked = Prisma.sql`(l."ackPending" = true AND l."assignedOn" < ${q.ackBefore})`;
  const lagging = Prisma.sql`(l."missedSeq" IS NOT NULL OR l."lagging")`;
  const [rows, notices] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>`
    WITH "candidate" AS (
      SELECT l."id", l."unitId", l."code", l."deadline", l."lastReportAt", l."assignedOn", l."daily",
        l."missedSeq", l."expectedPct", l."progressPct", l."lagging", l."stale",
        CASE WHEN ${unacked} THEN 0 WHEN l."deadline" < ${today} THEN 1 WHEN l."deadline" <= ${soon} THEN 2
          WHEN ${lagging} THEN 3 ELSE 4 END AS "section",
        -- A section sorts on a day or, stale, on the last report: two keys, one of them NULL.
        CASE WHEN ${unacked} THEN l."assignedOn" WHEN l."deadline" <= ${soon} OR ${lagging} THEN l."deadline" END AS "sortDay",
        CASE WHEN ${unacked} OR l."deadline" <= ${soon} OR ${lagging} THEN NULL ELSE COALESCE(l."lastReportAt", l."createdAt") END AS "sortAt"
      FROM (${litIssues(sqlFor(db), q.rules, Prisma.sql`i."unitId" IN (SELECT "unitId" FROM "RoomBinding" WHERE "kind" = 'UNIT')`)}) AS l
      WHERE ${unacked} OR l."deadline" <= ${soon} OR ${lagging} OR l."stale"
    ), "ranked" AS (
      SELECT c.*,
        ROW_NUMBER() OVER (PARTITION BY c."unitId", c."section" ORDER BY c."sortDay", c."sortAt", c."code") AS "rn",
        COUNT(*) OVER (PARTITION BY c."unitId", c."section") AS "total"
      FROM "candidate" c
    )
    SELECT r."unitId", r."section", r."total", r."code", r."deadline", r."lastReportAt", r."assignedOn", r."daily",
      r."missedSeq", m."due" AS "missedDue", m."text" AS "missedText", r."expectedPct", r."progressPct", r."lagging", r."stale", i."description"
    FROM "ranked" r JOIN "Issue" i ON i."id" = r."id"
    LEFT JOIN "Milestone" m ON m."issueId" = r."id" AND m."seq" = r."missedSeq"
    WHERE r."rn" <= ${q.limit}
    ORDER BY r."unitId", r."section", r."rn"`,
    db.$queryRaw<PendingNotice[]>`
      SELECT p."unitId", p."total", p."colour", p."year", p."number", p."reason", i."code", i."description" FROM (
        SELECT n."issueId", i."unitId", n."colour", n."year", n."number", n."reason",
          ROW_NUMBER() OVER (PARTITION BY i."unitId" ORDER BY CASE n."colour" WHEN 'RED' THEN 0 WHEN 'YELLOW' THEN 1 ELSE 2 END, n."number") AS "rn",
          COUNT(*) OVER (PARTITION BY i."unitId") AS "total"
        FROM ${UNDELIVERED_NOTICES}
      ) p JOIN "Issue" i ON i."id" = p."issueId"
      WHERE p."rn" <= ${q.noticeLimit}
      ORDER BY p."unitId", p."rn"`,
  ]);
  return {
    units,
    rooms,
    issues: rows.map((r) => ({
      unitId: num(r.unitId),
      section: SECTIONS[num(r.section)]!,
      total: num(r.total),
      code: String(r.code),
      description: String(r.description),
      assignedOn: r.assignedOn === null ? null : String(r.assignedOn),
      ...factsOf(r),
    })),
    notices: notices.map((n) => ({ ...n, unitId: num(n.unitId), total: num(n.total), year: num(n.year), number: num(n.number) })),
  };
}

/**
 * `FROM` the 督办单 not yet delivered of open issues of units with a group (`n`, joined to
 * its issue `i`): what the reminders read, and then mark delivered.
 */
const UNDELIVERED_NOTICES = Prisma.sql`"SupervisionNotice" n JOIN "Issue" i ON i."id" = n."issueId"
  WHERE n."sentOn" IS NULL AND i."state" IN (${Prisma.join(OPEN_STATES)})
    AND i."unitId" IN (SELECT "unitId" FROM "RoomBinding" WHERE "kind" = 'UNIT')`;

/**
 * Marks delivered the notices the reminders just listed or counted: those of the units
 * sent a reminder, issued by `issuedBy` (the lights job ran before the reminders).
 */
export async function markNoticesDelivered(tx: Tx, unitIds: number[], issuedBy: Date, day: Day): Promise<void> {
  if (unitIds.length === 0) return;
  await tx.$executeRaw`UPDATE "SupervisionNotice" SET "sentOn" = ${day} WHERE "id" IN (
    SELECT n."id" FROM ${UNDELIVERED_NOTICES} AND n."issuedAt" <= ${issuedBy}
      AND ${sqlFor(tx).inList(Prisma.sql`i."unitId"`, unitIds)})`;
}

/** One query: closed issues whose 回头看 is due on or before `today` (a recorded review clears reviewDue). */
export async function loadDueReviews(db: Db, today: Day): Promise<ReviewIssue[]> {
  const rows = await db.issue.findMany({
    where: { state: "CLOSED", reviewDue: { not: null, lte: today } },
    select: { code: true, description: true, reviewDue: true, unit: { select: { name: true } } },
    orderBy: [{ reviewDue: "asc" }, { code: "asc" }],
  });
  return rows.map((r) => ({ code: r.code, description: r.description, unitName: r.unit.name, reviewDue: r.reviewDue! }));
}
