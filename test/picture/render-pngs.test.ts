import { describe, expect, it } from "vitest";
import { renderPngs } from "../../src/picture/render-pngs.ts";
import { svgPage, text } from "../../src/picture/svg-text.ts";
import { readPng } from "../support/read-png.ts";

describe("rendering a picture", () => {
  it("draws Chinese text in the packaged font, at the page's size, several pages at once", async () => {
    const pages = [svgPage(200, text(24, 100, "整改日报 区水利局 逾期3个", { size: 48, bold: true })), svgPage(300, text(24, 100, "第二页 …", { size: 28 }))];
    const [a, b] = await renderPngs(pages);
    const pa = readPng(a!);
    expect([pa.width, pa.height]).toEqual([1080, 200]);
    // Glyphs were drawn: a missing font would leave the page white.
    expect(pa.inked).toBeGreaterThan(0.01);
    expect(readPng(b!).height).toBe(300);
  });

  it("draws the same page the same way every time (no system font involved)", async () => {
    const page = svgPage(120, text(24, 60, "督〔2026〕12号 红灯 黄灯"));
    const [first] = await renderPngs([page]);
    const [second] = await renderPngs([page]);
    expect(first!.equals(second!)).toBe(true);
  });

  it("renders nothing for no pages", async () => {
    expect(await renderPngs([])).toEqual([]);
  });
});

describe("the font cut to the pages' characters", () => {
  it("keeps the characters SVG writes as entities: < > \" ' & draw as glyphs, not as empty boxes", async () => {
    const ink = async (s: string) => readPng((await renderPngs([svgPage(80, text(24, 40, s, { size: 48 }))]))[0]!).inked;
    // Each alone: drawn, it inks the page; dropped from the font, resvg draws nothing or a box.
    const box = await ink("\u{10FFFD}");
    for (const ch of ["<", ">", '"', "'", "&"]) expect(await ink(ch), ch).not.toBe(box);
  });
});
