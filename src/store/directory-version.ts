import type { Tx } from "../handlers/handler-context.ts";
import type { Store } from "./open-store.ts";

const KEY = "directory.version";

/**
 * Bindings are cached by the bot (read for every message); a change made elsewhere (the
 * CLI, another process) bumps this number, and the bot reloads when it differs.
 */
export async function directoryVersion(db: Store | Tx): Promise<string> {
  const rows = await db.$queryRaw<{ value: string }[]>`SELECT "value" FROM "Meta" WHERE "key" = ${KEY}`;
  return rows[0]?.value ?? "0";
}

export async function bumpDirectoryVersion(db: Store | Tx): Promise<void> {
  await db.$executeRaw`INSERT INTO "Meta" ("key", "value") VALUES (${KEY}, '1')
    ON CONFLICT ("key") DO UPDATE SET "value" = CAST(CAST("value" AS INTEGER) + 1 AS TEXT)`;
}
