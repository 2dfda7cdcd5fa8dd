import { firstChars } from "../core/identity.ts";
import { isValidDay } from "../core/zoned-time.ts";

/** One line of a simulator script (docs/simulator.md), with its line number for error messages. */
export type Step = { line: number } & (
  | { kind: "env"; key: string; value: string }
  | { kind: "now"; text: string }
  | { kind: "wait"; ms: number }
  | { kind: "import"; file: string }
  | { kind: "topic"; room: string; topic: string }
  | { kind: "say"; sender: string; room: string | null; text: string }
  | { kind: "image"; sender: string; room: string | null; file: string }
  | { kind: "file"; sender: string; room: string | null; file: string }
);

export interface ParsedScript {
  steps: Step[];
  errors: string[];
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90m`, `2h`, `3d`, `1h30m` → milliseconds; null if not a duration. */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  if (!/^(\d+(?:\.\d+)?(?:s|min|m|h|d))+$/.test(t)) return null;
  let ms = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(s|min|m|h|d)/g)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  return ms > 0 ? Math.round(ms) : null;
}

const GROUP = /^(.+?)\s+@\s+(.+?)\s*[:：]\s?(.*)$/;
const PRIVATE = /^([^:：@]+?)\s*[:：]\s?(.*)$/;

export function parseScript(source: string): ParsedScript {
  const steps: Step[] = [];
  const errors: string[] = [];
  source.replace(/^\ufeff/, "").split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const t = raw.trim();
    if (t === "" || t.startsWith("#")) return;
    const fail = (why: string) => errors.push(`第${line}行：${why}：${firstChars(t, 60)}`);
    if (t.startsWith("@")) {
      const [, word = "", rest = ""] = /^@(\S+)\s*(.*)$/.exec(t) ?? [];
      switch (word) {
        case "env": {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(rest);
          return m ? void steps.push({ line, kind: "env", key: m[1]!, value: m[2]! }) : fail("@env 应写成 KEY=VALUE");
        }
        case "now":
          return /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?$/.test(rest) && isValidDay(...(rest.slice(0, 10).split("-").map(Number) as [number, number, number]))
            ? void steps.push({ line, kind: "now", text: rest })
            : fail("@now 应写成 2026-12-01 08:00");
        case "wait": {
          const ms = parseDuration(rest);
          return ms ? void steps.push({ line, kind: "wait", ms }) : fail("@wait 应写成 90m、2h 或 3d");
        }
        case "import":
          return rest ? void steps.push({ line, kind: "import", file: rest }) : fail("@import 缺少文件名");
        case "topic": {
          const m = /^(\S+)\s+(.+)$/.exec(rest);
          return m ? void steps.push({ line, kind: "topic", room: m[1]!, topic: m[2]!.trim() }) : fail("@topic 应写成 @topic <群名> <新群名>");
        }
        default:
          return fail(`无法识别的指令 @${word}`);
      }
    }
    const g = GROUP.exec(t);
    const p = g ? null : PRIVATE.exec(t);
    const sender = (g?.[1] ?? p?.[1])?.trim();
    if (!sender) return fail("无法识别，应为“姓名 @ 群名: 内容”或“姓名: 内容”");
    const room = g ? g[2]!.trim() : null;
    const body = (g ? g[3]! : p![2]!).replace(/\\n/g, "\n");
    const sent = /^\[(图片|文件)\]\s*(.*)$/.exec(body.trim());
    if (sent) {
      const kind = sent[1] === "图片" ? "image" : "file";
      return sent[2] ? void steps.push({ line, kind, sender, room, file: sent[2].trim() }) : fail(`[${sent[1]}] 后缺少文件名`);
    }
    steps.push({ line, kind: "say", sender, room, text: body });
  });
  return { steps, errors };
}
