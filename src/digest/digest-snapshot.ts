import { Prisma } from "../generated/prisma/client.ts";
import { addDays, type Day } from "../core/zoned-time.ts";
import type { Store, Tx } from "../store/open-store.ts";
import { sourceOf } from "../domain/issue-source.ts";
import type { Light, NoticeColour } from "../domain/light.ts";
import { litIssues, type LightRules } from "../store/light-sql.ts";
import { sqlFor } from "../store/sql-dialect.ts";

/** An issue the digest may name: open and due by the horizon, or awaiting verification. */
export interface SnapshotIssue {
  code: string;
  unitName: string;
  state: string;
  deadline: Day;
  /** The 中字头 source it came from (中央环保督察, 中办回访), or "" for any other. */
  central: string;
}

export interface SnapshotEvent {
  type: string;
  code: string;
  unitName: string;
  at: Date;
}

/** One unit's issues: by state, and its open ones by today's light. */
export interface UnitTally {
  unitName: string;
  states: Record<string, number>;
  lights: Record<Light, number>;
}

export interface DigestSnapshot {
  /** Issues by state, over the whole ledger. */
  counts: Record<string, number>;
  /** Every unit that has issues: the digest picture's table. */
  units: UnitTally[];
  issues: SnapshotIssue[];
  /** History since the last digest (reports, claims, closures…). */
  events: SnapshotEvent[];
  /** Open issues from a 中字头 source, and open long-term (长期坚持) ones. */
  centralOpen: number;
  longTermOpen: number;
  /** Assignments (交办) past their first working day and not acknowledged (未签收), by unit. */
  unacked: { unitName: string; n: number }[];
  /** Codes of the issues awaiting verification with no photo or file kept. */
  noEvidence: string[];
  /** Open issues by today's light. */
  lights: Record<Light, number>;
  /** Yellow issues by unit (most first): how many, and the first few with why. */
  yellow: { unitName: string; n: number; issues: { code: string; why: YellowWhy }[] }[];
  /** Red 督办单 issued since the last digest, the first few, and how many in all. */
  redNotices: { n: number; first: SnapshotNotice[] };
  /** 督办单 issued since the last digest to units bound to no group: no reminder carries them. */
  stranded: { unitName: string; n: number }[];
}

/** The first reason an issue is yellow, for a short tag in the digest. */
export type YellowWhy = "milestone" | "lagging" | "stale";

export interface SnapshotNotice {
  colour: NoticeColour;
  year: number;
  number: number;
  reason: string;
  code: string;
  unitName: string;
}

/** Rows of a list the digest shows, at most: beyond them it counts. */
const DIGEST_LIST_ROWS = 10;

/**
 * What the digest needs, in eleven queries whatever the ledger's size: totals are counted
 * in SQL, and only the issues the digest can name are read, without their descriptions.
 * Raw SQL: reading 100,000 issues as Prisma models took about a second and 150 MB.
 */
