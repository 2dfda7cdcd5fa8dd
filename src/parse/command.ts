import { z } from "zod";
import { LIGHTS, NOTICE_COLOURS } from "../domain/light.ts";

const code = z.string().regex(/^[A-Z0-9][A-Z0-9_-]*$/);
const date = z.object({ y: z.number().int().optional(), m: z.number().int(), d: z.number().int(), monthEnd: z.boolean().optional() });
const text = z.string();
// A 交办 deadline: a date, 立行立改 (due in DUBAN_IMMEDIATE_DAYS), or null for 长期坚持.
const deadline = z.union([date, z.literal("immediate")]).nullable();

/** The command words, as users type them. */
export const COMMAND_NAMES = [
  "帮助",
  "查询",
  "清单",
  "逾期",
  "进度",
  "完成",
  "延期",
  "统计",
  "绑定",
  "解绑",
  "核实",
  "批准延期",
  "回头看",
  "交办",
  "签收",
  "自查",
  "驳回延期",
  "导出",
  "通报",
  "附件",
  "督办单",
  "方案",
  "节点",
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

const progress = z.object({ type: z.literal("progress"), code, note: text, percent: z.number().int().min(0).max(100).optional() });
const complete = z.object({ type: z.literal("complete"), code, note: text });

/** Everything a message addressed to the bot can mean. */
export const commandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("help") }),
  z.object({ type: z.literal("query"), code }),
  // `清单 <单位名、来源或责任领导>` / `清单 <单位名> <来源>`: which word is a unit is the store's to say.
  z.object({ type: z.literal("list"), unitName: text.optional(), source: text.optional() }),
  // `清单 红灯`: the open issues of one light.
  z.object({ type: z.literal("listLight"), light: z.enum(LIGHTS) }),
  z.object({ type: z.literal("overdue"), source: text.optional() }),
  progress,
  complete,
  z.object({ type: z.literal("extend"), code, date, reason: text }),
  // `统计 文字` / `统计 图片`: the digest as text, or as pictures, whatever DUBAN_DIGEST_FORMAT says.
  z.object({ type: z.literal("stats"), as: z.enum(["text", "image"]).optional() }),
  z.object({ type: z.literal("bind"), leaders: z.boolean(), unitName: text }),
  z.object({ type: z.literal("unbind") }),
  z.object({ type: z.literal("verify"), code, pass: z.boolean(), reason: text }),
  z.object({ type: z.literal("approveExtension"), code, date }),
  z.object({ type: z.literal("review"), code, ok: z.boolean(), note: text }),
  z.object({ type: z.literal("assign"), unitName: text, deadline, description: text }),
  // quoted: a 收到 to the 交办通知, which says nothing when the issue is already acknowledged.
  z.object({ type: z.literal("acknowledge"), code, quoted: z.literal(true).optional() }),
  z.object({ type: z.literal("selfCheck"), date: date.optional(), description: text }),
  z.object({ type: z.literal("refuseExtension"), code, reason: text }),
  z.object({ type: z.literal("export") }),
  // The week's 情况通报 (.docx), for the admins.
  z.object({ type: z.literal("bulletin") }),
  z.object({ type: z.literal("attachments"), code }),
  // `督办单 [红|黄|蓝] [单位名]`: this year's register of supervision notices.
  z.object({ type: z.literal("notices"), colour: z.enum(NOTICE_COLOURS).optional(), unitName: text.optional() }),
  // 整改方案: its milestones as written; which year each date falls in needs the deadline.
  z.object({ type: z.literal("plan"), code, steps: z.array(z.object({ date, text })).min(1) }),
  z.object({ type: z.literal("milestoneDone"), code, seq: z.number().int().min(1), note: text }),
  // A command word with arguments that do not fit: answered with its usage line.
  z.object({ type: z.literal("usage"), command: z.enum(COMMAND_NAMES), problem: text.optional() }),
  // A quoted reply whose quote names several issues: ask which one.
  z.object({ type: z.literal("ambiguous"), codes: z.array(code), intent: z.enum(["progress", "complete"]) }),
  // A unit's report naming several codes, or its code not first: one report per code of
  // this unit, answered in one reply; `others` are the codes named that are not this unit's.
  z.object({ type: z.literal("reports"), reports: z.array(z.discriminatedUnion("type", [progress, complete])), others: z.array(code) }),
]);

export type Command = z.infer<typeof commandSchema>;
export type CommandOf<T extends Command["type"]> = Extract<Command, { type: T }>;
