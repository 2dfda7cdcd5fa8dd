import type { WechatyInterface } from "wechaty/impls";
import type { App } from "../app/create-app.ts";
import { identityKey } from "../core/identity.ts";
import { liveAccounts } from "../store/account-lock.ts";
import { moveBinding } from "../store/move-binding.ts";

export interface RelinkReport {
  /** Bound groups found under their id, or moved to the group that now has their name. */
  found: string[];
  /** Of those, the ones that had a new id. */
  moved: string[];
  /** Bound groups found neither by id nor by name: kept, and listed by `status`. */
  missing: string[];
}

/**
 * Some puppets (wechat4u) give groups new ids at every login. After login, a binding
 * whose group id is gone is moved to the group that now has its name — only then, so a
 * look-alike group cannot take over a binding whose group still exists, and only when
 * exactly one unbound group has that name. A binding that cannot be matched is never
 * dropped: it is marked missing (pushes to it are held) until a later login finds it, or
 * the group speaks (the pipeline then moves it: wechat4u lists quiet groups late).
 */
export async function relinkRooms(bot: WechatyInterface, app: App): Promise<RelinkReport> {
  const bindings = await app.store.roomBinding.findMany({ orderBy: { id: "asc" } });
  const report: RelinkReport = { found: [], moved: [], missing: [] };
  if (bindings.length === 0) return report;
  // The puppet's group list of this login (its payload cache may still hold the last login's ids).
  const idsByTopic = new Map<string, string[]>();
  const current = new Set<string>();
  for (const room of await bot.Room.findAll()) {
    const topic = await room.topic().catch(() => null);
    if (topic === null) continue;
    current.add(room.id);
    const key = identityKey(topic);
    idsByTopic.set(key, [...(idsByTopic.get(key) ?? []), room.id]);
  }
  // On a shared store, a group another live process's account is in is not missing: this account is just not in it.
  for (const id of await roomsOfOtherLiveAccounts(app, bot.isLoggedIn ? bot.currentUser.id : null)) current.add(id);
  const bound = new Set(bindings.map((b) => b.roomId));
  const now = app.clock.now();
  for (const b of bindings) {
    if (current.has(b.roomId)) {
      report.found.push(b.topic);
      if (b.missingSince) await app.store.roomBinding.update({ where: { id: b.id }, data: { missingSince: null } });
      continue;
    }
    // Only an unambiguous match by name: two groups of that name, or one already bound, are not guessed at.
    const candidates = (idsByTopic.get(identityKey(b.topic)) ?? []).filter((id) => !bound.has(id));
    if (candidates.length !== 1) {
      report.missing.push(b.topic);
      if (!b.missingSince) await app.store.roomBinding.update({ where: { id: b.id }, data: { missingSince: now } });
      continue;
    }
    const roomId = candidates[0]!;
    await moveBinding(app.store, b, roomId);
    bound.add(roomId);
    report.found.push(b.topic);
    report.moved.push(b.topic);
    app.log.info({ topic: b.topic, from: b.roomId, to: roomId }, "binding moved to the group's new id");
  }
  if (report.moved.length) await app.pipeline.reloadDirectory();
  if (report.missing.length) app.log.warn({ missing: report.missing }, "bound groups not found after login; bindings kept");
  return report;
}

async function roomsOfOtherLiveAccounts(app: App, self: string | null): Promise<string[]> {
  const live = (await liveAccounts(app.config.DATABASE_URL))?.filter((a) => a !== self) ?? [];
  if (live.length === 0) return [];
  return (await app.store.accountRoom.findMany({ where: { account: { in: live } }, select: { roomId: true } })).map((r) => r.roomId);
}
