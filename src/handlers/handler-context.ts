import type { Config } from "../config/load-config.ts";
import type { Day, ZonedTime } from "../core/zoned-time.ts";
import type { Actor } from "../domain/actor.ts";
import type { WorkingCalendar } from "../domain/working-calendar.ts";
import type { Outgoing, Target } from "../outbox/outgoing.ts";
import type { Directory } from "../store/directory.ts";
import { lightRules, type LightRules } from "../store/light-sql.ts";
import type { Tx } from "../store/open-store.ts";
import type { InboundMessage } from "./inbound-message.ts";

/** What a handler gets: the store (inside the message's transaction), who asks, and where to answer. */
export interface HandlerContext {
  tx: Tx;
  directory: Directory;
  config: Config;
  time: ZonedTime;
  calendar: WorkingCalendar;
  now: Date;
  today: Day;
  actor: Actor;
  msg: InboundMessage;
  /** The message text after normalisation, kept in the history. */
  text: string;
  /** Messages to send, enqueued in the outbox with the handler's writes. */
  out: Outgoing[];
  /**
   * Set by a handler that chose to say nothing (a further member's 收到 to a notice already
   * acknowledged: chat, not a question). Otherwise a handler that sends nothing is a bug.
   */
  quiet?: boolean;
  /** Set by a handler that changed bindings or units, so the directory is reloaded after commit. */
  directoryChanged?: boolean;
}

/** Today's light rules (DESIGN §4), for 查询, 清单 and 统计. */
export function lightRulesOf(ctx: HandlerContext): LightRules {
  return lightRules(ctx.config, ctx.time, ctx.today, ctx.calendar.lastWorkdayBefore(ctx.today));
}

const UNSAFE = /[^\p{L}\p{N}_-]+/gu;

/**
 * `2026-12-01-<message id>`: a file a handler writes is named for its message, so a second
 * delivery of the message rewrites its own file (and is then rolled back).
 */
export function messageStem(ctx: HandlerContext): string {
  return `${ctx.today}-${ctx.msg.id.replace(UNSAFE, "_")}`;
}

/** Where the message came from: its group, or its sender privately. */
export function replyTarget(ctx: HandlerContext): Target {
  const { msg } = ctx;
  return msg.room ? { kind: "room", id: msg.room.id, name: msg.room.topic } : { kind: "contact", id: msg.sender.id, name: msg.sender.name };
}

export function reply(ctx: HandlerContext, text: string): void {
  ctx.out.push({ target: replyTarget(ctx), text });
}

/** Staff (the admins) are told by private message. */
export function tellAdmins(ctx: HandlerContext, text: string): void {
  for (const admin of ctx.config.DUBAN_ADMINS) {
    if (admin === ctx.actor.id) continue;
    ctx.out.push({ target: { kind: "contact", id: admin, name: admin }, text });
  }
}

/** Tells every group bound to a unit, except the one the message came from (it sees the reply). */
export async function tellUnit(ctx: HandlerContext, unitId: number, text: string): Promise<void> {
  const rooms = await ctx.tx.roomBinding.findMany({ where: { unitId, kind: "UNIT" }, orderBy: { id: "asc" } });
  for (const r of rooms) {
    if (r.roomId === ctx.msg.room?.id) continue;
    ctx.out.push({ target: { kind: "room", id: r.roomId, name: r.topic }, text });
  }
}
