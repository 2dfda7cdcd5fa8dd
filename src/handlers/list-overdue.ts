import { DubanError } from "../core/duban-error.ts";
import { LIST_LIMIT, cappedLines } from "../format/capped-lines.ts";
import { issueLine } from "../format/format-issue-list.ts";
import { shortText } from "../format/issue-status.ts";
import type { CommandOf } from "../parse/command.ts";
import { SOURCES } from "../domain/issue-source.ts";
import { findUnitByName } from "../store/find-unit.ts";
import { sourceFilter } from "../store/source-filter.ts";
import { canSeeAll } from "./authorize.ts";
import { reply, type HandlerContext } from "./handler-context.ts";

/** 逾期 [来源]: a unit sees its own; leaders and admins see all, most overdue first. */
export async function listOverdue(ctx: HandlerContext, cmd: CommandOf<"overdue">): Promise<void> {
  const { actor } = ctx;
  const role = actor.room?.role;
  let unitIds: number[] | null;
  let scope: string;
  if (role?.kind === "UNIT") {
    unitIds = [role.unit.id];
    scope = role.unit.name;
  } else if (canSeeAll(actor)) {
    unitIds = null;
    scope = "";
  } else if (!actor.room && actor.units.length > 0) {
    unitIds = actor.units.map((u) => u.id);
    scope = actor.units.map((u) => u.name).join("、");
  } else {
    throw new DubanError("FORBIDDEN", "您尚未加入已绑定的工作群，无权查看逾期问题");
  }
  let sources: string[] | null = null;
  let from = "";
  if (cmd.source !== undefined) {
    // `逾期 <单位名>`: leaders and staff asking about one unit, as with 清单.
    const unit = unitIds === null ? (await findUnitByName(ctx.tx, cmd.source)).unit : null;
    if (unit) {
      unitIds = [unit.id];
      scope = unit.name;
    } else {
      const filter = await sourceFilter(ctx.tx, cmd.source);
      if (!filter) throw new DubanError("NOT_FOUND", `没有来源为“${shortText(cmd.source, 20)}”的问题。来源可写：${SOURCES.map((s) => s.name).join("、")}`);
      sources = filter.sources;
      from = `（来源：${shortText(cmd.source, 20)}）`;
    }
  }
  // A long-term issue has no deadline: `deadline < today` never holds for it.
  const issues = await ctx.tx.issue.findMany({
    where: {
      state: { in: ["NOT_STARTED", "IN_PROGRESS"] },
      deadline: { lt: ctx.today },
      ...(unitIds ? { unitId: { in: unitIds } } : {}),
      ...(sources ? { source: { in: sources } } : {}),
    },
    include: { unit: true },
    orderBy: [{ deadline: "asc" }, { code: "asc" }],
  });
  if (issues.length === 0) {
    reply(ctx, `${scope}目前没有逾期问题${from}。`);
    return;
  }
  const lines = [`${scope}逾期问题${from} ${issues.length} 个：`];
  lines.push(...cappedLines(issues, LIST_LIMIT, (i, n) => issueLine(i, n + 1, ctx.today, unitIds === null), "个，详见台账"));
  reply(ctx, lines.join("\n"));
}
