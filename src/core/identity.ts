/*
 * One normalisation for everything that names something: issue codes, unit names, group
 * names and command words, whether they come from a ledger file or from chat. Text pasted
 * from Word, web pages or phone keyboards carries invisible format characters (zero-width
 * spaces and joiners, direction marks and overrides, word joiners, soft hyphens, BOMs) and
 * full-width forms; two names a person cannot tell apart must be the same name.
 */

const FORMAT_CHARS = /\p{Cf}/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NUL = /\u0000/g;

/**
 * A half of a cut emoji cannot be stored or sent: it becomes U+FFFD. A NUL cannot be
 * stored either (PostgreSQL's text refuses it) and means nothing in chat: it goes.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD").replace(NUL, "");
}

/** Well-formed, width folded (NFKC), every Unicode format character (Cf) removed. */
export function normalizeIdentity(text: string): string {
  return wellFormed(text).normalize("NFKC").replace(FORMAT_CHARS, "");
}

/** Removes format characters only: a name as written, minus what nobody can see. */
export function withoutFormatChars(text: string): string {
  return wellFormed(text).replace(FORMAT_CHARS, "");
}

/**
 * The key two names are compared by: normalised as above, trimmed, runs of spaces made
 * one (ledgers are typed by hand with stray or doubled spaces).
 */
export function identityKey(name: string): string {
  return normalizeIdentity(name).trim().replace(/\s+/g, " ");
}

/** The first `max` characters, counted in code points so an emoji is never cut in half. */
export function firstChars(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max).join("");
}
