import { DubanError } from "../core/duban-error.ts";
import { addDays } from "../core/zoned-time.ts";
import { EVENT } from "../domain/event-type.ts";
import { ASSIGNED_SOURCE } from "../domain/issue-source.ts";
import { resolveDate } from "../domain/resolve-date.ts";
import { deadlineLabel } from "../format/issue-status.ts";
import type { CommandOf } from "../parse/command.ts";
import { findUnitByName, unitNotFound } from "../store/find-unit.ts";
import { registerIssue } from "../store/register-issue.ts";
import { recordEvent } from "./record-event.ts";
import { assertAdmin } from "./authorize.ts";
import { reply, type HandlerContext } from "./handler-context.ts";

/** The first line of every 交办通知: a quoted reply to it is read by this mark (interpret-message). */
const ASSIGNMENT_MARK = "【交办通知】";

function assignmentNotice(code: string, unitName: string, description: string, deadline: string): string {
  return [
    `${ASSIGNMENT_MARK}${code}`,
    `${unitName}：督查室交办问题一件，请抓紧整改。`,
    `问题：${description}`,
    `整改时限：${deadline}`,
    `请回复：签收 ${code}，或引用本消息回复“收到”。`,
  ].join("\n");
}

/** 交办: staff register a problem found by 暗访, 通报 or 群众投诉 for a unit, which must acknowledge it. */
export async function assignIssue(ctx: HandlerContext, cmd: CommandOf<"assign">): Promise<void> {
  assertAdmin(ctx.actor, "交办问题");
  const found = await findUnitByName(ctx.tx, cmd.unitName);
  if (!found.unit) throw unitNotFound(cmd.unitName, found);
  const unit = found.unit;
  const deadline =
    cmd.deadline === null ? null : cmd.deadline === "immediate" ? addDays(ctx.today, ctx.config.DUBAN_IMMEDIATE_DAYS) : resolveDate(cmd.deadline, ctx.today);
  const label = deadlineLabel(deadline, ctx.today);
  if (deadline !== null && deadline < ctx.today) throw new DubanError("BAD_DATE", `整改时限${label}早于今天，请核对日期`);
  const issue = await registerIssue(
    ctx.tx,
    { prefix: ctx.config.DUBAN_CODE_PREFIX, today: ctx.today, now: ctx.now },
    { unitId: unit.id, description: cmd.description, source: ASSIGNED_SOURCE, deadline, ackPending: true },
  );
  const code = issue.code;
  // Photos and files this admin sends right after, in this chat, are kept as the problem's evidence (attach-evidence).
  await recordEvent(ctx, issue.id, { type: EVENT.ASSIGNED, text: cmd.description, ...(deadline ? { newDeadline: deadline } : {}) });
  const notice = assignmentNotice(code, unit.name, cmd.description, label);
  const rooms = await ctx.tx.roomBinding.findMany({ where: { unitId: unit.id, kind: "UNIT" }, orderBy: { id: "asc" } });
  const here = rooms.some((r) => r.roomId === ctx.msg.room?.id);
  // Said in the unit's own group: the notice is the answer (it is what the unit quotes to acknowledge).
  if (here) reply(ctx, notice);
  else if (rooms.length === 0) {
    reply(ctx, `已交办 ${code} 给${unit.name}，整改时限${label}。${unit.name}尚未绑定工作群，交办通知无法送达；请在该单位工作群发送“绑定 ${unit.name}”后，再将编号告知该单位。`);
  } else {
    reply(ctx, `已交办 ${code} 给${unit.name}，整改时限${label}；交办通知已发往${rooms.map((r) => r.topic).join("、")}。`);
  }
  for (const r of rooms) {
    if (r.roomId !== ctx.msg.room?.id) ctx.out.push({ target: { kind: "room", id: r.roomId, name: r.topic }, text: notice });
  }
}
