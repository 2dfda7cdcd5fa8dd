import { fileMessage, type Outgoing } from "../outbox/outgoing.ts";
import type { CommandOf } from "../parse/command.ts";
import { findIssueOrThrow } from "./find-issue.ts";
import { assertAdmin } from "./authorize.ts";
import { reply, type HandlerContext } from "./handler-context.ts";

/** Files sent for one request: a phone chat with a hundred files in it is of no use. */
const MAX_FILES = 20;

/**
 * 附件 <编号>: the issue's photos and files, newest last, always to the admin privately
 * (evidence can show people and sites a group should not see), asked from anywhere.
 */
export async function sendAttachments(ctx: HandlerContext, cmd: CommandOf<"attachments">): Promise<void> {
  assertAdmin(ctx.actor, "调取佐证材料");
  const issue = await findIssueOrThrow(ctx, cmd.code);
  const all = await ctx.tx.attachment.findMany({
    where: { issueId: issue.id },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { kind: true, fileName: true, path: true },
  });
  if (all.length === 0) return reply(ctx, `${issue.code} 还没有照片或文件。`);
  const sent = all.slice(-MAX_FILES);
  const photos = sent.filter((a) => a.kind === "image").length;
  const parts = [...(photos ? [`照片 ${photos} 张`] : []), ...sent.filter((a) => a.kind !== "image").map((a) => a.fileName)];
  const older = all.length - sent.length;
  const me = { kind: "contact" as const, id: ctx.msg.sender.id, name: ctx.msg.sender.name };
  const listing: Outgoing = {
    target: me,
    text: `${issue.code} 的附件 ${all.length} 个：${parts.join("、")}${older ? `（较早的 ${older} 个未发送）` : ""}。`,
  };
  if (ctx.msg.room) reply(ctx, `已私信发送 ${issue.code} 的 ${sent.length} 个附件。`);
  ctx.out.push(listing, ...sent.map((a) => fileMessage(me, { kind: a.kind === "image" ? "image" : "file", path: a.path, name: a.fileName })));
}
