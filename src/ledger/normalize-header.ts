/**
 * Header names as people type them: full-width letters, a BOM glued to the first
 * cell by Notepad, and `编  号` spaced out to line up in a printed table.
 */
export function normalizeHeader(text: string): string {
  return text.replace(/\uFEFF/g, "").normalize("NFKC").replace(/\s+/g, "");
}
