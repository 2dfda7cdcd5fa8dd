import { EVENT } from "../domain/event-type.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { loadLit } from "../store/light-sql.ts";
import { formatIssueCard } from "../format/format-issue-card.ts";
import type { CommandOf } from "../parse/command.ts";
import { findIssueOrThrow } from "./find-issue.ts";
import { recentEvents } from "../store/hot-path-sql.ts";
import { issueMilestones } from "../store/issue-milestones.ts";

/** What a unit or a leader wants to see on the card: reports and decisions, not imports (督办单 and the plan have lines of their own). */
const HIDDEN: string[] = [EVENT.IMPORT_CREATE, EVENT.IMPORT_UPDATE, EVENT.NOTICE_ISSUED, EVENT.PLAN_SET];
const CARD_EVENTS = Object.values(EVENT).filter((t) => !HIDDEN.includes(t));
import { assertCanView } from "./authorize.ts";
import { lightRulesOf, reply, type HandlerContext } from "./handler-context.ts";

export async function queryIssue(ctx: HandlerContext, cmd: CommandOf<"query">): Promise<void> {
  const issue = await findIssueOrThrow(ctx, cmd.code);
  assertCanView(ctx.actor, issue);
  const events = await recentEvents(ctx.tx, issue.id, CARD_EVENTS, 3);
  const kept = await ctx.tx.attachment.groupBy({ by: ["kind"], where: { issueId: issue.id }, _count: { _all: true } });
  const count = (kind: string) => kept.find((k) => k.kind === kind)?._count._all ?? 0;
  const [lit] = await loadLit(ctx.tx, lightRulesOf(ctx), Prisma.sql`i."id" = ${issue.id}`);
  const notices = await ctx.tx.supervisionNotice.findMany({ where: { issueId: issue.id }, orderBy: { issuedAt: "asc" }, select: { colour: true, year: true, number: true } });
  const milestones = await issueMilestones(ctx.tx, issue.id);
  const evidence = { images: count("image"), files: count("file") };
  reply(ctx, formatIssueCard(issue, events, ctx.today, ctx.time, evidence, { light: lit ?? null, notices }, milestones));
}
