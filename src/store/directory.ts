import { identityKey } from "../core/identity.ts";
import type { RoomRole, UnitRef } from "../domain/actor.ts";
import type { Store, Tx } from "./open-store.ts";

type Db = Store | Tx;

/**
 * Bindings, unit names and group memberships, kept in memory: they are read for every
 * message and change a few times a year. The pipeline is their only writer in a process
 * and reloads them after a transaction that changed them.
 */
export class Directory {
  #roles = new Map<string, RoomRole>();
  #units = new Map<number, string>();
  #memberRooms = new Map<string, Set<string>>();
  /** Bindings whose group the last login did not find, by the group's name. */
  #missing = new Map<string, { id: number; roomId: string }[]>();

  async load(db: Db): Promise<void> {
    const [units, bindings] = await Promise.all([
      db.unit.findMany({ select: { id: true, name: true } }),
      db.roomBinding.findMany({ select: { id: true, roomId: true, topic: true, kind: true, unitId: true, missingSince: true }, orderBy: { id: "asc" } }),
    ]);
    this.#units = new Map(units.map((u) => [u.id, u.name]));
    this.#roles = new Map();
    this.#memberRooms = new Map();
    this.#missing = new Map();
    for (const b of bindings) {
      if (b.missingSince) {
        const key = identityKey(b.topic);
        this.#missing.set(key, [...(this.#missing.get(key) ?? []), { id: b.id, roomId: b.roomId }]);
      }
      const name = b.unitId === null ? undefined : this.#units.get(b.unitId);
      if (b.kind === "LEADERS") this.#roles.set(b.roomId, { kind: "LEADERS" });
      else if (b.unitId !== null && name !== undefined) this.#roles.set(b.roomId, { kind: "UNIT", unit: { id: b.unitId, name } });
    }
  }

  /** The one missing binding a group of this name may take over (none if several share the name). */
  missingBinding(topic: string): { id: number; roomId: string } | undefined {
    const list = this.#missing.get(identityKey(topic));
    return list?.length === 1 ? list[0] : undefined;
  }

  role(roomId: string): RoomRole {
    return this.#roles.get(roomId) ?? { kind: "UNBOUND" };
  }

  /** A unit's name; units created by an import since the last load are fetched once. */
  async unit(db: Db, id: number): Promise<UnitRef> {
    let name = this.#units.get(id);
    if (name === undefined) {
      name = (await db.unit.findUniqueOrThrow({ where: { id }, select: { name: true } })).name;
      this.#units.set(id, name);
    }
    return { id, name };
  }

  /** The groups a contact has been seen in, loaded from the store on first sight. */
  async roomsOf(db: Db, contactId: string): Promise<Set<string>> {
    let rooms = this.#memberRooms.get(contactId);
    if (!rooms) {
      const rows = await db.roomMember.findMany({ where: { contactId }, select: { roomId: true } });
      rooms = new Set(rows.map((r) => r.roomId));
      this.#memberRooms.set(contactId, rooms);
    }
    return rooms;
  }

  /** Removed from a group (or left it): no longer speaks for its unit. */
  forgetMember(roomId: string, contactId: string): void {
    this.#memberRooms.get(contactId)?.delete(roomId);
  }

  /** Whoever speaks in a group is its member; returns true the first time. */
  async observeMember(db: Db, roomId: string, contactId: string): Promise<boolean> {
    const rooms = await this.roomsOf(db, contactId);
    if (rooms.has(roomId)) return false;
    rooms.add(roomId);
    return true;
  }
}
