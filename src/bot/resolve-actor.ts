import type { Store } from "../store/open-store.ts";
import { isNamedContact, type Actor, type UnitRef } from "../domain/actor.ts";
import type { Directory } from "../store/directory.ts";
import type { InboundMessage } from "../handlers/inbound-message.ts";

/**
 * Who is speaking and where: the binding of this group, and the groups they belong to. A
 * contact mapped in DUBAN_LEADER_CONTACTS is a leader wherever they write: their private
 * list at digest time ends with `清单 <责任领导>`, which they must be able to send back.
 */
export async function resolveActor(
  store: Store,
  directory: Directory,
  msg: InboundMessage,
  people: { admins: readonly string[]; leaders: readonly string[] },
): Promise<Actor> {
  const units = new Map<number, UnitRef>();
  let isLeader = false;
  for (const roomId of await directory.roomsOf(store, msg.sender.id)) {
    const role = directory.role(roomId);
    if (role.kind === "UNIT") units.set(role.unit.id, role.unit);
    if (role.kind === "LEADERS") isLeader = true;
  }
  const role = msg.room ? directory.role(msg.room.id) : null;
  return {
    id: msg.sender.id,
    name: msg.sender.name,
    isAdmin: isNamedContact(people.admins, msg.sender),
    room: msg.room && role ? { ...msg.room, role } : null,
    units: [...units.values()],
    isLeader: isLeader || role?.kind === "LEADERS" || isNamedContact(people.leaders, msg.sender),
  };
}
