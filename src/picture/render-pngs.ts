import { readFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { renderAsync } from "@resvg/resvg-js";
import subsetFont from "subset-font";

// The font ships inside an npm package, never taken from the system: the picture is the
// same on every server, and a server without CJK fonts draws no empty boxes.
const FONT_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve("@embedpdf/fonts-sc")), "..", "fonts");
const FACES = ["NotoSansHans-Regular.otf", "NotoSansHans-Bold.otf"];

/** The family name inside the OTF files (Noto Sans Hans, as Adobe named it). */
export const FONT_FAMILY = "Noto Sans S Chinese";

let faces: Promise<Buffer[]> | undefined;

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The text of SVG markup as drawn: tags dropped, entities (`&lt;`, `&#x4E2D;`) read. */
function drawnText(svg: string): string {
  return svg
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
      e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (NAMED[e] ?? m),
    );
}

/** Every character the pictures write, and … for a cut name. */
function charsOf(svgs: string[]): string {
  const set = new Set("…0123456789");
  for (const svg of svgs) for (const ch of drawnText(svg)) set.add(ch);
  return [...set].join("");
}

/**
 * SVG pages → PNGs at their own size. resvg re-reads a font file for every run of text it
 * lays out: with the whole 8 MB CJK font that is ~17 ms a cell, 1.5 s a page. So the
 * font is first cut down (HarfBuzz's subsetter) to the few hundred characters the pages
 * use, and every page is drawn with that (~0.1 s a page): rasterised on libuv's pool,
 * the pages in parallel, each PNG then encoded on the main thread (~50 ms).
 */
export async function renderPngs(svgs: string[]): Promise<Buffer[]> {
  if (svgs.length === 0) return [];
  // Read once a process; a failed read is tried again next time, not remembered.
  faces ??= Promise.all(FACES.map((f) => readFile(path.join(FONT_DIR, f)))).catch((err: unknown) => {
    faces = undefined;
    throw err;
  });
  const chars = charsOf(svgs);
  // Name ids 16/17 carry the family the SVG asks for; the subsetter drops them by default.
  const subsets = await Promise.all((await faces).map((f) => subsetFont(f, chars, { targetFormat: "sfnt", preserveNameIds: [1, 2, 16, 17] })));
  const dir = await mkdtemp(path.join(tmpdir(), "duban-font-"));
  try {
    const fontFiles = await Promise.all(subsets.map(async (buf, i) => {
      const file = path.join(dir, FACES[i]!);
      await writeFile(file, buf);
      return file;
    }));
    const options = { font: { fontFiles, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY }, background: "#ffffff", logLevel: "off" as const };
    return await Promise.all(svgs.map(async (svg) => (await renderAsync(svg, options)).asPng()));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
