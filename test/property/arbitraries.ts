import fc from "fast-check";

/*
 * What hostile and careless users send: the bot's own commands with codes, dates and
 * notes as phones mangle them, then mutated character by character.
 */

export const UNITS = ["区水利局", "百胜镇人民政府", "区城市管理局", "区水利局\u200b", "区 城市管理局", "区林业局（一）", "区林业局(一)", "\u202e区林业局"];
// The sample's codes of the bound units (001 百胜镇, 003 区水利局), one waiting for
// verification (008), one closed (010), one of another unit (002), and new ones a ledger adds.
export const CODES = ["ZG-2026-001", "ZG-2026-003", "ZG-2026-003", "ZG-2026-008", "ZG-2026-010", "ZG-2026-002", "HB-2026-010", "HB-2026-011"];

/** Characters that broke things before: format marks, half emoji, full-width forms, line breaks. */
const NASTY = ["\u200b", "\u200f", "\u202e", "\u2060", "\u00ad", "\ufeff", "\ud83d", "\ude00", "😀", "👨‍👩‍👧", "\n", "\r\n", "　", "：", "，", "＃", "/", "#", "@督办助手 ", "%", "１", "－", "\u0000", "\"", "「", "」", "'", ";", "\\"];

const WORDS = ["已完成", "整改完成", "未完成", "完成80%", "开工", "管网铺设60%", "设备未到", "资料不全", "又有污水", "复查无问题", "请抓紧", "收到", "好的", "明天去看", "通过", "退回", "合格", "反弹", "同意", "不合格"];

const DATES = ["12月4日", "2026-12-20", "2026-12-04", "12月20日", "2026-12-31", "2026/12/20", "12月31日", "2027年1月15日", "2026-02-30", "2201-01-01", "2099-12-31", "1900-01-01", "2036-12-01", "明年", "2026-13-45", "12月3日", "2026-11-01", "\"2026-12-25\""];

const code = fc.oneof(
  { arbitrary: fc.constantFrom(...CODES), weight: 4 },
  fc.constantFrom(...CODES).map((c) => c.toLowerCase()),
  fc.constantFrom(...CODES).map((c) => c.replace(/-/g, "")),
  fc.constantFrom(...CODES).map((c) => c.replace(/[A-Z0-9-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0))),
  fc.constantFrom("ZG-2026-999", "ZG", "PM10", "ZG-2026-003-"),
);

const note = fc.oneof(
  { arbitrary: fc.constantFrom(...WORDS), weight: 4 },
  { arbitrary: fc.array(fc.constantFrom(...WORDS, ...NASTY), { minLength: 1, maxLength: 6 }).map((a) => a.join("")), weight: 3 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }), weight: 2 },
  { arbitrary: fc.constantFrom("长".repeat(600), "很长的说明😀".repeat(80)), weight: 1 },
);

// Weighted towards the commands that change state, so short runs reach deep states.
const command = fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom("进度", "进展", "完成", "查询", "#进度", "/完成"), code, note).map(([w, c, n]) => `${w} ${c} ${n}`), weight: 4 },
  { arbitrary: fc.tuple(code, note).map(([c, n]) => `${c} ${n}`), weight: 2 },
  { arbitrary: fc.tuple(fc.constantFrom("延期", "批准延期"), code, fc.constantFrom(...DATES), note).map(([w, c, d, n]) => `${w} ${c} ${d} ${n}`), weight: 4 },
  { arbitrary: fc.tuple(fc.constantFrom("核实", "回头看"), code, fc.constantFrom(...WORDS)).map(([w, c, n]) => `${w} ${c} ${n}`), weight: 3 },
  fc.constantFrom("帮助", "清单", "本单位", "逾期", "统计", "日报", "解绑", "help", "菜单"),
  fc.tuple(fc.constantFrom("绑定", "清单"), fc.constantFrom(...UNITS, "领导", "区水力局", "单位".repeat(40))).map(([w, u]) => `${w} ${u}`),
  fc.tuple(code, note).map(([c, n]) => `「督办助手：${c} 即将到期」\n- - - - - - - - - - - - - - -\n${n}`),
  fc.tuple(code, note).map(([c, n]) => `关于${c}，${n}`),
);

