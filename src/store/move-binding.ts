import type { Store } from "./open-store.ts";

/**
 * A bound group found under a new id (some puppets renumber groups at each login): the
 * binding, the group's members and the messages still waiting for it move to the new id.
 */
export async function moveBinding(store: Store, binding: { id: number; roomId: string }, roomId: string): Promise<void> {
  await store.$transaction([
    store.roomBinding.update({ where: { id: binding.id }, data: { roomId, missingSince: null } }),
    store.roomMember.updateMany({ where: { roomId: binding.roomId }, data: { roomId } }),
    store.outbox.updateMany({ where: { roomId: binding.roomId, status: { in: ["PENDING", "SENDING"] } }, data: { roomId } }),
  ]);
}
