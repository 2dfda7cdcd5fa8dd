/** Who is speaking, and in what capacity, for one message. */
export interface UnitRef {
  id: number;
  name: string;
}

export type RoomRole = { kind: "UNIT"; unit: UnitRef } | { kind: "LEADERS" } | { kind: "UNBOUND" };

export interface Actor {
  id: string;
  name: string;
  isAdmin: boolean;
  /** The group the message was said in, with what it is bound to; null in a private chat. */
  room: { id: string; topic: string; role: RoomRole } | null;
  /** Units whose groups this contact is a member of. */
  units: UnitRef[];
  /** A member of a leaders' group. */
  isLeader: boolean;
}

/**
 * Admins (DUBAN_ADMINS) and mapped leaders (DUBAN_LEADER_CONTACTS) are named by contact id or
 * by the alias (备注) the bot gave them, never by display name.
 */
export function isNamedContact(names: readonly string[], sender: { id: string; alias?: string | undefined }): boolean {
  return names.includes(sender.id) || (!!sender.alias && names.includes(sender.alias));
}
