import type { DateSpec } from "../domain/resolve-date.ts";
import { parseDateAtStart } from "./parse-date.ts";

/** Milestones are separated by ；, ; or line breaks, in chat and in the ledger's 整改节点. */
const SEPARATOR = /[；;\r\n]+/;
// The date and a 前 after it (`12月10日前完成…`), read by parseDateAtStart; not 前期.
const DATE_LEAD = /^[\d０-９年月日号底\-/.－／．\s]+(?:(?:之前|以前|前)(?![期提夕景]))?/;

/** One `<日期> <内容>` of a plan, its date not yet placed in a year (that needs the deadline). */
export type PlanStep = { ok: true; date: DateSpec; text: string } | { ok: false; reason: "missing" | "invalid"; dateText?: string };

/** The non-empty parts of a plan, trimmed, as written. */
export function splitPlan(text: string): string[] {
  return text
    .split(SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** `12月10日 完成设备采购` → its date and its text. Only the date is read in NFKC (１２月１０日); the text stays as written. */
export function readPlanStep(part: string): PlanStep {
  const lead = DATE_LEAD.exec(part)?.[0] ?? "";
  const date = parseDateAtStart(lead.normalize("NFKC"));
  if (!date.ok) return date.text === undefined ? { ok: false, reason: date.reason } : { ok: false, reason: date.reason, dateText: date.text };
  return { ok: true, date: date.date, text: (date.rest + part.slice(lead.length)).replace(/^[\s:：，,、]+/, "").trim() };
}
