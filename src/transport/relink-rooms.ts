import type { WechatyInterface } from "wechaty/impls";
import type { App } from "../app/create-app.ts";

/**
 * Some puppets (wechat4u) give groups new ids at every login. After login, a binding
 * whose group id is gone is moved to the group that now has its name — only then, so a
 * look-alike group cannot take over a binding whose group still exists.
 */
export async function relinkRooms(bot: WechatyInterface, app: App): Promise<void> {
  const bindings = await app.store.roomBinding.findMany();
  let moved = 0;
  for (const b of bindings) {
    if (await bot.Room.find({ id: b.roomId }).catch(() => undefined)) continue;
    const room = await bot.Room.find({ topic: b.topic }).catch(() => undefined);
    if (!room || room.id === b.roomId) continue;
    if (await app.store.roomBinding.findUnique({ where: { roomId: room.id } })) continue;
    await app.store.$transaction([
      app.store.roomBinding.update({ where: { id: b.id }, data: { roomId: room.id } }),
      app.store.roomMember.updateMany({ where: { roomId: b.roomId }, data: { roomId: room.id } }),
    ]);
    moved++;
    app.log.info({ topic: b.topic, from: b.roomId, to: room.id }, "binding moved to the group's new id");
  }
  if (moved) await app.pipeline.reloadDirectory();
}
