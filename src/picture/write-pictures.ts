import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderPngs } from "./render-pngs.ts";

export interface Picture {
  /** The PNG on disk. */
  path: string;
  /** The name the recipient sees. */
  name: string;
}

/** `digest-2026-12-01-1.png` → 2026-12-01 */
const DAY_IN_NAME = /-(\d{4}-\d{2}-\d{2})-/;

/**
 * Renders the pages and writes each as `<stem>-<n>.png` in `dir`, whole or not at all
 * (a copy renamed into place): a rerun of the same job or message rewrites its own files.
 * The recipient sees `<name>.png`, or `<name>-1.png`… when there are several. Pictures
 * of days before `keepFrom` (by the day in their names) are deleted.
 */
export async function writePictures(svgs: string[], o: { dir: string; stem: string; name: string; keepFrom: string }): Promise<Picture[]> {
  const pngs = await renderPngs(svgs);
  await mkdir(o.dir, { recursive: true });
  for (const f of await readdir(o.dir)) {
    const day = DAY_IN_NAME.exec(f)?.[1];
    if (day && day < o.keepFrom) await rm(path.join(o.dir, f), { force: true });
  }
  return Promise.all(
    pngs.map(async (png, i) => {
      const file = path.join(o.dir, `${o.stem}-${i + 1}.png`);
      await writeFile(`${file}.part`, png);
      await rename(`${file}.part`, file);
      return { path: file, name: pngs.length > 1 ? `${o.name}-${i + 1}.png` : `${o.name}.png` };
    }),
  );
}
