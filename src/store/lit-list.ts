import type { Light } from "../domain/light.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Tx } from "./open-store.ts";
import { litIssues, loadLit, type LightRules, type LitRow } from "./light-sql.ts";
import { sqlFor, type SqlDialect } from "./sql-dialect.ts";

/** A lit issue as a list line shows it. */
export interface LitItem extends LitRow {
  description: string;
  unitName: string;
}

/** Red first, then yellow, blue, green; within a light the nearest (or most overdue) deadline first. */
export const BY_LIGHT = Prisma.sql`CASE l."light" WHEN 'RED' THEN 0 WHEN 'YELLOW' THEN 1 WHEN 'BLUE' THEN 2 ELSE 3 END, COALESCE(l."deadline", '9999'), l."code"`;

/** The unit with most issues first, then by unit name; within a unit the nearest deadline first. */
export const BY_UNIT = Prisma.sql`COUNT(*) OVER (PARTITION BY l."unitId") DESC, (SELECT u."name" FROM "Unit" u WHERE u."id" = l."unitId"), COALESCE(l."deadline", '9999'), l."code"`;

/** How many open issues matching `where` have each light, by unit. */
export async function countLit(tx: Tx, rules: LightRules, where: Prisma.Sql): Promise<{ unitId: number; light: Light; n: number }[]> {
  const rows = await tx.$queryRaw<{ unitId: number; light: Light; n: number | bigint }[]>`
    SELECT l."unitId", l."light", COUNT(*) AS n FROM (${litIssues(sqlFor(tx), rules, where)}) AS l GROUP BY l."unitId", l."light"`;
  return rows.map((r) => ({ unitId: Number(r.unitId), light: r.light, n: Number(r.n) }));
}

/** Adds what a line shows (description, unit name) to lit rows already cut to a list's length: one query. */
export async function describeLit(tx: Tx, rows: LitRow[]): Promise<LitItem[]> {
  const found = await tx.issue.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: { id: true, description: true, unit: { select: { name: true } } } });
  const byId = new Map(found.map((i) => [i.id, i]));
  return rows.map((r) => ({ ...r, description: byId.get(r.id)?.description ?? "", unitName: byId.get(r.id)?.unit.name ?? "" }));
}

/** The first `limit` open issues matching `where` (and `light`, if given), in `order`, ready for list lines. */
export async function loadLitList(
  tx: Tx,
  rules: LightRules,
  where: Prisma.Sql,
  o: { light?: Light; order: Prisma.Sql; limit: number },
): Promise<LitItem[]> {
  const onlyLight = o.light ? Prisma.sql`WHERE l."light" = ${o.light}` : Prisma.empty;
  const rows = await loadLit(tx, rules, where, Prisma.sql`${onlyLight} ORDER BY ${o.order} LIMIT ${o.limit}`);
  return describeLit(tx, rows);
}

/** An issue's 责任领导 names `name` (the column is free text: `张三、李四`, `张副区长`). */
export const leaderNames = (d: SqlDialect, name: string): Prisma.Sql => d.contains(Prisma.sql`i."leader"`, name);
