import { DubanError } from "../core/duban-error.ts";
import { MAX_UNIT_NAME_CHARS, unitNameLength } from "../domain/unit-name.ts";
import type { CommandOf } from "../parse/command.ts";
import { findUnitByName } from "../store/find-unit.ts";
import { assertAdmin } from "./authorize.ts";
import { reply, type HandlerContext } from "./handler-context.ts";

export async function bindRoom(ctx: HandlerContext, cmd: CommandOf<"bind">): Promise<void> {
  assertAdmin(ctx.actor, "绑定工作群");
  const room = ctx.msg.room;
  if (!room) throw new DubanError("USAGE", "请在要绑定的工作群里发送“绑定 <单位名>”");
  const by = ctx.actor.id;
  ctx.directoryChanged = true;
  if (cmd.leaders) {
    await ctx.tx.roomBinding.upsert({
      where: { roomId: room.id },
      create: { roomId: room.id, topic: room.topic, kind: "LEADERS", boundBy: by, createdAt: ctx.now, updatedAt: ctx.now },
      update: { topic: room.topic, kind: "LEADERS", unitId: null, boundBy: by, updatedAt: ctx.now },
    });
    reply(ctx, `本群已设为领导群，每个工作日${ctx.config.DUBAN_DIGEST_TIME}推送整改日报；可发送“统计”随时查看。`);
    return;
  }
  const length = unitNameLength(cmd.unitName);
  if (length > MAX_UNIT_NAME_CHARS) throw new DubanError("USAGE", `单位名太长（${length}字），最多${MAX_UNIT_NAME_CHARS}字，请核对后重发`);
  const found = await findUnitByName(ctx.tx, cmd.unitName);
  let unit = found.unit;
  let created = false;
  if (!unit) {
    // A near miss is almost always a typo: refuse rather than create a second unit.
    if (found.suggestions.length) {
      throw new DubanError("NOT_FOUND", `台账中没有单位“${cmd.unitName}”，您要绑定的是不是：${found.suggestions.join("、")}？`);
    }
    unit = await ctx.tx.unit.create({ data: { name: cmd.unitName, createdAt: ctx.now } });
    created = true;
  }
  await ctx.tx.roomBinding.upsert({
    where: { roomId: room.id },
    create: { roomId: room.id, topic: room.topic, kind: "UNIT", unitId: unit.id, boundBy: by, createdAt: ctx.now, updatedAt: ctx.now },
    update: { topic: room.topic, kind: "UNIT", unitId: unit.id, boundBy: by, updatedAt: ctx.now },
  });
  const open = await ctx.tx.issue.count({ where: { unitId: unit.id, state: { not: "CLOSED" } } });
  const note = created ? `（台账中尚无该单位，已新建）` : `，现有未销号问题 ${open} 个`;
  reply(
    ctx,
    `本群已绑定为“${unit.name}”工作群${note}。每个工作日${ctx.config.DUBAN_REMINDER_TIME}推送到期和逾期提醒；发送“帮助”查看报送方法。`,
  );
}

export async function unbindRoom(ctx: HandlerContext): Promise<void> {
  assertAdmin(ctx.actor, "解绑工作群");
  const room = ctx.msg.room;
  if (!room) throw new DubanError("USAGE", "请在要解绑的工作群里发送“解绑”");
  const removed = await ctx.tx.roomBinding.deleteMany({ where: { roomId: room.id } });
  ctx.directoryChanged = true;
  reply(ctx, removed.count ? "本群已解绑，不再推送提醒。" : "本群尚未绑定，无需解绑。");
}
