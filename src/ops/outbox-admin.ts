import type { ZonedTime } from "../core/zoned-time.ts";
import type { Store } from "../store/open-store.ts";

const STATUS_LABEL: Record<string, string> = { PENDING: "待发", SENDING: "发送中", FAILED: "失败", SENT: "已发" };

/** `outbox [--failed]`: what is waiting (or what failed), oldest first, one line each. */
export async function listOutbox(store: Store, time: ZonedTime, failedOnly: boolean, limit = 50): Promise<string> {
  const where = failedOnly ? { status: "FAILED" } : { status: { in: ["PENDING", "SENDING", "FAILED"] } };
  const [rows, total] = await Promise.all([store.outbox.findMany({ where, orderBy: { id: "asc" }, take: limit }), store.outbox.count({ where })]);
  if (rows.length === 0) return failedOnly ? "没有发送失败的消息。" : "发送队列是空的。";
  const lines = rows.map((r) => {
    const text = r.text.replace(/\n/g, " ").slice(0, 40);
    const error = r.status === "FAILED" && r.lastError ? `  错误：${r.lastError.slice(0, 80)}` : "";
    return `#${r.id}\t${STATUS_LABEL[r.status] ?? r.status}\t${time.minute(r.createdAt)}\t→ ${r.targetName}\t尝试 ${r.attempts} 次\t${text}${error}`;
  });
  if (total > rows.length) lines.push(`……共 ${total} 条，只列出最早的 ${rows.length} 条`);
  return lines.join("\n");
}

/**
 * `outbox retry <id|all>`: failed messages go back to the queue with a fresh count of
 * attempts; a running bot picks them up within a minute.
 */
export async function retryOutbox(store: Store, which: string, now: Date): Promise<string> {
  const data = { status: "PENDING", attempts: 0, nextAttempt: now, lastError: null };
  if (which === "all") {
    const { count } = await store.outbox.updateMany({ where: { status: "FAILED" }, data });
    return count ? `已把 ${count} 条失败的消息重新排队。` : "没有发送失败的消息。";
  }
  const id = Number(which.replace(/^#/, ""));
  if (!Number.isInteger(id) || id <= 0) throw new Error(`“${which}”不是消息编号：写 outbox retry <编号> 或 outbox retry all`);
  const { count } = await store.outbox.updateMany({ where: { id, status: "FAILED" }, data });
  if (count) return `已把消息 #${id} 重新排队。`;
  const row = await store.outbox.findUnique({ where: { id } });
  throw new Error(row ? `消息 #${id} 的状态是“${STATUS_LABEL[row.status] ?? row.status}”，只有失败的消息可以重发` : `没有编号为 #${id} 的消息`);
}
