import type { Config } from "../config/load-config.ts";
import type { ZonedTime } from "../core/zoned-time.ts";
import type { Store } from "../store/open-store.ts";

/**
 * `contacts`: everyone the bot has heard from, newest first, with the id and the alias
 * (备注) that DUBAN_ADMINS may name, and whether they are an admin already.
 */
export async function listContacts(store: Store, config: Config, time: ZonedTime, limit = 200): Promise<string> {
  const rows = await store.contact.findMany({ orderBy: { lastSeenAt: "desc" }, take: limit });
  if (rows.length === 0) return "机器人还没有收到过任何人的消息。请管理员先在群里或私聊给机器人发一条消息，再运行本命令。";
  const admins = new Set(config.DUBAN_ADMINS);
  const lines = ["名称\tid\t备注\t最近\t在哪里"];
  for (const c of rows) {
    const admin = admins.has(c.id) || (c.alias && admins.has(c.alias)) ? "（管理员）" : "";
    lines.push(`${c.name}${admin}\t${c.id}\t${c.alias || "-"}\t${time.minute(c.lastSeenAt)}\t${c.lastRoom || "私聊"}`);
  }
  lines.push("\nDUBAN_ADMINS 填 id 或备注（备注是机器人账号给对方设置的，对方改不了；显示名称对方自己随时能改，不能用）。");
  return lines.join("\n");
}
