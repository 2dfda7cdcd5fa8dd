import type { Day } from "../core/zoned-time.ts";
import type { Light, NoticeColour } from "../domain/light.ts";
import { litIssues, type LightRules } from "../store/light-sql.ts";
import type { Store, Tx } from "../store/open-store.ts";
import { sqlFor } from "../store/sql-dialect.ts";

export interface UnitRow {
  id: number;
  name: string;
}

export interface RankingIssue {
  unitId: number;
  state: string;
  /** null: a long-term issue (长期坚持). */
  deadline: Day | null;
  lastReportAt: Date | null;
  claimedAt: Date | null;
  closedAt: Date | null;
  /** Free text; 自查 issues are counted to the unit's credit. */
  source: string;
}

export interface RankingSnapshot {
  units: UnitRow[];
  issues: RankingIssue[];
  /** This year's 督办单 by unit and colour. */
  notices: { unitId: number; colour: NoticeColour; n: number }[];
  /** Open issues by unit and today's light. */
  lights: { unitId: number; light: Light; n: number }[];
}

/** Four queries: units, every issue's dates (the ranking looks at all of them), the year's 督办单 and today's lights, counted by unit. */
export async function loadRankingSnapshot(db: Store | Tx, rules: LightRules): Promise<RankingSnapshot> {
  const [units, issues, notices, lights] = await Promise.all([
    db.unit.findMany({ select: { id: true, name: true } }),
    db.issue.findMany({ select: { unitId: true, state: true, deadline: true, lastReportAt: true, claimedAt: true, closedAt: true, source: true } }),
    db.$queryRaw<{ unitId: number; colour: NoticeColour; n: number | bigint }[]>`
      SELECT i."unitId", n."colour", COUNT(*) AS n FROM "SupervisionNotice" n JOIN "Issue" i ON i."id" = n."issueId"
      WHERE n."year" = ${Number(rules.today.slice(0, 4))} GROUP BY i."unitId", n."colour"`,
    db.$queryRaw<{ unitId: number; light: Light; n: number | bigint }[]>`
      SELECT l."unitId", l."light", COUNT(*) AS n FROM (${litIssues(sqlFor(db), rules)}) AS l GROUP BY l."unitId", l."light"`,
  ]);
  return {
    units,
    issues,
    notices: notices.map((r) => ({ unitId: Number(r.unitId), colour: r.colour, n: Number(r.n) })),
    lights: lights.map((r) => ({ unitId: Number(r.unitId), light: r.light, n: Number(r.n) })),
  };
}
