import { DubanError } from "../core/duban-error.ts";
import { colourName, noticeLabel, NOTICE_COLOURS, type NoticeColour } from "../domain/light.ts";
import { noticeLine } from "../format/notice-line.ts";
import type { CommandOf } from "../parse/command.ts";
import { findUnitByName, unitNotFound } from "../store/find-unit.ts";
import { canSeeAll } from "./authorize.ts";
import { reply, type HandlerContext } from "./handler-context.ts";
import { LIST_LIMIT } from "../format/capped-lines.ts";

/**
 * 督办单 [颜色] [单位]: this year's register of supervision notices, newest first, for
 * leaders and admins. Two queries whatever its length: the counts, and the lines shown.
 */
export async function listNotices(ctx: HandlerContext, cmd: CommandOf<"notices">): Promise<void> {
  if (ctx.actor.room?.role.kind === "UNIT") {
    throw new DubanError("FORBIDDEN", "单位工作群不发督办单台账；本单位情况请发送“清单”，督办单台账请在领导群或私聊督办助手查看");
  }
  if (!canSeeAll(ctx.actor)) throw new DubanError("FORBIDDEN", "督办单台账仅限领导群和督查室使用");
  let unit: { id: number; name: string } | null = null;
  if (cmd.unitName !== undefined) {
    const found = await findUnitByName(ctx.tx, cmd.unitName);
    if (!found.unit) throw unitNotFound(cmd.unitName, found);
    unit = found.unit;
  }
  const year = Number(ctx.today.slice(0, 4));
  const where = { year, ...(cmd.colour ? { colour: cmd.colour } : {}), ...(unit ? { issue: { unitId: unit.id } } : {}) };
  const counts = await ctx.tx.supervisionNotice.groupBy({ by: ["colour"], where, _count: { _all: true } });
  const total = counts.reduce((sum, c) => sum + c._count._all, 0);
  const kind = cmd.colour ? noticeLabel(cmd.colour) : "督办单";
  if (total === 0) {
    reply(ctx, `${year}年尚未${unit ? `向${unit.name}` : ""}发出${kind}。`);
    return;
  }
  const notices = await ctx.tx.supervisionNotice.findMany({
    where,
    orderBy: { number: "desc" },
    take: LIST_LIMIT,
    include: { issue: { select: { code: true, state: true, unit: { select: { name: true } } } } },
  });
  const byColour = (c: NoticeColour) => counts.find((x) => x.colour === c)?._count._all ?? 0;
  const split = NOTICE_COLOURS.filter((c) => byColour(c) > 0).map((c) => `${colourName(c)} ${byColour(c)}`);
  const lines = [`${year}年${unit?.name ?? ""}${kind} ${total} 份${cmd.colour ? "" : `（${split.join("，")}）`}：`];
  lines.push(...notices.map((n) => noticeLine(n, ctx.time)));
  // Only the lines shown were read; the rest are counted (as cappedLines words it).
  if (total > notices.length) lines.push(`……另有 ${total - notices.length} 份，详见导出台账的“督办单”表`);
  reply(ctx, lines.join("\n"));
}
