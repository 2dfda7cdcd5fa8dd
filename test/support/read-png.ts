import { PNG } from "pngjs";

export interface PngFacts {
  width: number;
  height: number;
  /** Share of pixels that are not white: a blank picture has none. */
  inked: number;
  /** Whether some pixel is within a small distance of `#rrggbb`. */
  has(hex: string): boolean;
}

/** Decodes a PNG and tells what a person looking at it would notice first. */
export function readPng(buf: Buffer): PngFacts {
  const png = PNG.sync.read(buf);
  const { data, width, height } = png;
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! < 245 || data[i + 1]! < 245 || data[i + 2]! < 245) inked++;
  return {
    width,
    height,
    inked: inked / (width * height),
    has(hex) {
      const [r, g, b] = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)) as [number, number, number];
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b) < 12) return true;
      }
      return false;
    },
  };
}
