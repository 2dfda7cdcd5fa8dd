import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderPngs } from "./render-pngs.ts";

export interface Picture {
  /** The PNG on disk. */
  path: string;
  /** The name the recipient sees. */
  name: string;
}

/**
 * Renders the pages and writes each as `<stem>-<n>.png` in `dir`, whole or not at all
 * (a copy renamed into place): a rerun of the same job or message rewrites its own files.
 * The recipient sees `<name>.png`, or `<name>-1.png`… when there are several.
 */
export async function writePictures(svgs: string[], o: { dir: string; stem: string; name: string }): Promise<Picture[]> {
  const pngs = await renderPngs(svgs);
  await mkdir(o.dir, { recursive: true });
  return Promise.all(
    pngs.map(async (png, i) => {
      const file = path.join(o.dir, `${o.stem}-${i + 1}.png`);
      await writeFile(`${file}.part`, png);
      await rename(`${file}.part`, file);
      return { path: file, name: pngs.length > 1 ? `${o.name}-${i + 1}.png` : `${o.name}.png` };
    }),
  );
}
