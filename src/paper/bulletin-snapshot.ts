import type { Day } from "../core/zoned-time.ts";
import type { NoticeColour } from "../domain/light.ts";
import { loadRankingSnapshot, type RankingSnapshot } from "../ranking/ranking-snapshot.ts";
import type { LightRules } from "../store/light-sql.ts";
import type { Store, Tx } from "../store/open-store.ts";

/** An overdue issue a lagging unit's paragraph names, with how many the unit has in all. */
export interface OverdueIssue {
  unitId: number;
  code: string;
  description: string;
  deadline: Day;
  total: number;
}

/** A unit's line of the appendix table. */
export interface UnitTally {
  unitId: number;
  unitName: string;
  total: number;
  open: number;
  overdue: number;
  pending: number;
  closed: number;
  /** 督办单 issued this year. */
  notices: number;
}

export interface BulletinSnapshot {
  /** Issues by state over the whole ledger. */
  counts: Record<string, number>;
  /** Open issues past their deadline. */
  overdue: number;
  /** This week's new issues, completion claims and closures (销号). */
  week: { created: number; claimed: number; closed: number };
  /** What the weekly ranking scores units on (schedule/build-ranking.ts). */
  ranking: RankingSnapshot;
  /** Per unit, its first `overdueLimit` overdue issues, longest overdue first. */
  overdueIssues: OverdueIssue[];
  /** This week's 督办单 by unit and colour. */
  notices: { unitId: number; unitName: string; colour: NoticeColour; n: number }[];
  units: UnitTally[];
}

export interface BulletinQuery {
  /** The day reported on: overdue means a deadline before it. */
  day: Day;
  /** The week reported on: [from, until), Monday's start to the end of `day`, in DUBAN_TZ. */
  from: Date;
  until: Date;
  rules: LightRules;
  overdueLimit: number;
}

const num = (v: unknown): number => Number(v);

/**
 * The weekly 情况通报's read: whole-table counts and the ranking's own snapshot, a few
 * queries whatever the ledger's size; only the overdue issues the paper names are read
 * with their descriptions.
 */
export async function loadBulletinSnapshot(db: Store | Tx, q: BulletinQuery): Promise<BulletinSnapshot> {
  const year = Number(q.day.slice(0, 4));
  const [ranking, counts, week, overdueIssues, notices, units] = await Promise.all([
    loadRankingSnapshot(db, q.rules),
    db.$queryRaw<{ state: string; n: number | bigint }[]>`SELECT "state", COUNT(*) AS n FROM "Issue" GROUP BY "state"`,
    db.$queryRaw<{ created: number | bigint; claimed: number | bigint; closed: number | bigint }[]>`
      SELECT COUNT(*) FILTER (WHERE "createdAt" >= ${q.from} AND "createdAt" < ${q.until}) AS "created",
        COUNT(*) FILTER (WHERE "claimedAt" >= ${q.from} AND "claimedAt" < ${q.until}) AS "claimed",
        COUNT(*) FILTER (WHERE "closedAt" >= ${q.from} AND "closedAt" < ${q.until}) AS "closed"
      FROM "Issue"`,
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT o."unitId", o."code", o."description", o."deadline", o."total" FROM (
        SELECT i."unitId", i."code", i."description", i."deadline",
          ROW_NUMBER() OVER (PARTITION BY i."unitId" ORDER BY i."deadline", i."code") AS "rn",
          COUNT(*) OVER (PARTITION BY i."unitId") AS "total"
        FROM "Issue" i WHERE i."state" IN ('NOT_STARTED', 'IN_PROGRESS') AND i."deadline" < ${q.day}
      ) o WHERE o."rn" <= ${q.overdueLimit} ORDER BY o."unitId", o."rn"`,
    db.$queryRaw<{ unitId: number | bigint; unitName: string; colour: NoticeColour; n: number | bigint }[]>`
      SELECT i."unitId", u."name" AS "unitName", n."colour", COUNT(*) AS n
      FROM "SupervisionNotice" n JOIN "Issue" i ON i."id" = n."issueId" JOIN "Unit" u ON u."id" = i."unitId"
      WHERE n."issuedAt" >= ${q.from} AND n."issuedAt" < ${q.until}
      GROUP BY i."unitId", u."name", n."colour"
      ORDER BY i."unitId", n."colour"`,
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT u."id" AS "unitId", u."name" AS "unitName", t."total", t."open", t."overdue", t."pending", t."closed",
        COALESCE(k."n", 0) AS "notices"
      FROM (
        SELECT "unitId", COUNT(*) AS "total",
          COUNT(*) FILTER (WHERE "state" IN ('NOT_STARTED', 'IN_PROGRESS')) AS "open",
          COUNT(*) FILTER (WHERE "state" IN ('NOT_STARTED', 'IN_PROGRESS') AND "deadline" < ${q.day}) AS "overdue",
          COUNT(*) FILTER (WHERE "state" = 'PENDING_VERIFICATION') AS "pending",
          COUNT(*) FILTER (WHERE "state" = 'CLOSED') AS "closed"
        FROM "Issue" GROUP BY "unitId"
      ) t JOIN "Unit" u ON u."id" = t."unitId"
      LEFT JOIN (
        SELECT i."unitId", COUNT(*) AS "n" FROM "SupervisionNotice" n JOIN "Issue" i ON i."id" = n."issueId"
        WHERE n."year" = ${year} GROUP BY i."unitId"
      ) k ON k."unitId" = t."unitId"
      ORDER BY t."unitId"`,
  ]);
  const byState = Object.fromEntries(counts.map((c) => [c.state, num(c.n)]));
  const tallies = units.map((r) => ({
    unitId: num(r.unitId),
    unitName: String(r.unitName),
    total: num(r.total),
    open: num(r.open),
    overdue: num(r.overdue),
    pending: num(r.pending),
    closed: num(r.closed),
    notices: num(r.notices),
  }));
  return {
    counts: byState,
    overdue: tallies.reduce((n, u) => n + u.overdue, 0),
    week: { created: num(week[0]?.created ?? 0), claimed: num(week[0]?.claimed ?? 0), closed: num(week[0]?.closed ?? 0) },
    ranking,
    overdueIssues: overdueIssues.map((r) => ({
      unitId: num(r.unitId),
      code: String(r.code),
      description: String(r.description),
      deadline: String(r.deadline),
      total: num(r.total),
    })),
    notices: notices.map((r) => ({ unitId: num(r.unitId), unitName: r.unitName, colour: r.colour, n: num(r.n) })),
    units: tallies,
  };
}
