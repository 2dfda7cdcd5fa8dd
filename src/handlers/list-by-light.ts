import { lightLabel } from "../domain/light.ts";
import { LIST_LIMIT } from "../format/capped-lines.ts";
import { litLine, type LitListOptions } from "../format/format-lit-list.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { CommandOf } from "../parse/command.ts";
import { BY_UNIT, countLit, loadLitList } from "../store/lit-list.ts";
import { canSeeAll } from "./authorize.ts";
import { lightRulesOf, reply, type HandlerContext } from "./handler-context.ts";
import { ownUnit } from "./list-unit-issues.ts";

/**
 * `清单 黄灯`: the open issues of one light with why each has it; leaders and staff see every
 * unit's, by unit (the unit with most first), a unit its own. The digest's lists end here.
 */
export async function listByLight(ctx: HandlerContext, cmd: CommandOf<"listLight">): Promise<void> {
  const unit = canSeeAll(ctx.actor) ? null : ownUnit(ctx);
  const rules = lightRulesOf(ctx);
  const where = unit ? Prisma.sql`i."unitId" = ${unit.id}` : Prisma.sql`1 = 1`;
  const label = lightLabel(cmd.light);
  const perUnit = (await countLit(ctx.tx, rules, where)).filter((c) => c.light === cmd.light);
  const total = perUnit.reduce((sum, c) => sum + c.n, 0);
  if (total === 0) return reply(ctx, `${unit?.name ?? ""}目前没有${label}问题。`);

  const items = await loadLitList(ctx.tx, rules, where, { light: cmd.light, order: BY_UNIT, limit: LIST_LIMIT });
  const o: LitListOptions = { today: ctx.today, dayOf: (at) => ctx.time.today(at) };
  const units = new Map(perUnit.map((c) => [c.unitId, c.n]));
  const lines = [unit ? `${unit.name}${label}问题 ${total} 个：` : `${label}问题 ${total} 个（${units.size} 个单位）：`];
  items.forEach((i, n) => {
    if (!unit && (n === 0 || items[n - 1]!.unitId !== i.unitId)) lines.push(`${i.unitName} ${units.get(i.unitId) ?? 0} 个：`);
    lines.push(litLine(i, n + 1, o, false));
  });
  if (total > items.length) lines.push(`……另有 ${total - items.length} 个，${unit ? "详见台账" : "发送“清单 <单位名>”查看单位全部问题"}`);
  if (unit && cmd.light !== "GREEN") lines.push("报进度：进度 <编号> <说明>；报完成：完成 <编号> <说明>");
  reply(ctx, lines.join("\n"));
}
