import { DubanError } from "../core/duban-error.ts";
import type { HandlerContext } from "../handlers/handler-context.ts";
import { issueByCode } from "./hot-path-sql.ts";

/** An issue by code, with its unit (from the directory: no join per message). */
export async function findIssueOrThrow(ctx: HandlerContext, code: string) {
  const issue = await issueByCode(ctx.tx, code);
  if (!issue) throw new DubanError("NOT_FOUND", `未找到问题 ${code}，请核对编号`);
  return { ...issue, unit: await ctx.directory.unit(ctx.tx, issue.unitId) };
}
