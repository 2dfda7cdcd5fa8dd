import { DubanError } from "../core/duban-error.ts";
import { composeDigest } from "../digest/compose-digest.ts";
import { canSeeAll } from "./authorize.ts";
import { lightRulesOf, reply, type HandlerContext } from "./handler-context.ts";

/** 统计 / 日报: the digest, now, covering what changed since the last scheduled one. */
export async function showDigest(ctx: HandlerContext): Promise<void> {
  if (ctx.actor.room?.role.kind === "UNIT") {
    throw new DubanError("FORBIDDEN", "单位工作群不发全区统计；本单位情况请发送“清单”，全区统计请在领导群或私聊督办助手查看");
  }
  if (!canSeeAll(ctx.actor)) throw new DubanError("FORBIDDEN", "统计仅限领导群和督查室使用");
  reply(ctx, await composeDigest(ctx.tx, { ...ctx, ackBefore: ctx.calendar.ackDueBefore(ctx.today), rules: lightRulesOf(ctx) }));
}
