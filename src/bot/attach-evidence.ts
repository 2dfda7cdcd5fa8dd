import { createHash } from "node:crypto";
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../config/load-config.ts";
import { EVENT } from "../domain/event-type.ts";
import type { Store } from "../store/open-store.ts";
import type { InboundMessage } from "../handlers/inbound-message.ts";
import type { Outgoing } from "../outbox/outgoing.ts";
import { deliveryKey } from "./delivery-key.ts";

/** The events a photo or file sent right after them belongs to, when said in the same chat. */
const REPORTS = [EVENT.PROGRESS, EVENT.COMPLETION_CLAIM, EVENT.MILESTONE_DONE, EVENT.SELF_FOUND];

/**
 * A photo or file sent right after a unit's report or 自查 (same group, or the same person
 * in a private chat), or after an admin's 交办 by that admin in the same chat, within
 * DUBAN_EVIDENCE_WINDOW_MINUTES, is kept as evidence for it. Returns what to answer: an
 * acknowledgement once per report, or why it was not kept; and the message's deliveryKey,
 * by which it is recorded once however many bot accounts received it.
 */
export async function attachEvidence(store: Store, config: Config, msg: InboundMessage): Promise<{ key: string; out: Outgoing[] }> {
  const sent = msg.attachment;
  if (!sent) return { key: msg.id, out: [] };
  const since = new Date(msg.at.getTime() - config.DUBAN_EVIDENCE_WINDOW_MINUTES * 60_000);
  const roomId = msg.room?.id ?? null;
  const report = await store.issueEvent.findFirst({
    where: {
      at: { gte: since },
      OR: [
        { type: { in: REPORTS }, ...(msg.room ? { roomId } : { roomId: null, actorId: msg.sender.id }) },
        { type: EVENT.ASSIGNED, roomId, actorId: msg.sender.id },
      ],
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    include: { issue: { select: { code: true } }, _count: { select: { attachments: true } } },
  });
  if (!report) return { key: msg.id, out: [] };
  const data = await sent.read();
  const key = deliveryKey(msg, data);
  const seen = await store.attachment.findUnique({ where: { messageId: key } });
  if (seen) return { key, out: [] };
  const target = msg.room
    ? { kind: "room" as const, id: msg.room.id, name: msg.room.topic }
    : { kind: "contact" as const, id: msg.sender.id, name: msg.sender.name };
  const code = report.issue.code;
  const what = sent.kind === "image" ? "这张照片" : `${sent.fileName} `;
  if (data.length === 0) return { key, out: [{ target, text: `${what}是空的，没有存为 ${code} 的佐证材料，请重新发送。` }] };
  if (data.length > config.DUBAN_MAX_ATTACHMENT_MB * 1024 * 1024) {
    const mb = (data.length / 1024 / 1024).toFixed(1);
    return { key, out: [{ target, text: `${what}有 ${mb}MB，超过 ${config.DUBAN_MAX_ATTACHMENT_MB}MB 的上限，没有存为 ${code} 的佐证材料。请压缩后重发。` }] };
  }
  const file = await keepByContent(config.DUBAN_ATTACHMENT_DIR, sent.fileName, data);
  await store.attachment.create({
    data: {
      issueId: report.issueId,
      eventId: report.id,
      kind: sent.kind,
      fileName: sent.fileName,
      path: file,
      size: data.length,
      messageId: key,
      senderId: msg.sender.id,
      at: msg.at,
    },
  });
  // One acknowledgement per report: a burst of nine photos gets one line, not nine.
  if (report._count.attachments > 0) return { key, out: [] };
  return { key, out: [{ target, text: sent.kind === "image" ? `已将照片存为 ${code} 的佐证材料。` : `已将 ${sent.fileName} 存为 ${code} 的佐证材料。` }] };
}

/**
 * Stores the content under its SHA-256 and the original extension: the same file sent
 * twice (or forwarded to two issues) is one file on disk. Written aside and renamed into
 * place, so a crash never leaves a half file under a content name.
 */
async function keepByContent(dir: string, fileName: string, data: Buffer): Promise<string> {
  const ext = path.extname(fileName).toLowerCase();
  const safeExt = /^\.[a-z0-9]{1,10}$/.test(ext) ? ext : "";
  const file = path.resolve(dir, `${createHash("sha256").update(data).digest("hex")}${safeExt}`);
  if (await stat(file).catch(() => null)) return file;
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, data);
  await rename(temp, file);
  return file;
}
