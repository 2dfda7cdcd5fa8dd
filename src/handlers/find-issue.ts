import { DubanError } from "../core/duban-error.ts";
import { codeKey } from "../parse/issue-code.ts";
import { issueByCode, issuesByCodeKey } from "../store/hot-path-sql.ts";
import type { HandlerContext } from "./handler-context.ts";

/**
 * An issue by code, with its unit (from the directory: no join per message). A code
 * typed without its separators (`进度 ZG2026013 …`) is the one issue that matches it.
 */
export async function findIssueOrThrow(ctx: HandlerContext, code: string) {
  let issue = await issueByCode(ctx.tx, code);
  if (!issue) {
    const loose = await issuesByCodeKey(ctx.tx, [codeKey(code)]);
    if (loose.length === 1) issue = await issueByCode(ctx.tx, loose[0]!.code);
  }
  if (!issue) throw new DubanError("NOT_FOUND", `未找到问题 ${code}，请核对编号`);
  return { ...issue, unit: await ctx.directory.unit(ctx.tx, issue.unitId) };
}
