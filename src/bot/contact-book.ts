import type { Store } from "../store/open-store.ts";
import type { InboundMessage } from "../handlers/inbound-message.ts";

const REFRESH_MS = 60 * 60_000;

/**
 * Everyone the bot hears from, kept so an operator can look up the id or alias to put in
 * DUBAN_ADMINS. Written when a contact is new or their name, alias or group changed (and
 * at most hourly otherwise), so the chat hot path does not pay a write per message.
 */
export class ContactBook {
  #seen = new Map<string, { signature: string; at: number }>();

  async observe(store: Store, msg: InboundMessage): Promise<void> {
    const { id, name } = msg.sender;
    const alias = msg.sender.alias ?? "";
    const lastRoom = msg.room?.topic ?? "";
    const signature = `${name}\u0000${alias}\u0000${lastRoom}`;
    const known = this.#seen.get(id);
    const now = msg.at.getTime();
    if (known && known.signature === signature && now - known.at < REFRESH_MS) return;
    this.#seen.set(id, { signature, at: now });
    await store.contact.upsert({
      where: { id },
      create: { id, name, alias, lastRoom, firstSeenAt: msg.at, lastSeenAt: msg.at },
      update: { name, alias, lastRoom, lastSeenAt: msg.at },
    });
  }
}
