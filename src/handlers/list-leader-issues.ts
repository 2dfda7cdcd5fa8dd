import { LIGHTS, type Light } from "../domain/light.ts";
import { lightCounts, linesByLight, type LitListOptions } from "../format/format-lit-list.ts";
import { shortText } from "../format/issue-status.ts";
import { LIST_LIMIT } from "../format/capped-lines.ts";
import { BY_LIGHT, countLit, leaderNames, loadLitList } from "../store/lit-list.ts";
import { sqlFor } from "../store/sql-dialect.ts";
import { lightRulesOf, type HandlerContext } from "./handler-context.ts";

/**
 * `清单 张副区长`: the open issues whose 责任领导 names this leader, red first, with why each
 * has its light; those awaiting verification apart at the end. Null when no unclosed issue
 * names them: the word is then nobody's, and the caller refuses it.
 */
export async function leaderIssueList(ctx: HandlerContext, leader: string): Promise<string | null> {
  const rules = lightRulesOf(ctx);
  const where = leaderNames(sqlFor(ctx.tx), leader);
  const counted = await countLit(ctx.tx, rules, where);
  // Awaiting verification has no light: listed apart, with the same match on 责任领导.
  const pending = await ctx.tx.$queryRaw<{ code: string; description: string; unitName: string; total: number | bigint }[]>`
    SELECT i."code", i."description", u."name" AS "unitName", COUNT(*) OVER () AS "total"
    FROM "Issue" i JOIN "Unit" u ON u."id" = i."unitId"
    WHERE i."state" = 'PENDING_VERIFICATION' AND ${where}
    ORDER BY i."claimedAt", i."code" LIMIT ${LIST_LIMIT}`;
  const pendingTotal = Number(pending[0]?.total ?? 0);
  const counts = Object.fromEntries(LIGHTS.map((l) => [l, 0])) as Record<Light, number>;
  for (const c of counted) counts[c.light] += c.n;
  const total = LIGHTS.reduce((sum, l) => sum + counts[l], 0);
  if (total === 0 && pendingTotal === 0) return null;

  const o: LitListOptions = { today: ctx.today, dayOf: (at) => ctx.time.today(at) };
  const items = total ? await loadLitList(ctx.tx, rules, where, { order: BY_LIGHT, limit: LIST_LIMIT }) : [];
  const name = shortText(leader, 20);
  const lines = [`${name} 分管问题 ${total} 个（${lightCounts(counts)}）：`, ...linesByLight(items, total, { ...o, rest: "个，详见台账" })];
  if (pendingTotal) {
    lines.push(`另有待核实 ${pendingTotal} 个：`);
    lines.push(...pending.map((i, n) => `${items.length + n + 1}. ${i.code} ${i.unitName} ${shortText(i.description, 16)}`));
    if (pendingTotal > pending.length) lines.push(`……另有 ${pendingTotal - pending.length} 个，详见台账`);
  }
  return lines.join("\n");
}
