// Widths in Excel's column unit (the default font's digit, 7 px at 96 dpi) of 10-point
// 宋体: a Chinese character or full-width mark is about 13.3 px, a Latin letter or digit
// about 6.7 px. Everything from U+2000 on (“”、，。) prints full width in a Chinese font.
const WIDE = 1.9;
const NARROW = 0.95;
// Excel keeps about a character's room as the cell's inner margin.
const PADDING = 1;

/**
 * The lines a text takes when wrapped in a column `width` characters wide, laid out
 * greedily a character at a time as Excel and LibreOffice wrap Chinese. Latin words wrap
 * at spaces, so a long one may take a line more than this; never fewer.
 */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(WIDE, width - PADDING);
  let lines = 1;
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      lines++;
      used = 0;
      continue;
    }
    // The second half of a surrogate pair was counted with the first.
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    const w = code < 0x2000 ? NARROW : WIDE;
    if (used + w > room) {
      lines++;
      used = 0;
    }
    used += w;
  }
  return lines;
}
