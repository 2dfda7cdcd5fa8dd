import { DubanError } from "../core/duban-error.ts";
import { composeDigest, sendableDigest } from "../digest/compose-digest.ts";
import { deliver, deliveryTo } from "../digest/delivery.ts";
import { dayHeading } from "../format/day-heading.ts";
import type { Command } from "../parse/command.ts";
import { canSeeAll } from "./authorize.ts";
import { lightRulesOf, messageStem, replyTarget, type HandlerContext } from "./handler-context.ts";

/**
 * 统计 / 日报: the digest, now, covering what changed since the last scheduled one, as the
 * leaders' groups get it (DUBAN_DIGEST_FORMAT); `统计 文字` the full text, `统计 图片` the
 * pictures even where the groups get text. The pictures are named for the message, so a second
 * delivery of it rewrites its own files.
 */
export async function showDigest(ctx: HandlerContext, cmd: Extract<Command, { type: "stats" }>): Promise<void> {
  if (ctx.actor.room?.role.kind === "UNIT") {
    throw new DubanError("FORBIDDEN", "单位工作群不发全区统计；本单位情况请发送“清单”，全区统计请在领导群或私聊督办助手查看");
  }
  if (!canSeeAll(ctx.actor)) throw new DubanError("FORBIDDEN", "统计仅限领导群和督查室使用");
  const d = await composeDigest(ctx.tx, {
    ...ctx,
    ackBefore: ctx.calendar.ackDueBefore(ctx.today),
    rules: lightRulesOf(ctx),
    when: `${dayHeading(ctx.today)} ${ctx.time.short(ctx.now).slice(-5)}`,
  });
  // `统计 图片` where the groups get text: the pictures and the short text; else as the groups get it.
  const configured = ctx.config.DUBAN_DIGEST_FORMAT;
  const format = cmd.as === "text" ? "text" : cmd.as === "image" && configured === "text" ? "both" : configured;
  const sent = await deliver(format, ctx.config.DUBAN_DATA_DIR, { ...sendableDigest(d, ctx.today), stem: `stats-${messageStem(ctx)}` });
  ctx.out.push(...deliveryTo(replyTarget(ctx), sent));
}
