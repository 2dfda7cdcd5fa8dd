import { createHash } from "node:crypto";

/**
 * The database URL a test uses for the store it would keep in `file`: that SQLite file,
 * or, when the suite runs on PostgreSQL (test/support/postgres-setup.ts), a schema named
 * for the file, so a test that reopens its database finds it again.
 */
export function testDatabaseUrl(file: string): string {
  const server = process.env.DUBAN_TEST_DATABASE_URL;
  if (!server) return `file:${file}`;
  const url = new URL(server);
  url.searchParams.set("schema", `t_${createHash("sha1").update(file).digest("hex").slice(0, 20)}`);
  return url.toString();
}

export const onPostgres = () => Boolean(process.env.DUBAN_TEST_DATABASE_URL);

/**
 * The environment a simulator run starts from: on PostgreSQL the suite's database, where the
 * simulator makes (and drops) a schema of its own, as `simulate` does with DATABASE_URL set.
 */
export function simulatorEnv(): Record<string, string> {
  const server = process.env.DUBAN_TEST_DATABASE_URL;
  return server ? { DATABASE_URL: server } : {};
}
