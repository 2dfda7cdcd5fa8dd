/**
 * Splits a long message at line boundaries so each part stays under `max` characters
 * (WeChat silently cuts messages near 2,000). A single line longer than `max` is cut
 * hard. Parts after the first are marked `(续)` so a reader knows they belong together.
 */
export function splitMessage(text: string, max: number): string[] {
  if ([...text].length <= max) return [text];
  const budget = max - 8; // room for the `(续 2/3)` marker
  const parts: string[] = [];
  let cur: string[] = [];
  let len = 0;
  const flush = () => {
    if (cur.length) parts.push(cur.join("\n"));
    cur = [];
    len = 0;
  };
  for (const line of text.split("\n")) {
    const chars = [...line];
    if (chars.length > budget) {
      flush();
      for (let i = 0; i < chars.length; i += budget) parts.push(chars.slice(i, i + budget).join(""));
      continue;
    }
    if (len + chars.length + (cur.length ? 1 : 0) > budget) flush();
    cur.push(line);
    len += chars.length + (cur.length > 1 ? 1 : 0);
  }
  flush();
  return parts.map((p, i) => (i === 0 ? p : `(续 ${i + 1}/${parts.length})\n${p}`));
}
