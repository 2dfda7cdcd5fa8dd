import { mkdir, rename } from "node:fs/promises";
import path from "node:path";
import { fileMessage } from "../outbox/outgoing.ts";
import { DubanError } from "../core/duban-error.ts";
import { STATES } from "../domain/issue-state.ts";
import { stateLabel } from "../format/issue-status.ts";
import { exportLedger } from "../ledger/export-ledger.ts";
import { assertAdmin } from "./authorize.ts";
import { messageStem, reply, type HandlerContext } from "./handler-context.ts";

/**
 * The export runs inside the message's transaction (Prisma's 5 s limit), which holds the
 * store meanwhile: 20,000 issues took 3.4 s. A city-wide ledger is exported on the server.
 */
const CHAT_EXPORT_MAX = 10_000;

/**
 * 导出: the current ledger as an .xlsx, sent to the admin privately (a group would see
 * every unit's problems). The file is named for the message, so a second delivery of it
 * rewrites its own file (a fresh copy renamed into place, never a half-written one under
 * the name being sent) and is then rolled back; the file stays for the sender to read.
 */
export async function exportToAdmin(ctx: HandlerContext): Promise<void> {
  assertAdmin(ctx.actor, "导出台账");
  if (ctx.msg.room) throw new DubanError("FORBIDDEN", "台账不在群里发送，请私聊督办助手发送“导出”。");
  const size = await ctx.tx.issue.count();
  if (size > CHAT_EXPORT_MAX) {
    throw new DubanError("TOO_BIG", `台账有 ${size} 个问题，超过聊天中导出的上限 ${CHAT_EXPORT_MAX} 个，请由系统管理员在服务器上导出（npm run duban -- export 台账.xlsx）。`);
  }
  const dir = path.resolve(ctx.config.DUBAN_DATA_DIR, "exports");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${messageStem(ctx)}.xlsx`);
  const part = `${file}.part.xlsx`;
  const total = await exportLedger(ctx.tx, part, { zonedTime: ctx.time, now: ctx.now });
  await rename(part, file);
  const counts = new Map((await ctx.tx.issue.groupBy({ by: ["state"], _count: { _all: true } })).map((g) => [g.state, g._count._all]));
  reply(ctx, `整改台账共 ${total} 个问题（${STATES.map((s) => `${stateLabel(s)} ${counts.get(s) ?? 0}`).join("，")}），Excel 文件见下条。`);
  const me = { kind: "contact" as const, id: ctx.msg.sender.id, name: ctx.msg.sender.name };
  ctx.out.push(fileMessage(me, { kind: "file", path: file, name: `整改台账-${ctx.today}.xlsx` }));
}
