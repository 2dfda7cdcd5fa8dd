/**
 * Splits a long message at line boundaries so each part stays within `max` characters
 * (WeChat silently cuts messages near 2,000). A single line longer than the room left is
 * cut hard, by code points. Parts after the first start with `(续 2/3)` so a reader knows
 * they belong together; the marker counts against `max` in full.
 */
export function splitMessage(text: string, max: number): string[] {
  if ([...text].length <= max) return [text];
  // The marker's length depends on the number of parts, which depends on the room the
  // marker leaves: grow the assumed count's digits until the split agrees with it.
  for (let digits = 1; ; digits++) {
    const budget = Math.max(1, max - markerLength(digits));
    const parts = pack(text, budget);
    if (String(parts.length).length <= digits) return parts.map((p, i) => (i === 0 ? p : `${marker(i + 1, parts.length)}${p}`));
  }
}

const marker = (n: number, of: number) => `(续 ${n}/${of})\n`;
const markerLength = (digits: number) => [...marker(10 ** digits - 1, 10 ** digits - 1)].length;

function pack(text: string, budget: number): string[] {
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
  return parts;
}
