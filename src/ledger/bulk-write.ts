import type { Prisma } from "../generated/prisma/client.ts";
import type { LedgerFields } from "./issue-changes.ts";
import type { MilestoneWrite } from "./import-plan.ts";
import type { StoredMilestone } from "../domain/milestone-plan.ts";

// Bulk writes as one SQL statement per table, the rows passed as a single JSON
// parameter and unpacked by SQLite's json_each. Measured on 10,000 issues: Prisma's
// createMany takes 2–5 s (per-value overhead in its query interpreter), multi-row
// VALUES through $executeRaw ~0.8 s, this ~0.2 s. SQLite-specific, like openStore.
// DateTime values must be stored exactly as the Prisma SQLite adapter stores them
// (`…T00:00:00.000+00:00`), or Prisma's equality filters would miss them: a Date
// parameter is formatted by the adapter itself, one inside the JSON by adapterDateTime.

type Tx = Prisma.TransactionClient;

const FIELDS = ["description", "unitId", "deadline", "assignedOn", "source", "category", "coUnits", "leader", "measures", "state", "dailyReport"] as const satisfies readonly (keyof LedgerFields)[];

export interface IssueWrite {
  code: string;
  fields: LedgerFields;
  closedAt: Date | null;
}

/**
 * The JSON goes in as UTF-8 bytes, cast back to text in SQL: Prisma's wasm query
 * layer handles a long string parameter of Chinese text at ~0.7 µs per character
 * (~0.5 s for 10,000 issues), a byte parameter several times faster.
 */
function jsonParam(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), "utf8");
}
const ROWS = "json_each(CAST(? AS TEXT))";

/** The adapter's default `iso8601` timestamp format. */
export function adapterDateTime(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

function issueJson(rows: IssueWrite[]): Buffer {
  return jsonParam(rows.map((r) => [r.code, r.closedAt ? adapterDateTime(r.closedAt) : null, ...FIELDS.map((f) => r.fields[f])]));
}
// j.value->>0 is the code, ->>1 closedAt, then FIELDS in order.
const FIELD_EXPR = FIELDS.map((f, i) => [f, `j.value->>${i + 2}`] as const);

export async function insertIssues(tx: Tx, rows: IssueWrite[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "Issue" ("code", "closedAt", ${FIELDS.map((f) => `"${f}"`).join(", ")}, "createdAt", "updatedAt")
     SELECT j.value->>0, j.value->>1, ${FIELD_EXPR.map(([, e]) => e).join(", ")}, ?, ? FROM ${ROWS} AS j`,
    now,
    now,
    issueJson(rows),
  );
}

/** Rewrites every ledger field of the given issues (matched by code) and their closedAt. */
export async function updateIssues(tx: Tx, rows: IssueWrite[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `UPDATE "Issue" SET "closedAt" = j.value->>1, ${FIELD_EXPR.map(([f, e]) => `"${f}" = ${e}`).join(", ")}, "updatedAt" = ?
     FROM ${ROWS} AS j WHERE "Issue"."code" = j.value->>0`,
    now,
    issueJson(rows),
  );
}

export interface EventWrite {
  code: string;
  type: string;
  text: string;
  fromState: string | null;
  toState: string | null;
  oldDeadline: string | null;
  newDeadline: string | null;
}

/** History rows for issues named by code; actor and time are the same for a whole import. */
export async function insertEvents(tx: Tx, events: EventWrite[], actor: string, now: Date): Promise<void> {
  if (events.length === 0) return;
  const json = jsonParam(events.map((e) => [e.code, e.type, e.text, e.fromState, e.toState, e.oldDeadline, e.newDeadline]));
  await tx.$executeRawUnsafe(
    `INSERT INTO "IssueEvent" ("issueId", "type", "text", "fromState", "toState", "oldDeadline", "newDeadline", "actorId", "actorName", "at")
     SELECT i."id", j.value->>1, j.value->>2, j.value->>3, j.value->>4, j.value->>5, j.value->>6, ?, ?, ?
     FROM ${ROWS} AS j JOIN "Issue" AS i ON i."code" = j.value->>0`,
    actor,
    actor,
    now,
    json,
  );
}

/** The ledger fields of the stored issues among `codes`, by one JSON parameter. */
export async function findIssuesByCode(tx: Tx, codes: string[]): Promise<(LedgerFields & { id: number; code: string; closedAt: Date | null })[]> {
  if (codes.length === 0) return [];
  const rows = await tx.$queryRawUnsafe<(LedgerFields & { id: number; code: string; closedAt: string | null })[]>(
    `SELECT "id", "code", "closedAt", ${FIELDS.map((f) => `"${f}"`).join(", ")} FROM "Issue" WHERE "code" IN (SELECT value FROM ${ROWS})`,
    jsonParam(codes),
  );
  return rows.map((r) => ({ ...r, closedAt: r.closedAt === null ? null : new Date(r.closedAt) }));
}

/** The milestones of the stored issues among `codes`, in seq order, by code. */
export async function findMilestonesByCode(tx: Tx, codes: string[]): Promise<Map<string, StoredMilestone[]>> {
  const byCode = new Map<string, StoredMilestone[]>();
  if (codes.length === 0) return byCode;
  const rows = await tx.$queryRawUnsafe<{ code: string; due: string; text: string; doneAt: string | null; note: string }[]>(
    `SELECT i."code", m."due", m."text", m."doneAt", m."note" FROM "Milestone" AS m JOIN "Issue" AS i ON i."id" = m."issueId"
     WHERE i."code" IN (SELECT value FROM ${ROWS}) ORDER BY m."issueId", m."seq"`,
    jsonParam(codes),
  );
  for (const r of rows) {
    const list = byCode.get(r.code) ?? [];
    list.push({ due: r.due, text: r.text, doneAt: r.doneAt === null ? null : new Date(r.doneAt), note: r.note });
    byCode.set(r.code, list);
  }
  return byCode;
}

/** Replaces the milestones of the issues named by code, numbering each plan from 1. */
export async function replaceMilestones(tx: Tx, writes: MilestoneWrite[]): Promise<void> {
  if (writes.length === 0) return;
  await tx.$executeRawUnsafe(
    `DELETE FROM "Milestone" WHERE "issueId" IN (SELECT i."id" FROM ${ROWS} AS j JOIN "Issue" AS i ON i."code" = j.value)`,
    jsonParam(writes.map((w) => w.code)),
  );
  const rows = writes.flatMap((w) => w.milestones.map((m, i) => [w.code, i + 1, m.due, m.text, m.doneAt ? adapterDateTime(m.doneAt) : null, m.note]));
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "Milestone" ("issueId", "seq", "due", "text", "doneAt", "note")
     SELECT i."id", j.value->>1, j.value->>2, j.value->>3, j.value->>4, j.value->>5 FROM ${ROWS} AS j JOIN "Issue" AS i ON i."code" = j.value->>0`,
    jsonParam(rows),
  );
}
