import type { Day } from "../core/zoned-time.ts";
import { STATES, isOpen } from "../domain/issue-state.ts";
import type { Tx } from "../handlers/handler-context.ts";
import type { Store } from "../store/open-store.ts";

// The scheduled jobs' reads: a few whole-table queries each, whatever the ledger's size,
// so the builders never go back to the store per unit or per issue.

type Db = Store | Tx;

export interface UnitRow {
  id: number;
  name: string;
}

export interface BoundRoom {
  roomId: string;
  topic: string;
  unitId: number | null;
}

export interface ReminderIssue {
  code: string;
  description: string;
  unitId: number;
  state: string;
  deadline: Day;
  lastReportAt: Date | null;
  createdAt: Date;
}

export interface ReminderSnapshot {
  units: UnitRow[];
  /** UNIT-bound rooms: only units with a room get a reminder. */
  rooms: BoundRoom[];
  /** Open issues (未开始 / 整改中) of units with a room. */
  issues: ReminderIssue[];
}

export interface RankingIssue {
  unitId: number;
  state: string;
  deadline: Day;
  lastReportAt: Date | null;
  claimedAt: Date | null;
  closedAt: Date | null;
}

export interface RankingSnapshot {
  units: UnitRow[];
  issues: RankingIssue[];
}

export interface ReviewIssue {
  code: string;
  description: string;
  unitName: string;
  reviewDue: Day;
}

const OPEN_STATES: string[] = STATES.filter(isOpen);

export async function loadRooms(db: Db, kind: "UNIT" | "LEADERS"): Promise<BoundRoom[]> {
  return db.roomBinding.findMany({ where: { kind }, select: { roomId: true, topic: true, unitId: true }, orderBy: { id: "asc" } });
}

/** Three queries: units, their rooms, and the open issues of units that have a room. */
export async function loadReminderSnapshot(db: Db): Promise<ReminderSnapshot> {
  const [units, rooms] = await Promise.all([db.unit.findMany({ select: { id: true, name: true } }), loadRooms(db, "UNIT")]);
  const unitIds = [...new Set(rooms.flatMap((r) => (r.unitId === null ? [] : [r.unitId])))];
  const issues = unitIds.length
    ? await db.issue.findMany({
        where: { state: { in: OPEN_STATES }, unitId: { in: unitIds } },
        select: { code: true, description: true, unitId: true, state: true, deadline: true, lastReportAt: true, createdAt: true },
      })
    : [];
  return { units, rooms, issues };
}

/** Two queries: units and every issue's dates (the ranking looks at all of them). */
export async function loadRankingSnapshot(db: Db): Promise<RankingSnapshot> {
  const [units, issues] = await Promise.all([
    db.unit.findMany({ select: { id: true, name: true } }),
    db.issue.findMany({ select: { unitId: true, state: true, deadline: true, lastReportAt: true, claimedAt: true, closedAt: true } }),
  ]);
  return { units, issues };
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
