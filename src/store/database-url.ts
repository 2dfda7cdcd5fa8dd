import path from "node:path";

/** Where the issue store lives: a SQLite file, or a schema in a PostgreSQL database. */
export type DatabaseTarget = { kind: "sqlite"; file: string } | { kind: "postgresql"; connectionString: string; schema: string };

/**
 * `file:./data/duban.db` → a SQLite file (relative to the working directory);
 * `postgresql://user@host:5432/db?schema=duban` → PostgreSQL, in that schema (default public).
 */
export function databaseTarget(url: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const u = new URL(url);
    const schema = u.searchParams.get("schema") || "public";
    u.searchParams.delete("schema");
    return { kind: "postgresql", connectionString: u.toString(), schema };
  }
  const p = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return { kind: "sqlite", file: p === ":memory:" ? p : path.resolve(p) };
}

/** For logs and `status`: the database without its password. */
export function describeTarget(t: DatabaseTarget): string {
  if (t.kind === "sqlite") return t.file;
  const u = new URL(t.connectionString);
  u.password = "";
  return `${u.toString()}（schema ${t.schema}）`;
}
