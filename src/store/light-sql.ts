import type { Config } from "../config/load-config.ts";
import { addDays, type Day, type ZonedTime } from "../core/zoned-time.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Light } from "../domain/light.ts";
import type { Store, Tx } from "./open-store.ts";
import { sqlFor, type SqlDialect } from "./sql-dialect.ts";

/**
 * The daily light of every open issue (DESIGN §4 "Early warning"), as one SQL subquery that
 * the digest, the reminders, the ranking, 清单 and 查询 all select from: one definition, and
 * 100,000 issues are counted and filtered in the store instead of being read into the process.
 *
 * - 红 RED: the deadline has passed.
 * - 黄 YELLOW: a milestone (节点) dated before today is not done (not for a long-term issue,
 *   judged on its report cadence alone); or the last reported
 *   percentage is `lagPoints` or more behind 序时进度 (the share of the calendar days from
 *   the 交办日期, or the day the issue entered the store, to the deadline, both included,
 *   that have passed before today;
 *   an issue with no percentage reported is judged on its reports alone); or no report
 *   (never reported: since it entered the store) for DUBAN_STALE_DAYS, DUBAN_LONGTERM_REPORT_DAYS
 *   for a long-term one, one working day for a construction project (每日报送, or 建设项目 in
 *   its category or source).
 * - 蓝 BLUE: due within DUBAN_DUE_SOON_DAYS (today included).
 * - 绿 GREEN: otherwise.
 */
export interface LightRules {
  today: Day;
  /** today + DUBAN_DUE_SOON_DAYS. */
  soon: Day;
  lagPoints: number;
  /** A last report (or, never reported, the creation) before this instant is stale. */
  staleBefore: Date;
  longTermStaleBefore: Date;
  dailyStaleBefore: Date;
  /** The DUBAN_TZ offset in minutes that turns a stored UTC instant into its day: 480 for UTC+8. */
  zoneShift: number;
}

/** The rules on `today`; `lastWorkday` is the working day before today (a daily project's report is due by its end). */
export function lightRules(config: Config, time: ZonedTime, today: Day, lastWorkday: Day): LightRules {
  const stale = (days: number) => time.at(addDays(today, 1 - days));
  const offsetMinutes = Math.round((Date.parse(`${today}T00:00:00Z`) - time.at(today).getTime()) / 60_000);
  return {
    today,
    soon: addDays(today, config.DUBAN_DUE_SOON_DAYS),
    lagPoints: config.DUBAN_LAG_POINTS,
    staleBefore: stale(config.DUBAN_STALE_DAYS),
    longTermStaleBefore: stale(config.DUBAN_LONGTERM_REPORT_DAYS),
    dailyStaleBefore: time.at(lastWorkday),
    zoneShift: offsetMinutes,
  };
}

/** A construction project that reports every working day. */
const DAILY_SQL = Prisma.sql`(i."dailyReport" = true OR i."category" LIKE '%建设项目%' OR i."source" LIKE '%建设项目%')`;

/**
 * `SELECT … FROM (${litIssues(sqlFor(db), rules, where)}) AS l`: the open issues matching `where` (a
 * condition on `i`, the Issue row), with their light and what lit it:
 * id, unitId, code, deadline, leader, progressPct, lastReportAt, createdAt, assignedOn,
 * ackPending, daily, late, missedSeq (the first missed milestone's seq, or NULL),
 * expectedPct (序时进度, whole percent; NULL for a long-term issue), lagging, stale, light.
 * The flags are booleans as the store gives them (0/1 on SQLite): read them with factsOf.
 */
