import type { Store } from "../store/open-store.ts";
import { isAdminContact, type Actor, type RoomRole, type UnitRef } from "./actor.ts";
import type { InboundMessage } from "./inbound-message.ts";

/** Who is speaking and where: the binding of this group, and the groups they belong to. */
export async function resolveActor(store: Store, msg: InboundMessage, admins: readonly string[]): Promise<Actor> {
  const [binding, memberships] = await Promise.all([
    msg.room ? store.roomBinding.findUnique({ where: { roomId: msg.room.id }, include: { unit: true } }) : null,
    store.roomMember.findMany({ where: { contactId: msg.sender.id }, select: { roomId: true } }),
  ]);
  const roomIds = memberships.map((m) => m.roomId);
  const bound = roomIds.length
    ? await store.roomBinding.findMany({ where: { roomId: { in: roomIds } }, include: { unit: true } })
    : [];
  const units = new Map<number, UnitRef>();
  for (const b of bound) if (b.unit) units.set(b.unit.id, { id: b.unit.id, name: b.unit.name });
  let role: RoomRole = { kind: "UNBOUND" };
  if (binding?.kind === "LEADERS") role = { kind: "LEADERS" };
  else if (binding?.unit) role = { kind: "UNIT", unit: { id: binding.unit.id, name: binding.unit.name } };
  return {
    id: msg.sender.id,
    name: msg.sender.name,
    isAdmin: isAdminContact(admins, msg.sender),
    room: msg.room ? { ...msg.room, role } : null,
    units: [...units.values()],
    isLeader: role.kind === "LEADERS" || bound.some((b) => b.kind === "LEADERS"),
  };
}
