import { FONT_FAMILY } from "./render-pngs.ts";

/** The picture's width: a phone screen's, so WeChat shows it at about its own size. */
export const WIDTH = 1080;
/** The smallest type at that width: a leader reads it between meetings without zooming. */
export const TYPE = 28;
export const MARGIN = 24;

export type Tone = "red" | "yellow" | "blue" | "green" | "plain" | "muted";

/** How offices colour a ledger: a pale fill, and the figure in the colour's dark shade. */
export const TONE: Record<Tone, { fill: string | null; ink: string }> = {
  red: { fill: "#f9d6d5", ink: "#b3261e" },
  yellow: { fill: "#fdefc3", ink: "#8a5a00" },
  blue: { fill: "#d8e8fb", ink: "#1d5bbf" },
  green: { fill: "#dcf1e0", ink: "#1e7b34" },
  plain: { fill: null, ink: "#222222" },
  muted: { fill: null, ink: "#9a9a9a" },
};

export const INK = { title: "#ffffff", band: "#1f4e79", head: "#e4ebf3", rule: "#c9d3de", zebra: "#f6f8fa", note: "#555555" };

export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Width of `s` in px at `size`: a CJK character is one em, Latin letters and digits about 0.6. */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! < 0x2e80 ? 0.6 : 1;
  return w * size;
}

/** `s` cut to at most `lines` lines of `width` px, the last ending in … when it does not fit. */
export function wrapText(s: string, width: number, size: number, lines: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const ch of s) {
    if (textWidth(line + ch, size) > width) {
      out.push(line);
      line = "";
      if (out.length === lines) break;
    }
    line += ch;
  }
  if (out.length < lines && line) out.push(line);
  if (textWidth(out.join(""), size) < textWidth(s, size) - 0.01) {
    const last = out[lines - 1]!;
    out[lines - 1] = `${[...last].slice(0, -1).join("")}…`;
  }
  return out;
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  fill?: string;
  anchor?: "start" | "middle" | "end";
}

/** One line of text whose baseline sits so the line is centred on `midY`. */
export function text(x: number, midY: number, s: string, o: TextStyle = {}): string {
  const size = o.size ?? TYPE;
  return `<text x="${x}" y="${(midY + size * 0.36).toFixed(1)}" font-family="${FONT_FAMILY}" font-size="${size}"${o.bold ? ' font-weight="bold"' : ""} fill="${o.fill ?? TONE.plain.ink}"${o.anchor && o.anchor !== "start" ? ` text-anchor="${o.anchor}"` : ""}>${esc(s)}</text>`;
}

export function rect(x: number, y: number, w: number, h: number, fill: string, extra = ""): string {
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${fill}"${extra}/>`;
}

/** A whole picture: white, `height` tall, the page's parts in order. */
export function svgPage(height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">${rect(0, 0, WIDTH, height, "#ffffff")}${body}</svg>`;
}
