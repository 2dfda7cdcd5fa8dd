/**
 * An issue code as ledgers write them: a letter prefix, then digit groups joined by
 * `-` or `_` (ZG-2026-003, DC2026-12, HB_01). Read case-insensitively.
 */
const CODE = "[A-Za-z]{1,8}[-_]?\\d{1,8}(?:[-_]\\d{1,8}){0,3}";

const LEADING = new RegExp(`^(${CODE})(?![A-Za-z0-9])`);
const ANYWHERE = new RegExp(`(?<![A-Za-z0-9])(${CODE})(?![A-Za-z0-9])`, "g");

export function codeAtStart(text: string): { code: string; rest: string } | null {
  const m = LEADING.exec(text);
  if (!m) return null;
  return { code: m[1]!.toUpperCase(), rest: text.slice(m[0].length) };
}

/** Every distinct code in a text, in order of appearance. */
export function codesIn(text: string): string[] {
  return [...new Set([...text.matchAll(ANYWHERE)].map((m) => m[1]!.toUpperCase()))];
}