/** A command, then a few random insertions, deletions and swaps. */
export const messageText = fc
  .tuple(
    command,
    fc.array(fc.tuple(fc.nat(), fc.constantFrom("insert", "delete"), fc.constantFrom(...NASTY)), { maxLength: 3 }),
  )
  .map(([text, edits]) => {
    let units = text.split("");
    for (const [at, kind, ch] of edits) {
      const i = units.length === 0 ? 0 : at % (units.length + 1);
      units = kind === "insert" ? [...units.slice(0, i), ch, ...units.slice(i)] : [...units.slice(0, i), ...units.slice(i + 1)];
    }
    return units.join("");
  });

/** Who speaks where: a unit's contact in their group or privately, staff, a leader, a stranger. */
export const speaker = fc.constantFrom(
  { sender: "张三", room: "区水利局工作群" },
  { sender: "张三", room: "区水利局工作群" },
  { sender: "张三", room: null },
  { sender: "李四", room: "百胜镇群" },
  { sender: "李四", room: "百胜镇群" },
  { sender: "王科长", room: null },
  { sender: "王科长", room: null },
  { sender: "王科长", room: null },
  { sender: "王科长", room: "区水利局工作群" },
  { sender: "王科长", room: "新群" },
  { sender: "周副区长", room: "领导群" },
  { sender: "路人", room: "闲聊群" },
  { sender: "路人", room: null },
);

export interface Step {
  sender: string;
  room: string | null;
  text: string;
  /** Deliver the previous message again (a redelivery), instead of this one. */
  redeliver: boolean;
  /** Minutes to move the clock first. */
  minutes: number;
  /** Make the next send fail once (the outbox must retry, not duplicate). */
  failSend: boolean;
  /** Send a picture of this many bytes instead of the text (0: an empty file). */
  imageBytes: number | null;
  /** Run the scheduled jobs due by now (digest, reminders, ranking, reviews) first. */
  runJobs: boolean;
}

export const step: fc.Arbitrary<Step> = fc.record({
  sender: fc.constant(""),
  room: fc.constant(null),
  text: messageText,
  redeliver: fc.constantFrom(false, false, false, false, false, false, false, false, true),
  minutes: fc.oneof({ arbitrary: fc.nat({ max: 180 }), weight: 9 }, { arbitrary: fc.constant(24 * 60), weight: 1 }),
  failSend: fc.constantFrom(false, false, false, false, true),
  imageBytes: fc.oneof({ arbitrary: fc.constant(null), weight: 9 }, { arbitrary: fc.constantFrom(0, 1, 2048), weight: 1 }),
  runJobs: fc.constantFrom(false, false, false, false, false, true),
}).chain((s) => speaker.map((who) => ({ ...s, ...who })));

/** A small ledger: rows of (code, unit, deadline, state), some of them bad. */
export const ledgerRows = fc.array(
  fc.record({
    code: fc.oneof(fc.constantFrom(...CODES), fc.constantFrom("ZG-2026-003\u200b", "zg-2026-004", "", "编号?")),
    description: fc.oneof(fc.constantFrom("污水直排", "垃圾堆放", "扬尘", "含,逗号\"引号\"的描述"), fc.constant("")),
    unit: fc.oneof(fc.constantFrom(...UNITS), fc.constantFrom("", "单位".repeat(30))),
    deadline: fc.constantFrom("2026-12-31", "2026/12/10", "2027年3月1日", "2026-11-20", "1900-01-01", "2199-12-31", "2026-02-30", ""),
    state: fc.constantFrom("", "未开始", "整改中", "待核实", "已销号", "进行吧"),
  }),
  { minLength: 1, maxLength: 6 },
);

export type LedgerRowSpec = { code: string; description: string; unit: string; deadline: string; state: string };

export function toCsv(rows: LedgerRowSpec[]): string {
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return ["编号,问题描述,责任单位,整改时限,整改状态", ...rows.map((r) => [r.code, r.description, r.unit, r.deadline, r.state].map(cell).join(","))].join("\n");
}
