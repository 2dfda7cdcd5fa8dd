/**
 * The identity of a unit name, for matching: chat text is NFKC-normalised (full-width
 * `（一）` arrives as `(一)`), ledgers are typed by hand with stray or doubled spaces.
 * Both sides compare by this key; the stored display name stays as first written.
 */
export function unitKey(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ");
}
