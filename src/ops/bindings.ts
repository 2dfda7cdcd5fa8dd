import type { Store } from "../store/open-store.ts";
import { bumpDirectoryVersion } from "../store/directory-version.ts";
import type { ZonedTime } from "../core/zoned-time.ts";

/** `bindings`: every bound group, what it is bound to, and whether the last login found it. */
export async function listBindings(store: Store, time: ZonedTime): Promise<string> {
  const rows = await store.roomBinding.findMany({ include: { unit: { select: { name: true } } }, orderBy: [{ kind: "asc" }, { topic: "asc" }] });
  if (rows.length === 0) return "还没有绑定任何群。在群里由管理员发送“绑定 <单位名>”或“绑定 领导”。";
  return rows
    .map((b) => {
      const what = b.kind === "LEADERS" ? "领导群" : `单位：${b.unit?.name ?? "?"}`;
      const missing = b.missingSince ? `  ⚠ 登录后未找到（自 ${time.minute(b.missingSince)}）` : "";
      return `${b.topic}\t${what}\t群 id ${b.roomId}\t${b.boundBy} 绑定于 ${time.minute(b.createdAt)}${missing}`;
    })
    .join("\n");
}

/**
 * `unbind <群名|群 id>`: for a group that is gone (dissolved, or the bot removed). A running
 * bot sees the change at its next message. Two groups of one name need the id.
 */
export async function unbindRoom(store: Store, which: string): Promise<string> {
  const topic = which;
  const rows = await store.roomBinding.findMany({ where: { OR: [{ topic: which }, { roomId: which }] }, orderBy: { id: "asc" } });
  if (rows.length > 1) throw new Error(`有 ${rows.length} 个名为“${which}”的已绑定群，请用群 id 指定（npm run duban -- bindings 可查看）：${rows.map((r) => r.roomId).join("、")}`);
  if (rows.length === 0) {
    const all = await store.roomBinding.findMany({ select: { topic: true }, orderBy: { id: "asc" } });
    const near = all.map((r) => r.topic).filter((t) => t.includes(topic) || topic.includes(t));
    throw new Error(`没有名为“${topic}”的已绑定群${near.length ? `；相近的有：${near.slice(0, 5).join("、")}` : "；npm run duban -- bindings 可查看全部"}`);
  }
  const row = rows[0]!;
  await store.$transaction(async (tx) => {
    await tx.roomBinding.delete({ where: { id: row.id } });
    // Nothing more can reach that group: what waited for it is dropped, not left to fail.
    await tx.outbox.updateMany({ where: { roomId: row.roomId, status: "PENDING" }, data: { status: "FAILED", lastError: "unbound" } });
    await bumpDirectoryVersion(tx);
  });
  return `已解除“${row.topic}”的绑定。`;
}
