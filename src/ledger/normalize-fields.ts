import { identityKey, wellFormed } from "../core/identity.ts";
import { formatDay } from "../core/zoned-time.ts";
import type { RawCell } from "./raw-sheet.ts";

/**
 * A cell as text, trimmed and well formed (a NUL from a damaged file dropped, as from chat:
 * PostgreSQL's text refuses it); a date typed into a text column reads as `2026-12-31`.
 */
export function cellText(value: RawCell | undefined): string {
  if (value == null) return "";
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? ""
      : formatDay(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  return wellFormed(String(value)).trim();
}

/** The code as chat reads it: the same identity normalisation, upper case. */
export function normalizeCode(text: string): string {
  return identityKey(text).toUpperCase();
}

/** `区水利局, 区城管局，区环保局` → `区水利局、区城管局、区环保局`. */
export function normalizeCoUnits(text: string): string {
  return text
    .split(/[、，,；;\r\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .join("、");
}
