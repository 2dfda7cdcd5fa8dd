import { DubanError } from "../core/duban-error.ts";
import { buildDigest } from "../digest/build-digest.ts";
import { loadSnapshot } from "../digest/digest-snapshot.ts";
import { lastDigestAt } from "../digest/last-digest.ts";
import { canSeeAll } from "./authorize.ts";
import { reply, type HandlerContext } from "./handler-context.ts";

/** 统计 / 日报: the digest, now, covering what changed since the last scheduled one. */
export async function showDigest(ctx: HandlerContext): Promise<void> {
  if (!canSeeAll(ctx.actor)) {
    throw new DubanError("FORBIDDEN", "统计仅限领导群和督查室使用；本单位情况请发送“清单”");
  }
  const last = await lastDigestAt(ctx.tx);
  const since = last ?? new Date(ctx.now.getTime() - 86_400_000);
  const snapshot = await loadSnapshot(ctx.tx, since);
  reply(
    ctx,
    buildDigest(snapshot, {
      today: ctx.today,
      dueSoonDays: ctx.config.DUBAN_DUE_SOON_DAYS,
      escalateDays: ctx.config.DUBAN_ESCALATE_DAYS,
      sinceLabel: last ? `${ctx.time.short(last)}日报以来` : "近24小时",
    }),
  );
}
