import { EVENT } from "../domain/event-type.ts";
import { formatIssueCard } from "../format/format-issue-card.ts";
import type { CommandOf } from "../parse/command.ts";
import { findIssueOrThrow } from "../store/find-issue.ts";
import { assertCanView } from "./authorize.ts";
import { reply, type HandlerContext } from "./handler-context.ts";

export async function queryIssue(ctx: HandlerContext, cmd: CommandOf<"query">): Promise<void> {
  const issue = await findIssueOrThrow(ctx, cmd.code);
  assertCanView(ctx.actor, issue);
  const events = await ctx.tx.issueEvent.findMany({
    where: { issueId: issue.id, type: { notIn: [EVENT.IMPORT_CREATE, EVENT.IMPORT_UPDATE] } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: 3,
  });
  reply(ctx, formatIssueCard(issue, events, ctx.today, ctx.time));
}
