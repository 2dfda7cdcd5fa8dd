import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../config/load-config.ts";
import { EVENT } from "../domain/event-type.ts";
import type { Store } from "../store/open-store.ts";
import type { InboundMessage, Outgoing } from "./inbound-message.ts";

const SAFE = /[^\p{L}\p{N}._-]+/gu;

/**
 * A photo sent right after a unit's progress or completion report (same group, or the
 * same person in a private chat, within DUBAN_EVIDENCE_WINDOW_MINUTES) is kept as
 * evidence for it. Returns the acknowledgement to send, once per report.
 */
export async function attachEvidence(store: Store, config: Config, msg: InboundMessage): Promise<Outgoing[]> {
  if (!msg.image) return [];
  const since = new Date(msg.at.getTime() - config.DUBAN_EVIDENCE_WINDOW_MINUTES * 60_000);
  const report = await store.issueEvent.findFirst({
    where: {
      type: { in: [EVENT.PROGRESS, EVENT.COMPLETION_CLAIM] },
      at: { gte: since },
      ...(msg.room ? { roomId: msg.room.id } : { roomId: null, actorId: msg.sender.id }),
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    include: { issue: { select: { code: true } }, _count: { select: { attachments: true } } },
  });
  if (!report) return [];
  const seen = await store.attachment.findUnique({ where: { messageId: msg.id } });
  if (seen) return [];
  const target = msg.room
    ? { kind: "room" as const, id: msg.room.id, name: msg.room.topic }
    : { kind: "contact" as const, id: msg.sender.id, name: msg.sender.name };
  const data = await msg.image.read();
  if (data.length === 0) return [{ target, text: `这张照片是空的，没有存为 ${report.issue.code} 的佐证材料，请重新发送。` }];
  const dir = path.resolve(config.DUBAN_ATTACHMENT_DIR, report.issue.code);
  const file = path.join(dir, `${msg.id.replace(SAFE, "_")}-${msg.image.fileName.replace(SAFE, "_")}`);
  await mkdir(dir, { recursive: true });
  await writeFile(file, data);
  await store.attachment.create({
    data: {
      issueId: report.issueId,
      eventId: report.id,
      fileName: msg.image.fileName,
      path: file,
      size: data.length,
      messageId: msg.id,
      senderId: msg.sender.id,
      at: msg.at,
    },
  });
  // One acknowledgement per report: a burst of nine photos gets one line, not nine.
  if (report._count.attachments > 0) return [];
  return [{ target, text: `已将照片存为 ${report.issue.code} 的佐证材料。` }];
}
