import type { Day } from "../core/zoned-time.ts";
import type { Tx } from "../handlers/handler-context.ts";
import type { Store } from "../store/open-store.ts";

export interface SnapshotIssue {
  code: string;
  description: string;
  unitId: number;
  unitName: string;
  state: string;
  deadline: Day;
  lastReportAt: Date | null;
  reviewDue: Day | null;
}

export interface SnapshotEvent {
  type: string;
  code: string;
  unitName: string;
  at: Date;
}

export interface DigestSnapshot {
  issues: SnapshotIssue[];
  /** History since the last digest (reports, claims, closures…). */
  events: SnapshotEvent[];
  units: { id: number; name: string }[];
}

/** The whole ledger in three queries, whatever its size: digests never query per issue. */
export async function loadSnapshot(db: Store | Tx, since: Date): Promise<DigestSnapshot> {
  const [units, issues, events] = await Promise.all([
    db.unit.findMany({ select: { id: true, name: true } }),
    db.issue.findMany({
      select: { id: true, code: true, description: true, unitId: true, state: true, deadline: true, lastReportAt: true, reviewDue: true },
    }),
    db.issueEvent.findMany({
      where: { at: { gte: since }, type: { notIn: ["IMPORT_CREATE", "IMPORT_UPDATE"] } },
      select: { type: true, at: true, issueId: true },
      orderBy: { at: "asc" },
    }),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const byId = new Map<number, SnapshotIssue>();
  const list = issues.map((i) => {
    const s: SnapshotIssue = {
      code: i.code,
      description: i.description,
      unitId: i.unitId,
      unitName: unitName.get(i.unitId) ?? "",
      state: i.state,
      deadline: i.deadline,
      lastReportAt: i.lastReportAt,
      reviewDue: i.reviewDue,
    };
    byId.set(i.id, s);
    return s;
  });
  return {
    units,
    issues: list,
    events: events.flatMap((e) => {
      const i = byId.get(e.issueId);
      return i ? [{ type: e.type, at: e.at, code: i.code, unitName: i.unitName }] : [];
    }),
  };
}
