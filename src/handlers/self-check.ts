import { DubanError } from "../core/duban-error.ts";
import { addDays } from "../core/zoned-time.ts";
import { EVENT } from "../domain/event-type.ts";
import { SELF_CHECK_SOURCE } from "../domain/issue-source.ts";
import { resolveDate } from "../domain/resolve-date.ts";
import { deadlineLabel, shortText } from "../format/issue-status.ts";
import type { CommandOf } from "../parse/command.ts";
import { registerIssue } from "../store/register-issue.ts";
import { recordEvent } from "./record-event.ts";
import type { UnitRef } from "../domain/actor.ts";
import { reply, tellAdmins, type HandlerContext } from "./handler-context.ts";

/** The unit a 自查 is for: the group's unit, or in private the one unit the contact belongs to. */
function selfCheckUnit(ctx: HandlerContext): UnitRef {
  const { actor } = ctx;
  const role = actor.room?.role;
  if (role?.kind === "UNIT") return role.unit;
  if (actor.room) throw new DubanError("FORBIDDEN", "自查问题请在本单位工作群登记");
  // Staff find problems for units by 交办; in private they speak for no unit.
  if (actor.isAdmin) throw new DubanError("FORBIDDEN", "督查室发现的问题请用“交办 <单位名> <日期> <问题描述>”；单位自查请在本单位工作群登记");
  if (actor.units.length === 1) return actor.units[0]!;
  if (actor.units.length > 1) throw new DubanError("FORBIDDEN", `您在多个单位的工作群中（${actor.units.map((u) => u.name).join("、")}），请在对应单位工作群登记自查问题`);
  throw new DubanError("FORBIDDEN", "您尚未加入已绑定的单位工作群，请在单位工作群登记自查问题");
}

/** 自查: a unit registers a problem it found itself (举一反三); to its credit, and the staff are told. */
export async function selfCheck(ctx: HandlerContext, cmd: CommandOf<"selfCheck">): Promise<void> {
  const unit = selfCheckUnit(ctx);
  const deadline = cmd.date ? resolveDate(cmd.date, ctx.today) : addDays(ctx.today, ctx.config.DUBAN_SELF_CHECK_DAYS);
  const label = deadlineLabel(deadline, ctx.today);
  if (deadline < ctx.today) throw new DubanError("BAD_DATE", `整改时限${label}早于今天，请核对日期`);
  const issue = await registerIssue(
    ctx.tx,
    { prefix: ctx.config.DUBAN_CODE_PREFIX, today: ctx.today, now: ctx.now },
    { unitId: unit.id, description: cmd.description, source: SELF_CHECK_SOURCE, deadline, ackPending: false },
  );
  const code = issue.code;
  await recordEvent(ctx, issue.id, { type: EVENT.SELF_FOUND, text: cmd.description, newDeadline: deadline });
  reply(ctx, `已登记${ctx.actor.room ? "" : unit.name}自查问题 ${code}，整改时限${label}。整改中请报送进度：进度 ${code} <说明>`);
  tellAdmins(ctx, `【自查】${unit.name} ${ctx.actor.name} 登记自查问题 ${code}：${shortText(cmd.description, 60)}，整改时限${label}。`);
}
