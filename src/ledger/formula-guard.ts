// A CSV cell that starts with = + - @ (or a tab or CR), even after spaces, is run as a
// formula when the file is opened in Excel or WPS: `=HYPERLINK(…)` typed into a progress
// report would become a live link in every exported copy (OWASP "CSV injection").
// Export puts a single quote in front, the OWASP way; import takes exactly that quote
// off again, so an exported file imports back unchanged. Cells that already start with
// quotes before such a character get one more, so the two stay exact inverses:
// `'=1` is written as `''=1` and read back as `'=1`.
const RISKY = /^'*\s*[=+\-@\t\r]/;

/** Text as it is safe to write into a CSV cell. */
export function guardFormula(text: string): string {
  return RISKY.test(text) ? `'${text}` : text;
}

/** The reverse of guardFormula, for a cell read from a ledger file. */
export function unguardFormula(text: string): string {
  return text.startsWith("'") && RISKY.test(text.slice(1)) ? text.slice(1) : text;
}
