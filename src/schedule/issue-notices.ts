import type { Day } from "../core/zoned-time.ts";
import { EVENT } from "../domain/event-type.ts";
import { noticeLabel, noticeNumber, type NoticeColour } from "../domain/light.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { lightReasons } from "../format/light-reason.ts";
import { loadLit, type LightRules } from "../store/light-sql.ts";
import type { Store, Tx } from "../store/open-store.ts";
import { sqlFor } from "../store/sql-dialect.ts";

export interface DueNotice {
  issueId: number;
  unitId: number;
  code: string;
  colour: NoticeColour;
  reason: string;
}

/** A 督办单 about to be issued, with its number in the year. */
export interface NumberedNotice extends DueNotice {
  year: number;
  number: number;
}

/**
 * One query: the open issues lit blue, yellow or red today that have never had a 督办单 of
 * that colour, worst first. An issue that went red, then green after an extension, and
 * red again is not issued a second red one.
 */
export async function findDueNotices(db: Store | Tx, rules: LightRules, dayOf: (at: Date) => Day): Promise<DueNotice[]> {
  const lit = await loadLit(
    db,
    rules,
    Prisma.sql`1 = 1`,
    Prisma.sql`WHERE l."light" <> 'GREEN' AND NOT EXISTS (SELECT 1 FROM "SupervisionNotice" n WHERE n."issueId" = l."id" AND n."colour" = l."light")
      ORDER BY CASE l."light" WHEN 'RED' THEN 0 WHEN 'YELLOW' THEN 1 ELSE 2 END, l."code"`,
  );
  return lit.map((l) => ({ issueId: l.id, unitId: l.unitId, code: l.code, colour: l.light as NoticeColour, reason: lightReasons(l, rules.today, dayOf).join("；") }));
}

/** Numbers the notices on from this year's last (one lights run at a time: the job's lease). */
export async function numberNotices(db: Store | Tx, due: DueNotice[], year: number): Promise<NumberedNotice[]> {
  if (due.length === 0) return [];
  const last = await db.supervisionNotice.aggregate({ where: { year }, _max: { number: true } });
  const first = (last._max.number ?? 0) + 1;
  return due.map((d, i) => ({ ...d, year, number: first + i }));
}

/**
 * Records the numbered notices and, for each, a line of its issue's history.
 * Two statements, the rows as one JSON parameter each (as the ledger import writes): the
 * first morning on a big ledger issues tens of thousands, and Prisma's createMany took 36 s
 * and 800 MB for 54,000 notices and their events.
 */
export async function writeNotices(tx: Tx, rows: NumberedNotice[], o: { year: number; now: Date; botName: string }): Promise<void> {
  if (rows.length === 0) return;
  const d = sqlFor(tx);
  const now = d.cast(Prisma.sql`${o.now}`, "timestamp");
  await tx.$executeRaw`INSERT INTO "SupervisionNotice" ("issueId", "colour", "year", "number", "reason", "issuedAt")
    SELECT ${d.jsonField("j", 0, "int")}, ${d.jsonField("j", 1, "text")}, ${d.cast(Prisma.sql`${o.year}`, "int")}, ${d.jsonField("j", 2, "int")}, ${d.jsonField("j", 3, "text")}, ${now}
    FROM ${d.jsonRows(rows.map((n) => [n.issueId, n.colour, n.number, n.reason]))} AS j`;
  await tx.$executeRaw`INSERT INTO "IssueEvent" ("issueId", "type", "actorId", "actorName", "text", "at")
    SELECT ${d.jsonField("j", 0, "int")}, ${EVENT.NOTICE_ISSUED}, 'duban', ${o.botName}, ${d.jsonField("j", 1, "text")}, ${now}
    FROM ${d.jsonRows(rows.map((n) => [n.issueId, `${noticeNumber(n)} ${noticeLabel(n.colour)}：${n.reason}`]))} AS j`;
}
