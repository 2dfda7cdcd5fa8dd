import { Prisma } from "../generated/prisma/client.ts";
import type { Store, Tx } from "./open-store.ts";

/**
 * The pieces of the hand-written SQL that SQLite and PostgreSQL spell differently. A query
 * asks `sqlFor(db)` for them, so it reads the same on both stores and never knows which
 * one runs. Everything else is written in the SQL both understand: `= true` for booleans,
 * `COUNT(*) FILTER (WHERE …)`, `LIKE`, quoted identifiers, window functions, ON CONFLICT.
 */
export interface SqlDialect {
  /** For the few statements that exist on one store only (the outbox's FOR UPDATE SKIP LOCKED). */
  name: "sqlite" | "postgresql";
  /**
   * `FROM ${d.jsonRows(rows)} AS j`: one row per element of `rows`, as `j.value`; read
   * element n of an array row with `d.jsonField("j", n, type)`. One parameter, whatever
   * the count: never past a driver's limit on bound parameters, and fast.
   */
  jsonRows(rows: unknown[]): Prisma.Sql;
  /** Element `n` of the array row `alias.value`, as a value of `type` (a date-time as the JSON string `adapterDateTime` wrote). */
  jsonField(alias: string, n: number, type: SqlType): Prisma.Sql;
  /** `expr` is one of `values` (ids or codes), passed as one parameter. */
  inList(expr: Prisma.Sql, values: readonly (number | string)[]): Prisma.Sql;
  /** `text` holds `part` as it is (no wildcards, case counts). */
  contains(text: Prisma.Sql, part: string): Prisma.Sql;
  /** Whole days from `earlier` to `later`, both YYYY-MM-DD text. */
  daysBetween(later: Prisma.Sql, earlier: Prisma.Sql): Prisma.Sql;
  /** The YYYY-MM-DD day of a stored UTC instant, shifted by `minutes` (the zone's offset). */
  dayOf(instant: Prisma.Sql, minutes: number): Prisma.Sql;
  /** Smallest / largest of the values (SQLite's scalar MIN/MAX, PostgreSQL's LEAST/GREATEST). */
  least(...values: Prisma.Sql[]): Prisma.Sql;
  greatest(...values: Prisma.Sql[]): Prisma.Sql;
  /** A non-negative number rounded half up to an integer. */
  roundHalfUp(value: Prisma.Sql): Prisma.Sql;
  /** A value of `type`: a date-time parameter or a JSON string made a timestamp, text made an integer. */
  cast(value: Prisma.Sql, type: SqlType): Prisma.Sql;
}

export type SqlType = "int" | "text" | "bool" | "timestamp";

const raw = Prisma.raw;
const join = (values: Prisma.Sql[]) => Prisma.join(values, ", ");

/**
 * Stored date-times are text on SQLite (`…T00:00:00.000+00:00`, the adapter's format) and
 * compare as text; the JSON carries them in that format, so they go in unchanged.
 */
const sqlite: SqlDialect = {
  name: "sqlite",
  jsonRows: (rows) => Prisma.sql`json_each(CAST(${Buffer.from(JSON.stringify(rows), "utf8")} AS TEXT))`,
  jsonField: (alias, n) => raw(`${alias}.value->>${n}`),
  inList: (expr, values) => Prisma.sql`${expr} IN (SELECT value FROM json_each(CAST(${Buffer.from(JSON.stringify(values), "utf8")} AS TEXT)))`,
  contains: (text, part) => Prisma.sql`instr(${text}, ${part}) > 0`,
  daysBetween: (later, earlier) => Prisma.sql`(julianday(${later}) - julianday(${earlier}))`,
  dayOf: (instant, minutes) => Prisma.sql`date(${instant}, ${`${minutes >= 0 ? "+" : ""}${minutes} minutes`})`,
  least: (...v) => Prisma.sql`MIN(${join(v)})`,
  greatest: (...v) => Prisma.sql`MAX(${join(v)})`,
  roundHalfUp: (v) => Prisma.sql`CAST(${v} + 0.5 AS INTEGER)`,
  cast: (v, type) => (type === "int" ? Prisma.sql`CAST(${v} AS INTEGER)` : v),
};

const PG_TYPE: Record<SqlType, string> = { int: "integer", text: "text", bool: "boolean", timestamp: "timestamp(3)" };

const postgresql: SqlDialect = {
  name: "postgresql",
  jsonRows: (rows) => Prisma.sql`jsonb_array_elements(CAST(${JSON.stringify(rows)} AS jsonb))`,
  jsonField: (alias, n, type) => raw(`CAST(${alias}.value->>${n} AS ${PG_TYPE[type]})`),
  inList: (expr, values) =>
    typeof values[0] === "number" ? Prisma.sql`${expr} = ANY(CAST(${values} AS integer[]))` : Prisma.sql`${expr} = ANY(CAST(${values} AS text[]))`,
  contains: (text, part) => Prisma.sql`strpos(${text}, ${part}) > 0`,
  daysBetween: (later, earlier) => Prisma.sql`(CAST(${later} AS date) - CAST(${earlier} AS date))`,
  dayOf: (instant, minutes) => Prisma.sql`to_char(${instant} + make_interval(mins => ${minutes}), 'YYYY-MM-DD')`,
  least: (...v) => Prisma.sql`LEAST(${join(v)})`,
  greatest: (...v) => Prisma.sql`GREATEST(${join(v)})`,
  roundHalfUp: (v) => Prisma.sql`CAST(FLOOR(${v} + 0.5) AS INTEGER)`,
  cast: (v, type) => Prisma.sql`CAST(${v} AS ${raw(PG_TYPE[type])})`,
};

/**
 * The dialect of a client (a transaction client carries it too), so one process can hold
 * both kinds of store: the bench and the tests do.
 */
export function sqlFor(db: Store | Tx): SqlDialect {
  return (db as unknown as { _activeProvider: string })._activeProvider === "postgresql" ? postgresql : sqlite;
}
