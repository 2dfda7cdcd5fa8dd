import { DubanError } from "../core/duban-error.ts";
import { shortText } from "../format/issue-status.ts";
import { daysOverdue } from "../domain/issue-state.ts";
import { cappedLines } from "../format/capped-lines.ts";
import { issueLine, sortForList } from "../format/format-issue-list.ts";
import { usageHint } from "../format/usage-text.ts";
import type { CommandOf } from "../parse/command.ts";
import { findUnitByName } from "../store/find-unit.ts";
import type { UnitRef } from "../bot/actor.ts";
import { canSeeAll } from "./authorize.ts";
import { reply, type HandlerContext } from "./handler-context.ts";

/** More lines than this is not read on a phone; the rest is counted. */
export const LIST_LIMIT = 30;

async function unitToList(ctx: HandlerContext, unitName?: string): Promise<UnitRef> {
  const { actor } = ctx;
  const role = actor.room?.role;
  if (unitName) {
    const own = role?.kind === "UNIT" ? [role.unit] : actor.room ? [] : actor.units;
    const mine = own.find((u) => u.name === unitName);
    if (mine) return mine;
    if (!canSeeAll(actor)) throw new DubanError("FORBIDDEN", "只能查看本单位的清单，请直接发送“清单”");
    const found = await findUnitByName(ctx.tx, unitName);
    if (found.unit) return found.unit;
    const hint = found.suggestions.length ? `。您要找的是不是：${found.suggestions.join("、")}？` : "";
    throw new DubanError("NOT_FOUND", `未找到单位“${shortText(unitName, 30)}”${hint}`);
  }
  if (role?.kind === "UNIT") return role.unit;
  if (!actor.room && actor.units.length === 1) return actor.units[0]!;
  if (canSeeAll(actor) || actor.units.length > 1) throw new DubanError("USAGE", usageHint("清单", "请写明单位"));
  throw new DubanError("FORBIDDEN", actor.room ? "本群尚未绑定单位，请在单位工作群发送“清单”" : "您尚未加入已绑定的单位工作群，请在单位工作群发送“清单”，或联系督查室");
}

export async function listUnitIssues(ctx: HandlerContext, cmd: CommandOf<"list">): Promise<void> {
  const unit = await unitToList(ctx, cmd.unitName);
  const issues = await ctx.tx.issue.findMany({ where: { unitId: unit.id, state: { not: "CLOSED" } }, include: { unit: true } });
  if (issues.length === 0) {
    reply(ctx, `${unit.name}暂无未销号问题。`);
    return;
  }
  const sorted = sortForList(issues, ctx.today);
  const overdue = issues.filter((i) => daysOverdue(i, ctx.today) > 0).length;
  const lines = [`${unit.name}未销号问题 ${issues.length} 个${overdue ? `（逾期 ${overdue} 个）` : ""}：`];
  lines.push(...cappedLines(sorted, LIST_LIMIT, (i, n) => issueLine(i, n + 1, ctx.today), "个，详见台账"));
  lines.push("报进度：进度 <编号> <说明>；报完成：完成 <编号> <说明>");
  reply(ctx, lines.join("\n"));
}
