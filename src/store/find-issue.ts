import { DubanError } from "../core/duban-error.ts";
import type { Tx } from "../handlers/handler-context.ts";

export async function findIssueOrThrow(tx: Tx, code: string) {
  const issue = await tx.issue.findUnique({ where: { code }, include: { unit: true } });
  if (!issue) throw new DubanError("NOT_FOUND", `未找到问题 ${code}，请核对编号`);
  return issue;
}

export type IssueWithUnit = Awaited<ReturnType<typeof findIssueOrThrow>>;
