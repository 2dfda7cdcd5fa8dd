import pg from "pg";

/**
 * With DUBAN_TEST_STORE=postgresql (`npm run test:postgresql`) the suite runs on a fresh
 * PostgreSQL database, dropped at the end; each test database is a schema in it
 * (testDatabaseUrl). The C collation sorts names as SQLite does: by code point.
 */
export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.DUBAN_TEST_STORE !== "postgresql") return;
  const server = process.env.DUBAN_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `duban_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  process.env.DUBAN_TEST_DATABASE_URL = url.toString();
  return async () => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  };
}
