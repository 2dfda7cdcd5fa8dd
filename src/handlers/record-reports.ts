import { DubanError } from "../core/duban-error.ts";
import type { CommandOf } from "../parse/command.ts";
import { NO_EVIDENCE, NO_EVIDENCE_LABEL } from "../format/no-evidence.ts";
import { findIssueOrThrow } from "./find-issue.ts";
import { withoutEvidence } from "../store/without-evidence.ts";
import { claimCompletion, recordCompletion } from "./claim-completion.ts";
import { reply, tellAdmins, type HandlerContext } from "./handler-context.ts";
import { recordProgress, reportProgress } from "./report-progress.ts";

/**
 * A unit's message reporting on several issues, or on one named inside it: each is
 * recorded as if reported alone, and the sender gets one reply. A refusal for one code
 * (already 待核实, closed) is said in that reply and does not stop the others; refusals
 * are thrown before anything is written, so nothing is left half done.
 */
export async function recordReports(ctx: HandlerContext, cmd: CommandOf<"reports">): Promise<void> {
  const [only] = cmd.reports;
  if (only && cmd.reports.length === 1 && cmd.others.length === 0) {
    return only.type === "complete" ? claimCompletion(ctx, only) : reportProgress(ctx, only);
  }
  const lines: string[] = [];
  const claimed: Claimed[] = [];
  for (const r of cmd.reports) {
    try {
      if (r.type === "complete") claimed.push({ ...(await recordCompletion(ctx, r)), note: r.note });
      else lines.push(await recordProgress(ctx, r));
    } catch (err) {
      if (!(err instanceof DubanError)) throw err;
      lines.push(err.userMessage);
    }
  }
  if (claimed.length > 0) {
    lines.unshift(`已收到 ${claimed.map((c) => c.code).join("、")} 整改完成报告，状态改为待核实，督查室将现场核实后销号。可补发现场照片作为佐证。`);
  }
  if (cmd.others.length > 0) {
    const owners = await Promise.all(cmd.others.map(async (code) => `${code}（${(await findIssueOrThrow(ctx, code)).unit.name}）`));
    lines.push(`以下编号不属于本单位，未记录：${owners.join("、")}`);
  }
  reply(ctx, lines.join("\n"));
  if (claimed.length > 0) tellAdmins(ctx, adminNotice(ctx, claimed, await withoutEvidence(ctx.tx, claimed.map((c) => c.issueId))));
}

type Claimed = { code: string; unitName: string; issueId: number; note: string };

function adminNotice(ctx: HandlerContext, claimed: Claimed[], bare: Set<number>): string {
  const [first] = claimed;
  const who = `${first!.unitName} ${ctx.actor.name}`;
  if (claimed.length === 1) {
    const { code, note } = first!;
    return `【待核实】${who} 报 ${code} 整改完成${bare.size ? NO_EVIDENCE : ""}${note ? `：${note}` : ""}\n核实后回复：核实 ${code} 通过，或 核实 ${code} 退回 <理由>`;
  }
  const sameNote = claimed.every((c) => c.note === first!.note);
  const items = sameNote
    ? `${claimed.map((c) => c.code).join("、")}${first!.note ? `：${first!.note}` : ""}`
    : claimed.map((c) => `${c.code}${c.note ? `：${c.note}` : ""}`).join("\n");
  const unbacked = claimed.filter((c) => bare.has(c.issueId)).map((c) => c.code);
  const flagged = unbacked.length ? `\n${NO_EVIDENCE_LABEL}：${unbacked.join("、")}` : "";
  return `【待核实】${who} 报 ${claimed.length} 个问题整改完成：\n${items}${flagged}\n核实后回复：核实 <编号> 通过，或 核实 <编号> 退回 <理由>`;
}
