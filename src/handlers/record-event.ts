import type { EventType } from "../domain/event-type.ts";
import { isLegalMove } from "../domain/issue-state.ts";
import { insertEvent } from "../store/hot-path-sql.ts";
import type { HandlerContext } from "./handler-context.ts";

export interface EventFields {
  type: EventType;
  text?: string;
  percent?: number | undefined;
  fromState?: string;
  toState?: string;
  oldDeadline?: string;
  newDeadline?: string;
}

/** Appends to an issue's history: who, when, where, and the message as it was typed. */
export function recordEvent(ctx: HandlerContext, issueId: number, e: EventFields): Promise<void> {
  // A handler that tried an illegal move is a bug: fail the message rather than store it.
  if (e.fromState && e.toState && !isLegalMove(e.fromState, e.toState)) {
    return Promise.reject(new Error(`illegal state move ${e.fromState} -> ${e.toState} (${e.type})`));
  }
  return insertEvent(ctx.tx, {
    issueId,
    type: e.type,
    text: e.text ?? "",
    percent: e.percent ?? null,
    fromState: e.fromState ?? null,
    toState: e.toState ?? null,
    oldDeadline: e.oldDeadline ?? null,
    newDeadline: e.newDeadline ?? null,
    actorId: ctx.actor.id,
    actorName: ctx.actor.name,
    roomId: ctx.msg.room?.id ?? null,
    messageId: ctx.msg.id,
    rawMessage: ctx.msg.text,
    at: ctx.now,
  });
}
