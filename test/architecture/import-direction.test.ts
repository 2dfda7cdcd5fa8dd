import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../src");

/** Folder → folder it imports → the files (under src/) whose imports make that edge. Types count: a type lives in the layer that owns it. */
function folderGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of tsFiles(SRC)) {
    const rel = path.relative(SRC, file);
    const from = rel.split(path.sep)[0]!;
    const edges = graph.get(from) ?? new Map<string, string[]>();
    graph.set(from, edges);
    for (const { fileName } of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      if (!fileName.startsWith(".")) continue;
      const to = path.relative(SRC, path.resolve(path.dirname(file), fileName)).split(path.sep)[0]!;
      if (to === from) continue;
      const files = edges.get(to) ?? [];
      if (!files.includes(rel)) files.push(rel);
      edges.set(to, files);
    }
  }
  return graph;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    // The Prisma client imports only itself, and everything may import it: it is the bottom.
    if (e.isDirectory()) return p === path.join(SRC, "generated") ? [] : tsFiles(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

/** A loop of folders each importing the next (back to the first), if there is one: depth-first search. */
function loop(graph: Map<string, Map<string, string[]>>): string[] | null {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (v: string): string[] | null => {
    const at = path.indexOf(v);
    if (at >= 0) return [...path.slice(at), v];
    if (done.has(v)) return null;
    path.push(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      const found = visit(w);
      if (found) return found;
    }
    path.pop();
    done.add(v);
    return null;
  };
  for (const v of [...graph.keys()].sort()) {
    const found = visit(v);
    if (found) return found;
  }
  return null;
}

const via = (graph: Map<string, Map<string, string[]>>, from: string, to: string) => `${from} → ${to} (${graph.get(from)!.get(to)!.sort().join(", ")})`;

describe("imports between folders of src/", () => {
  const graph = folderGraph();

  it("are read from the real tree", () => {
    expect(graph.get("bot")?.has("handlers")).toBe(true);
    expect(graph.get("handlers")?.has("store")).toBe(true);
  });

  it("never go both ways between two folders", () => {
    const pairs = [...graph].flatMap(([a, edges]) =>
      [...edges.keys()].filter((b) => a < b && graph.get(b)?.has(a)).map((b) => `${via(graph, a, b)}; ${via(graph, b, a)}`),
    );
    expect(pairs).toEqual([]);
  });

  it("never come back to a folder round a loop of three or more either", () => {
    const found = loop(graph);
    expect(found && found.slice(1).map((to, i) => via(graph, found[i]!, to))).toBeNull();
  });
});
