import type { Outgoing } from "./outgoing.ts";
import type { Store, Tx } from "../store/open-store.ts";
import { insertOutbox } from "../store/hot-path-sql.ts";
import { splitMessage } from "./split-message.ts";

/**
 * Who is sent to first, lowest first: a person waiting for an answer must not wait behind
 * the morning fan-out; the leaders' groups (and notices to the staff) come before the
 * units' reminders, and the units with overdue issues before the rest.
 */
export const PRIORITY = { reply: 0, leaders: 1, overdue: 2, push: 3 } as const;
export type Priority = (typeof PRIORITY)[keyof typeof PRIORITY];

export interface Keyed extends Outgoing {
  /** Unique per logical message: a retry of the same work cannot enqueue it twice. */
  key: string;
  /** Default: an ordinary push. */
  priority?: Priority;
  /** The bot account that must send it (a reply, through the account its message came in by); by default any that can. */
  account?: string | undefined;
}

/** Persists messages to send, split to fit (a file message is never split), in the caller's transaction. */
export async function enqueue(db: Store | Tx, items: Keyed[], now: Date, maxChars: number): Promise<number> {
  const rows = items.flatMap((item) =>
    (item.file ? [item.text] : splitMessage(item.text, maxChars)).map((text, i, all) => ({
      key: all.length > 1 ? `${item.key}#${i + 1}` : item.key,
      roomId: item.target.kind === "room" ? item.target.id : null,
      contactId: item.target.kind === "contact" ? item.target.id : null,
      targetName: item.target.name,
      text,
      filePath: item.file?.path ?? null,
      fileName: item.file?.name ?? null,
      priority: item.priority ?? PRIORITY.push,
      account: item.account ?? null,
      createdAt: now,
      nextAttempt: now,
    })),
  );
  await insertOutbox(db, rows);
  return rows.length;
}
