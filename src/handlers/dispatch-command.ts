import { helpText } from "../format/help-text.ts";
import { usageHint } from "../format/usage-text.ts";
import type { Command } from "../parse/command.ts";
import { acknowledgeIssue } from "./acknowledge-issue.ts";
import { approveExtension } from "./approve-extension.ts";
import { assignIssue } from "./assign-issue.ts";
import { bindRoom, unbindRoom } from "./bind-room.ts";
import { claimCompletion } from "./claim-completion.ts";
import { completeMilestone } from "./complete-milestone.ts";
import { exportToAdmin } from "./export-to-admin.ts";
import { reply, type HandlerContext } from "./handler-context.ts";
import { listByLight } from "./list-by-light.ts";
import { listNotices } from "./list-notices.ts";
import { listOverdue } from "./list-overdue.ts";
import { listUnitIssues } from "./list-unit-issues.ts";
import { queryIssue } from "./query-issue.ts";
import { recordReports } from "./record-reports.ts";
import { recordReview } from "./record-review.ts";
import { refuseExtension } from "./refuse-extension.ts";
import { reportProgress } from "./report-progress.ts";
import { requestExtension } from "./request-extension.ts";
import { selfCheck } from "./self-check.ts";
import { sendBulletin } from "./send-bulletin.ts";
import { sendAttachments } from "./send-attachments.ts";
import { setPlan } from "./set-plan.ts";
import { showDigest } from "./show-digest.ts";
import { verifyCompletion } from "./verify-completion.ts";

export const NOT_UNDERSTOOD = "没看懂这条消息。发送“帮助”查看可用命令，例如：进度 ZG-2026-003 管网铺设60%";

/** One command → its handler. `null` is a message for the bot that says nothing it knows. */
export async function dispatchCommand(ctx: HandlerContext, cmd: Command | null): Promise<void> {
  if (!cmd) return reply(ctx, NOT_UNDERSTOOD);
  switch (cmd.type) {
    case "help":
      return reply(ctx, helpText(ctx.actor));
    case "usage":
      return reply(ctx, usageHint(cmd.command, cmd.problem));
    case "ambiguous":
      return reply(
        ctx,
        `引用的消息包含 ${cmd.codes.length} 个问题（${cmd.codes.slice(0, 5).join("、")}${cmd.codes.length > 5 ? "等" : ""}），请注明是哪一个，例如：${cmd.codes[0]} ${cmd.intent === "complete" ? "已完成" : "<进展情况>"}`,
      );
    case "query":
      return queryIssue(ctx, cmd);
    case "list":
      return listUnitIssues(ctx, cmd);
    case "listLight":
      return listByLight(ctx, cmd);
    case "overdue":
      return listOverdue(ctx, cmd);
    case "progress":
      return reportProgress(ctx, cmd);
    case "complete":
      return claimCompletion(ctx, cmd);
    case "reports":
      return recordReports(ctx, cmd);
    case "extend":
      return requestExtension(ctx, cmd);
    case "stats":
      return showDigest(ctx, cmd);
    case "bind":
      return bindRoom(ctx, cmd);
    case "unbind":
      return unbindRoom(ctx);
    case "verify":
      return verifyCompletion(ctx, cmd);
    case "approveExtension":
      return approveExtension(ctx, cmd);
    case "review":
      return recordReview(ctx, cmd);
    case "assign":
      return assignIssue(ctx, cmd);
    case "acknowledge":
      return acknowledgeIssue(ctx, cmd);
    case "selfCheck":
      return selfCheck(ctx, cmd);
    case "refuseExtension":
      return refuseExtension(ctx, cmd);
    case "export":
      return exportToAdmin(ctx);
    case "bulletin":
      return sendBulletin(ctx);
    case "attachments":
      return sendAttachments(ctx, cmd);
    case "notices":
      return listNotices(ctx, cmd);
    case "plan":
      return setPlan(ctx, cmd);
    case "milestoneDone":
      return completeMilestone(ctx, cmd);
  }
}
