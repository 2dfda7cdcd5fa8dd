import { FileBox } from "file-box";
import type { WechatyInterface } from "wechaty/impls";
import type { OutgoingFile, Target } from "../outbox/outgoing.ts";
import { NotConnectedError, type Transport } from "../outbox/transport.ts";

/**
 * Delivers outbox messages through a logged-in Wechaty. A group is reached by its id only:
 * looking it up by name could pick a look-alike group; ids that a new login changed are
 * matched to their groups once, after login (relinkRooms). Admins are found by id or alias.
 */
export class WechatyTransport implements Transport {
  constructor(
    private readonly bot: WechatyInterface,
    /** Read from disk as the puppet sends it; the mock puppet needs the content up front (simulator). */
    private readonly boxOf: (file: OutgoingFile) => FileBox | Promise<FileBox> = (file) => FileBox.fromFile(file.path, file.name),
  ) {}

  async send(target: Target, text: string): Promise<void> {
    await (await this.#find(target)).say(text);
  }

  /** WeChat shows a picture (by its extension) inline and anything else as a file to open. */
  async sendFile(target: Target, file: OutgoingFile): Promise<void> {
    await (await this.#find(target)).say(await this.boxOf(file));
  }

  async #find(target: Target): Promise<{ say(what: string | FileBox): Promise<unknown> }> {
    if (!this.bot.isLoggedIn) throw new NotConnectedError();
    if (target.kind === "room") {
      const room = await this.bot.Room.find({ id: target.id });
      if (!room) throw new Error(`room not found: ${target.id} (${target.name})`);
      return room;
    }
    const contact = (await this.bot.Contact.find({ id: target.id })) ?? (await this.bot.Contact.find({ alias: target.id }));
    if (!contact) throw new Error(`contact not found: ${target.id}`);
    return contact;
  }
}