export async function loadSnapshot(db: Store | Tx, o: { since: Date; today: Day; dueSoonDays: number; ackBefore: Day; rules: LightRules }): Promise<DigestSnapshot> {
  const d = sqlFor(db);
  const horizon = addDays(o.today, o.dueSoonDays);
  // A ledger spells its sources a handful of ways: each distinct text is told apart once
  // here (by the source index), and the issues query names the 中字头 ones. Reading every
  // issue's source and matching it per issue cost ~40 MB and 0.5 s at 100,000 issues.
  const bySource = await db.$queryRaw<{ source: string; open: number | bigint }[]>`
    SELECT "source", COUNT(*) FILTER (WHERE "state" IN ('NOT_STARTED', 'IN_PROGRESS')) AS "open" FROM "Issue" GROUP BY "source"`;
  let centralOpen = 0;
  const central = new Map<string, string>();
  for (const r of bySource) {
    const known = sourceOf(r.source);
    if (!known?.central) continue;
    central.set(r.source, known.name);
    centralOpen += Number(r.open);
  }
  const centralName = central.size
    ? Prisma.sql`CASE i."source" ${Prisma.join([...central].map(([stored, name]) => Prisma.sql`WHEN ${stored} THEN ${name}`), " ")} ELSE '' END`
    : Prisma.sql`''`;
  const [counts, issues, events, longTerm, unacked, noEvidence, lights, yellow, redNotices, stranded] = await Promise.all([
    db.$queryRaw<{ unitId: number | bigint; unitName: string; state: string; n: number | bigint }[]>`
      SELECT c."unitId", u."name" AS "unitName", c."state", c."n" FROM (
        SELECT "unitId", "state", COUNT(*) AS n FROM "Issue" GROUP BY "unitId", "state"
      ) c JOIN "Unit" u ON u."id" = c."unitId"
      ORDER BY c."unitId", c."state"`,
    db.$queryRaw<SnapshotIssue[]>`
      SELECT i."code", u."name" AS "unitName", i."state", i."deadline", ${centralName} AS "central" FROM "Issue" i JOIN "Unit" u ON u."id" = i."unitId"
      WHERE (i."state" IN ('NOT_STARTED', 'IN_PROGRESS') AND i."deadline" <= ${horizon}) OR i."state" = 'PENDING_VERIFICATION'
      ORDER BY i."deadline", i."code"`,
    db.$queryRaw<SnapshotEvent[]>`
      SELECT e."type", e."at", i."code", u."name" AS "unitName" FROM "IssueEvent" e
      JOIN "Issue" i ON i."id" = e."issueId" JOIN "Unit" u ON u."id" = i."unitId"
      WHERE e."at" >= ${o.since} AND e."type" NOT IN (${Prisma.join(["IMPORT_CREATE", "IMPORT_UPDATE"])})
      ORDER BY e."at", e."id"`,
    db.$queryRaw<{ n: number | bigint }[]>`
      SELECT COUNT(*) AS n FROM "Issue" WHERE "state" IN ('NOT_STARTED', 'IN_PROGRESS') AND "deadline" IS NULL`,
    db.$queryRaw<{ unitName: string; n: number | bigint }[]>`
      SELECT u."name" AS "unitName", COUNT(*) AS n FROM "Issue" i JOIN "Unit" u ON u."id" = i."unitId"
      WHERE i."ackPending" = true AND i."assignedOn" < ${o.ackBefore} AND i."state" IN ('NOT_STARTED', 'IN_PROGRESS')
      GROUP BY u."name" ORDER BY n DESC, u."name"`,
    db.$queryRaw<{ code: string }[]>`
      SELECT i."code" FROM "Issue" i
      WHERE i."state" = 'PENDING_VERIFICATION' AND NOT EXISTS (SELECT 1 FROM "Attachment" a WHERE a."issueId" = i."id")`,
    db.$queryRaw<{ unitId: number | bigint; light: Light; n: number | bigint }[]>`
      SELECT l."unitId", l."light", COUNT(*) AS n FROM (${litIssues(d, o.rules)}) AS l GROUP BY l."unitId", l."light"`,
    db.$queryRaw<{ unitName: string; code: string; missedSeq: unknown; lagging: unknown; n: number | bigint }[]>`
      SELECT u."name" AS "unitName", y."code", y."missedSeq", y."lagging", y."n" FROM (
        SELECT l."unitId", l."code", l."missedSeq", l."lagging",
          ROW_NUMBER() OVER (PARTITION BY l."unitId" ORDER BY l."code") AS "rn", COUNT(*) OVER (PARTITION BY l."unitId") AS "n"
        FROM (${litIssues(d, o.rules)}) AS l WHERE l."light" = 'YELLOW'
      ) y JOIN "Unit" u ON u."id" = y."unitId"
      WHERE y."rn" <= 3 ORDER BY y."n" DESC, u."name", y."code"`,
    db.$queryRaw<(SnapshotNotice & { total: number | bigint })[]>`
      SELECT n."colour", n."year", n."number", n."reason", i."code", u."name" AS "unitName", COUNT(*) OVER () AS "total"
      FROM "SupervisionNotice" n JOIN "Issue" i ON i."id" = n."issueId" JOIN "Unit" u ON u."id" = i."unitId"
      -- After, not at: the lights job runs just before the digest, at the same instant in the
      -- simulator, so a notice stamped with the last digest's instant was in that digest.
      WHERE n."colour" = 'RED' AND n."issuedAt" > ${o.since}
      ORDER BY n."year", n."number" LIMIT ${DIGEST_LIST_ROWS}`,
    db.$queryRaw<{ unitName: string; n: number | bigint }[]>`
      SELECT u."name" AS "unitName", COUNT(*) AS n
      FROM "SupervisionNotice" n JOIN "Issue" i ON i."id" = n."issueId" JOIN "Unit" u ON u."id" = i."unitId"
      WHERE n."issuedAt" > ${o.since} AND n."sentOn" IS NULL
        AND i."unitId" NOT IN (SELECT "unitId" FROM "RoomBinding" WHERE "kind" = 'UNIT' AND "unitId" IS NOT NULL AND "missingSince" IS NULL)
      GROUP BY u."name" ORDER BY n DESC, u."name"`,
  ]);
  const byUnit = new Map<string, DigestSnapshot["yellow"][number]>();
  for (const r of yellow) {
    let u = byUnit.get(r.unitName);
    if (!u) byUnit.set(r.unitName, (u = { unitName: r.unitName, n: Number(r.n), issues: [] }));
    u.issues.push({ code: r.code, why: r.missedSeq !== null ? "milestone" : Number(r.lagging) === 1 ? "lagging" : "stale" });
  }
  const units = new Map<number, UnitTally>();
  const totals: Record<string, number> = {};
  for (const c of counts) {
    const id = Number(c.unitId);
    let u = units.get(id);
    if (!u) units.set(id, (u = { unitName: c.unitName, states: {}, lights: { RED: 0, YELLOW: 0, BLUE: 0, GREEN: 0 } }));
    u.states[c.state] = Number(c.n);
    totals[c.state] = (totals[c.state] ?? 0) + Number(c.n);
  }
  const lit: Record<Light, number> = { RED: 0, YELLOW: 0, BLUE: 0, GREEN: 0 };
  for (const l of lights) {
    const u = units.get(Number(l.unitId));
    if (u) u.lights[l.light] += Number(l.n);
    lit[l.light] += Number(l.n);
  }
  return {
    counts: totals,
    units: [...units.values()],
    issues,
    events,
    centralOpen,
    longTermOpen: Number(longTerm[0]?.n ?? 0),
    unacked: unacked.map((r) => ({ unitName: r.unitName, n: Number(r.n) })),
    noEvidence: noEvidence.map((r) => r.code),
    lights: lit,
    yellow: [...byUnit.values()],
    stranded: stranded.map((r) => ({ unitName: r.unitName, n: Number(r.n) })),
    redNotices: { n: Number(redNotices[0]?.total ?? 0), first: redNotices.map(({ total: _, ...n }) => ({ ...n, year: Number(n.year), number: Number(n.number) })) },
  };
}
