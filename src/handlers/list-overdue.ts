import { DubanError } from "../core/duban-error.ts";
import { cappedLines } from "../format/capped-lines.ts";
import { issueLine } from "../format/format-issue-list.ts";
import { canSeeAll } from "./authorize.ts";
import { reply, type HandlerContext } from "./handler-context.ts";
import { LIST_LIMIT } from "./list-unit-issues.ts";

/** 逾期: a unit sees its own; leaders and admins see all, most overdue first. */
export async function listOverdue(ctx: HandlerContext): Promise<void> {
  const { actor } = ctx;
  const role = actor.room?.role;
  let unitIds: number[] | null;
  let scope: string;
  if (role?.kind === "UNIT") {
    unitIds = [role.unit.id];
    scope = role.unit.name;
  } else if (canSeeAll(actor)) {
    unitIds = null;
    scope = "全部";
  } else if (!actor.room && actor.units.length > 0) {
    unitIds = actor.units.map((u) => u.id);
    scope = actor.units.map((u) => u.name).join("、");
  } else {
    throw new DubanError("FORBIDDEN", "您尚未加入已绑定的工作群，无权查看逾期问题");
  }
  const issues = await ctx.tx.issue.findMany({
    where: { state: { in: ["NOT_STARTED", "IN_PROGRESS"] }, deadline: { lt: ctx.today }, ...(unitIds ? { unitId: { in: unitIds } } : {}) },
    include: { unit: true },
    orderBy: [{ deadline: "asc" }, { code: "asc" }],
  });
  if (issues.length === 0) {
    reply(ctx, unitIds ? `${scope}目前没有逾期问题。` : "目前没有逾期问题。");
    return;
  }
  const lines = [`${unitIds ? scope : ""}逾期问题 ${issues.length} 个：`];
  lines.push(...cappedLines(issues, LIST_LIMIT, (i, n) => issueLine(i, n + 1, ctx.today, unitIds === null), "个，详见台账"));
  reply(ctx, lines.join("\n"));
}
