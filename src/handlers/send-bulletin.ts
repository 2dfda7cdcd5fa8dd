import path from "node:path";
import { fileMessage } from "../outbox/outgoing.ts";
import { DubanError } from "../core/duban-error.ts";
import { recordBulletin } from "../paper/bulletin-number.ts";
import { prepareBulletin, saveBulletin } from "../paper/make-bulletin.ts";
import { assertAdmin } from "./authorize.ts";
import { messageStem, reply, type HandlerContext } from "./handler-context.ts";

/**
 * It is read and laid out inside the message's transaction (Prisma's 5 s limit), like 导出:
 * 100,000 issues in 1,000 units took 4 s to read and 5 s to lay out. A ledger that size
 * gets its paper from the weekly job or on the server.
 */
const CHAT_BULLETIN_MAX = 10_000;

/**
 * 通报: the week's 情况通报 (Monday to today, or on the week's first working day last
 * week's) as a .docx, sent to the admin privately. The week's first one takes the year's
 * next number; asked again, it keeps it.
 */
export async function sendBulletin(ctx: HandlerContext): Promise<void> {
  assertAdmin(ctx.actor, "生成情况通报");
  if (ctx.msg.room) throw new DubanError("FORBIDDEN", "情况通报不在群里发送，请私聊督办助手发送“通报”。");
  const size = await ctx.tx.issue.count();
  if (size > CHAT_BULLETIN_MAX) {
    throw new DubanError(
      "TOO_BIG",
      `台账有 ${size} 个问题，超过聊天中生成通报的上限 ${CHAT_BULLETIN_MAX} 个，请由系统管理员在服务器上生成（npm run duban -- bulletin 通报.docx），或设置每周定时发送（DUBAN_BULLETIN_TIME）。`,
    );
  }
  const b = await prepareBulletin(ctx.tx, { config: ctx.config, time: ctx.time, calendar: ctx.calendar, day: ctx.today });
  await recordBulletin(ctx.tx, b.week, b.number, ctx.now);
  const file = path.resolve(ctx.config.DUBAN_DATA_DIR, "bulletins", `${messageStem(ctx)}.docx`);
  await saveBulletin(file, b.docx);
  reply(ctx, `${b.summary}Word 文件见下条。`);
  const me = { kind: "contact" as const, id: ctx.msg.sender.id, name: ctx.msg.sender.name };
  ctx.out.push(fileMessage(me, { kind: "file", path: file, name: b.fileName }));
}