export function litIssues(d: SqlDialect, r: LightRules, where: Prisma.Sql = Prisma.sql`1 = 1`): Prisma.Sql {
  const start = Prisma.sql`COALESCE(i."assignedOn", ${d.dayOf(Prisma.sql`i."createdAt"`, r.zoneShift)})`;
  const planDays = d.daysBetween(Prisma.sql`i."deadline"`, start);
  // The deadline day is a working day of the plan: 交办 12月1日, due 12月4日 is four days,
  // and on 12月4日 three of them have passed (75%).
  const passed = Prisma.sql`${d.daysBetween(Prisma.sql`${r.today}`, start)} * 100.0 / (${planDays} + 1)`;
  const expected = Prisma.sql`CASE WHEN i."deadline" IS NULL THEN NULL
      WHEN ${planDays} < 0 THEN 100
      ELSE ${d.roundHalfUp(d.least(Prisma.sql`100.0`, d.greatest(Prisma.sql`0.0`, passed)))} END`;
  const staleBefore = (at: Date) => d.cast(Prisma.sql`${at}`, "timestamp");
  return Prisma.sql`
    SELECT f.*,
      CASE WHEN f."late" THEN 'RED' WHEN f."missedSeq" IS NOT NULL OR f."lagging" OR f."stale" THEN 'YELLOW'
        WHEN f."deadline" <= ${r.soon} THEN 'BLUE' ELSE 'GREEN' END AS "light"
    FROM (
      SELECT e.*, (e."progressPct" IS NOT NULL AND e."expectedPct" - e."progressPct" >= ${r.lagPoints}) AS "lagging"
      FROM (
        SELECT i."id", i."unitId", i."code", i."deadline", i."leader", i."progressPct", i."lastReportAt", i."createdAt",
          i."assignedOn", i."ackPending",
          ${DAILY_SQL} AS "daily",
          COALESCE(i."deadline" < ${r.today}, false) AS "late",
          -- A long-term issue is judged on its report cadence alone.
          CASE WHEN i."deadline" IS NOT NULL THEN mm."seq" END AS "missedSeq",
          ${expected} AS "expectedPct",
          (COALESCE(i."lastReportAt", i."createdAt") < CASE WHEN ${DAILY_SQL} THEN ${staleBefore(r.dailyStaleBefore)}
            WHEN i."deadline" IS NULL THEN ${staleBefore(r.longTermStaleBefore)} ELSE ${staleBefore(r.staleBefore)} END) AS "stale"
        FROM "Issue" i
        -- The missed milestones, read once through the partial index of undone ones
        -- (Milestone_undone_due_idx): a lookup per issue was most of the time at 100,000.
        LEFT JOIN (SELECT m."issueId", MIN(m."seq") AS "seq" FROM "Milestone" m
          WHERE m."doneAt" IS NULL AND m."due" < ${r.today} GROUP BY m."issueId") mm ON mm."issueId" = i."id"
        WHERE i."state" IN ('NOT_STARTED', 'IN_PROGRESS') AND ${where}
      ) e
    ) f`;
}

/** Why an issue has its light: the columns of litIssues a reason is written from. */
export interface LightFacts {
  light: Light;
  deadline: Day | null;
  progressPct: number | null;
  lastReportAt: Date | null;
  daily: boolean;
  expectedPct: number | null;
  lagging: boolean;
  stale: boolean;
  /** The first missed milestone, when one is. */
  missed: { seq: number; due: Day; text: string } | null;
}

export interface LitRow extends LightFacts {
  id: number;
  unitId: number;
  code: string;
  leader: string;
}

// Raw SQL gives booleans as 0/1 on SQLite, and dates as text there, Date objects on PostgreSQL.
const bool = (v: unknown) => v === true || Number(v) === 1;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(typeof v === "bigint" ? Number(v) : (v as string | number)));

/** What makes a light, as read from a row of litIssues joined to its missed milestone (`missedDue`, `missedText`). */
export function factsOf(row: Record<string, unknown>): Omit<LightFacts, "light"> {
  return {
    deadline: row.deadline === null ? null : String(row.deadline),
    progressPct: num(row.progressPct),
    lastReportAt: date(row.lastReportAt),
    daily: bool(row.daily),
    expectedPct: num(row.expectedPct),
    lagging: bool(row.lagging),
    stale: bool(row.stale),
    missed: row.missedSeq === null ? null : { seq: Number(row.missedSeq), due: String(row.missedDue), text: String(row.missedText) },
  };
}

/**
 * The open issues matching `where`, with their light and its reasons, in `orderBy` (columns
 * of the lit row `l`, or `m` the missed milestone). For a bounded set: 查询, lists and newly lit issues.
 */
export async function loadLit(
  db: Store | Tx,
  r: LightRules,
  where: Prisma.Sql,
  tail: Prisma.Sql = Prisma.empty,
): Promise<LitRow[]> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT l.*, m."due" AS "missedDue", m."text" AS "missedText"
    FROM (${litIssues(sqlFor(db), r, where)}) AS l
    LEFT JOIN "Milestone" m ON m."issueId" = l."id" AND m."seq" = l."missedSeq"
    ${tail}`);
  return rows.map((row) => ({
    id: Number(row.id),
    unitId: Number(row.unitId),
    code: String(row.code),
    leader: String(row.leader ?? ""),
    light: row.light as Light,
    ...factsOf(row),
  }));
}
