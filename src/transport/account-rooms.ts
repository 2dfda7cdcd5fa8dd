import type { WechatyInterface } from "wechaty/impls";
import type { Clock } from "../core/clock.ts";
import type { Store } from "../store/open-store.ts";

/**
 * Keeps the store's record of which groups this process's account is in (AccountRoom): the
 * outbox sends a group's messages only through an account in it, when several accounts
 * share the store. Written from the puppet's group list at login, and kept current as the
 * account joins and leaves groups and hears from them (wechat4u lists quiet groups late).
 */
export class AccountRooms {
  /** Groups written since the last login: a message from one of them costs no write. */
  #known = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** After login: the account's groups are the ones the puppet lists now (ids may have changed). */
  async listed(bot: WechatyInterface, account: string): Promise<number> {
    const roomIds = [...new Set((await bot.Room.findAll()).map((r) => r.id))];
    const seenAt = this.clock.now();
    await this.store.$transaction([
      this.store.accountRoom.deleteMany({ where: { account } }),
      this.store.accountRoom.createMany({ data: roomIds.map((roomId) => ({ account, roomId, seenAt })) }),
    ]);
    this.#known = new Set(roomIds.map((id) => `${account}\n${id}`));
    return roomIds.length;
  }

  /** The account is in this group (it joined, or a message came from it). */
  async joined(account: string, roomId: string): Promise<void> {
    const key = `${account}\n${roomId}`;
    if (this.#known.has(key)) return;
    const seenAt = this.clock.now();
    await this.store.accountRoom.upsert({ where: { account_roomId: { account, roomId } }, create: { account, roomId, seenAt }, update: { seenAt } });
    this.#known.add(key);
  }

  async left(account: string, roomId: string): Promise<void> {
    this.#known.delete(`${account}\n${roomId}`);
    await this.store.accountRoom.deleteMany({ where: { account, roomId } });
  }
}
