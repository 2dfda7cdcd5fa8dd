import { FileBox } from "file-box";
import { mock } from "wechaty-puppet-mock";
import * as PUPPET from "wechaty-puppet";
import type { FileKind } from "../outbox/outgoing.ts";
import { identityKey } from "../core/identity.ts";

/**
 * The simulator's WeChat: contacts and groups are created when first named, and
 * whoever speaks in a group becomes its member. Names are ids and aliases.
 */
export class MockWorld {
  #rooms = new Map<string, mock.RoomMock>();
  #roomCount = 0;
  #fileCount = 0;

  constructor(
    readonly mocker: mock.Mocker,
    readonly bot: mock.ContactMock,
  ) {}

  contact(name: string): mock.ContactMock {
    const known = this.mocker.cacheContactPayload.get(name);
    if (known) return this.mocker.ContactMock.load(name);
    return this.mocker.createContact({ id: name, name, alias: name });
  }

  /** Groups are found by their name's identity key: `区水利局工作群` with a stray zero-width space is the same group. */
  room(topic: string): mock.RoomMock {
    let room = this.#rooms.get(identityKey(topic));
    if (!room) {
      room = this.mocker.createRoom({ id: `room${++this.#roomCount}@chatroom`, topic, memberIdList: [this.bot.id], ownerId: this.bot.id });
      this.#rooms.set(identityKey(topic), room);
    }
    return room;
  }

  /** A room's current name, for output lines. */
  topicOf(roomId: string): string {
    return this.mocker.roomPayload(roomId).topic;
  }

  join(room: mock.RoomMock, who: mock.ContactMock): void {
    if (!room.payload.memberIdList.includes(who.id)) room.payload.memberIdList.push(who.id);
  }

  /**
   * Renames a group as a member would. The mock's own room-topic event carries a payload
   * Wechaty 1.20 cannot read, so the name is changed in place and the cached payload
   * dropped: the bot sees the new name on the group's next message, as it would in WeChat.
   */
  async rename(topic: string, newTopic: string): Promise<boolean> {
    const room = this.#rooms.get(identityKey(topic));
    if (!room) return false;
    room.payload.topic = newTopic;
    this.mocker.roomPayload(room.id, room.payload);
    await this.mocker.puppet.__dirtyPayloadAwait(PUPPET.types.Dirty.Room, room.id);
    this.#rooms.set(identityKey(newTopic), room);
    return true;
  }

  say(sender: string, roomName: string | null, text: string, mentionsBot: boolean): void {
    const who = this.contact(sender);
    if (roomName === null) {
      who.say(text).to(this.bot);
      return;
    }
    const room = this.room(roomName);
    this.join(room, who);
    who.say(text, mentionsBot ? [this.bot] : []).to(room);
  }

  /**
   * A photo or a file, as WeChat delivers it. Built here rather than by the mock's say(),
   * which decides by a short list of extensions and would drop 验收材料.docx as unknown.
   */
  sendFile(sender: string, roomName: string | null, kind: FileKind, fileName: string, data: Buffer): void {
    const who = this.contact(sender);
    const id = `file${++this.#fileCount}`;
    this.mocker.cacheFileBoxPayload.set(id, FileBox.fromBase64(data.toString("base64"), fileName).toJSON());
    const type = kind === "image" ? PUPPET.types.Message.Image : PUPPET.types.Message.Attachment;
    const base = { id, talkerId: who.id, timestamp: Date.now(), type, filename: fileName };
    let payload: PUPPET.payloads.Message;
    if (roomName === null) {
      payload = { ...base, listenerId: this.bot.id };
    } else {
      const room = this.room(roomName);
      this.join(room, who);
      payload = { ...base, roomId: room.id, mentionIdList: [] };
    }
    this.mocker.MessageMock.create(payload);
    this.mocker.puppet.emit("message", { messageId: id });
  }
}
