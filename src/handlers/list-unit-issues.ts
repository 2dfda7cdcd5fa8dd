import { DubanError } from "../core/duban-error.ts";
import { firstChars } from "../core/identity.ts";
import { shortText } from "../format/issue-status.ts";
import { daysOverdue } from "../domain/issue-state.ts";
import { LIST_LIMIT, cappedLines } from "../format/capped-lines.ts";
import { issueLine, sortForList } from "../format/format-issue-list.ts";
import { usageHint } from "../format/usage-text.ts";
import type { CommandOf } from "../parse/command.ts";
import { findUnitByName, unitNotFound } from "../store/find-unit.ts";
import { sourceFilter, sourcesMatching, type SourceFilter } from "../store/source-filter.ts";
import type { UnitRef } from "../domain/actor.ts";
import { canSeeAll } from "./authorize.ts";
import { leaderIssueList } from "./list-leader-issues.ts";
import { reply, type HandlerContext } from "./handler-context.ts";

/** The unit a person's plain `清单` is about: the group's, or their only one. */
export function ownUnit(ctx: HandlerContext): UnitRef {
  const { actor } = ctx;
  const role = actor.room?.role;
  if (role?.kind === "UNIT") return role.unit;
  if (!actor.room && actor.units.length === 1) return actor.units[0]!;
  if (canSeeAll(actor) || actor.units.length > 1) throw new DubanError("USAGE", usageHint("清单", "请写明单位"));
  throw new DubanError("FORBIDDEN", actor.room ? "本群尚未绑定单位，请在单位工作群发送“清单”" : "您尚未加入已绑定的单位工作群，请在单位工作群发送“清单”，或联系督查室");
}

type Scope = { unit: UnitRef | null; filter: SourceFilter | null } | { leaderList: string };

/**
 * `清单 <词>`: a unit name wins (the own unit, or any for leaders and staff), then a source
 * of the issues this person may list, then (leaders and staff) a 责任领导; `清单 <单位名> <来源>`
 * is both. A null unit: every unit's issues of that source (leaders and staff).
 */
async function scopeToList(ctx: HandlerContext, cmd: CommandOf<"list">): Promise<Scope> {
  const { actor } = ctx;
  const role = actor.room?.role;
  const withSource = async (unit: UnitRef | null) => ({ unit, filter: cmd.source === undefined ? null : { word: cmd.source, sources: await sourcesMatching(ctx.tx, cmd.source) } });
  if (!cmd.unitName) return withSource(ownUnit(ctx));
  // A unit whose name holds a space (`清单 区水利局 河长办`) is a unit, not a unit and a source.
  const whole = cmd.source === undefined ? null : `${cmd.unitName} ${cmd.source}`;
  const own = role?.kind === "UNIT" ? [role.unit] : actor.room ? [] : actor.units;
  const ownWhole = own.find((u) => u.name === whole);
  if (ownWhole) return { unit: ownWhole, filter: null };
  const mine = own.find((u) => u.name === cmd.unitName);
  if (mine) return withSource(mine);
  if (canSeeAll(actor)) {
    const wholeUnit = whole === null ? null : (await findUnitByName(ctx.tx, whole)).unit;
    if (wholeUnit) return { unit: wholeUnit, filter: null };
    const found = await findUnitByName(ctx.tx, cmd.unitName);
    if (found.unit) return withSource(found.unit);
    const filter = cmd.source === undefined ? await sourceFilter(ctx.tx, cmd.unitName) : null;
    if (filter) return { unit: null, filter };
    const leaderList = cmd.source === undefined ? await leaderIssueList(ctx, cmd.unitName) : null;
    if (leaderList !== null) return { leaderList };
    // A leader named in DUBAN_LEADER_CONTACTS with nothing open is an answer, not a typo.
    if (ctx.config.DUBAN_LEADER_CONTACTS.some((l) => l.leader === cmd.unitName)) return { leaderList: `${cmd.unitName} 暂无未销号的分管问题。` };
    throw found.suggestions.length || found.nearest.length
      ? unitNotFound(cmd.unitName, found)
      : new DubanError("NOT_FOUND", `未找到单位、来源或责任领导“${firstChars(cmd.unitName, 30)}”，请核对后重发`);
  }
  const filter = cmd.source === undefined ? await sourceFilter(ctx.tx, cmd.unitName) : null;
  if (filter) return { unit: ownUnit(ctx), filter };
  throw new DubanError("FORBIDDEN", "只能查看本单位的清单，请直接发送“清单”，或“清单 <来源>”，如：清单 暗访");
}

export async function listUnitIssues(ctx: HandlerContext, cmd: CommandOf<"list">): Promise<void> {
  const scope = await scopeToList(ctx, cmd);
  if ("leaderList" in scope) return reply(ctx, scope.leaderList);
  const { unit, filter } = scope;
  const issues = await ctx.tx.issue.findMany({
    where: { state: { not: "CLOSED" }, ...(unit ? { unitId: unit.id } : {}), ...(filter ? { source: { in: filter.sources } } : {}) },
    include: { unit: true },
  });
  const from = filter ? `（来源：${shortText(filter.word, 20)}）` : "";
  if (issues.length === 0) {
    reply(ctx, unit ? `${unit.name}暂无未销号问题${from}。` : `目前没有未销号问题${from}。`);
    return;
  }
  // Long-term issues (长期坚持) have no deadline to sort by: they are listed apart, after the dated ones.
  const sorted = sortForList(issues, ctx.today);
  const dated = sorted.filter((i) => i.deadline !== null);
  const longTerm = sorted.filter((i) => i.deadline === null);
  const overdue = issues.filter((i) => daysOverdue(i, ctx.today) > 0).length;
  const lines = [`${unit?.name ?? ""}未销号问题${from} ${issues.length} 个${overdue ? `（逾期 ${overdue} 个）` : ""}：`];
  const line = (i: (typeof issues)[number], n: number) => issueLine(i, n + 1, ctx.today, unit === null);
  lines.push(...cappedLines(dated, LIST_LIMIT, line, "个，详见台账"));
  if (longTerm.length) {
    lines.push("长期坚持：");
    lines.push(...cappedLines(longTerm, LIST_LIMIT, (i, n) => line(i, dated.length + n), "个，详见台账"));
  }
  if (unit) lines.push("报进度：进度 <编号> <说明>；报完成：完成 <编号> <说明>");
  reply(ctx, lines.join("\n"));
}
