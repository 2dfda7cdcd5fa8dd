import pg from "pg";
import { databaseTarget, type DatabaseTarget } from "./database-url.ts";
import type { Store } from "./open-store.ts";
import { postgresConfig } from "./postgres-migrations.ts";

/*
 * One bot process per WeChat account. On SQLite one bot holds the whole database (bot-lock.ts),
 * so there is nothing more to hold. On PostgreSQL several processes share the store, one per
 * account: two on the same account would answer everything twice. Each holds a session
 * advisory lock on (schema, account) on a connection of its own, which the server drops
 * with the connection, however the process dies. The connection is named after the account,
 * so `status` and `doctor` can say which accounts are live.
 */

type PostgresTarget = Extract<DatabaseTarget, { kind: "postgresql" }>;

const APP_NAME_PREFIX = "duban ";
const LOCK_CLASS_PREFIX = "duban.account:";
const lockClass = (t: PostgresTarget) => `${LOCK_CLASS_PREFIX}${t.schema}`;

export class AccountTakenError extends Error {
  constructor(readonly account: string) {
    super(`another duban bot is already logged in as ${account} on this database`);
    this.name = "AccountTakenError";
  }
}

export interface AccountLock {
  release(): Promise<void>;
}

/** Holds `account` for this process until released; AccountTakenError when a live process holds it. */
export async function lockAccount(databaseUrl: string, account: string): Promise<AccountLock> {
  const target = databaseTarget(databaseUrl);
  if (target.kind === "sqlite") return { release: async () => undefined };
  const client = new pg.Client({ ...postgresConfig(target), application_name: `${APP_NAME_PREFIX}${account}` });
  // A dropped connection drops the lock; the process has nothing better to do than go on.
  client.on("error", () => undefined);
  await client.connect();
  const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS ok`, [lockClass(target), account]);
  if (!rows[0]?.ok) {
    await client.end();
    throw new AccountTakenError(account);
  }
  return { release: () => client.end() };
}

/** The held account locks of the current schema, by the name of the connection holding each. */
const LIVE_SQL = `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
  WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND l.classid = CAST(hashtext('${LOCK_CLASS_PREFIX}' || current_schema()) AS oid)
  ORDER BY a.application_name`;

const accountOf = (name: string) => name.slice(APP_NAME_PREFIX.length);

/** The accounts a live bot process holds on this PostgreSQL store; null on SQLite (one bot, see bot-lock.ts). */
export async function liveAccounts(databaseUrl: string): Promise<string[] | null> {
  const target = databaseTarget(databaseUrl);
  if (target.kind === "sqlite") return null;
  const client = new pg.Client(postgresConfig(target));
  await client.connect();
  try {
    return (await client.query<{ name: string }>(LIVE_SQL)).rows.map((r) => accountOf(r.name));
  } finally {
    await client.end();
  }
}

/** The same, asked through the store's own connection (PostgreSQL only). */
export async function liveAccountsOf(db: Store): Promise<string[]> {
  return (await db.$queryRawUnsafe<{ name: string }[]>(LIVE_SQL)).map((r) => accountOf(r.name));
}
