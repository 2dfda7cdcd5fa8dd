import path from "node:path";
import { z } from "zod";

const int = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);

const hhmm = (def: string) =>
  z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day as HH:MM, e.g. 08:30").default(def);

const validZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const bool = (def: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"], { message: "true or false" })
    .default(def ? "true" : "false")
    .transform((v) => v === "true" || v === "1" || v === "yes");

const list = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(/[,，]/)
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** `张副区长=wxid_abc,李局长=李局长`: a 责任领导 as the ledger names them → their contact (id or alias). */
const leaderContacts = z
  .string()
  .default("")
  .transform((s, ctx) => {
    const map: { leader: string; contact: string }[] = [];
    for (const pair of s.split(/[,，;；]/).map((x) => x.trim()).filter(Boolean)) {
      const m = /^([^=＝:：]+)[=＝:：](.+)$/.exec(pair);
      if (!m) {
        ctx.addIssue({ code: "custom", message: `pairs of <责任领导>=<contact id or alias>, e.g. 张副区长=wxid_abc,李局长=李局长 ("${pair}" has no =)` });
        return z.NEVER;
      }
      map.push({ leader: m[1]!.trim(), contact: m[2]!.trim() });
    }
    return map;
  });

const optional = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

/** Every variable, its default and what it expects. `.env.example` documents the same list. */
export const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'a SQLite file (file:./data/duban.db) or a PostgreSQL URL (postgresql://user:password@host:5432/duban?schema=public)')
    .default("file:./data/duban.db"),
  DUBAN_TZ: z.string().trim().refine(validZone, "an IANA time zone, e.g. Asia/Shanghai").default("Asia/Shanghai"),
  DUBAN_ADMINS: list,
  DUBAN_BOT_NAME: z.string().trim().min(1).default("督办助手"),
  WECHATY_PUPPET: optional,
  WECHATY_PUPPET_SERVICE_TOKEN: optional,
  WECHATY_PUPPET_PADLOCAL_TOKEN: optional,
  WECHATY_NAME: z.string().trim().min(1).default("duban"),
  DUBAN_SEND_INTERVAL_MS: int(3000, 0, 600_000),
  DUBAN_SEND_JITTER_MS: int(1000, 0, 600_000),
  DUBAN_SEND_MAX_ATTEMPTS: int(5, 1, 100),
  DUBAN_SEND_BACKOFF_MAX_MS: int(300_000, 1000, 86_400_000),
  DUBAN_MAX_MESSAGE_CHARS: int(1500, 200, 1900),
  DUBAN_MAX_INPUT_CHARS: int(2000, 100, 100_000),
  DUBAN_STALE_MESSAGE_SECONDS: int(300, 0, 86_400),
  DUBAN_EVIDENCE_WINDOW_MINUTES: int(10, 0, 1440),
  DUBAN_DATA_DIR: z.string().trim().min(1).default("./data"),
  // Default: <DUBAN_DATA_DIR>/attachments.
  DUBAN_ATTACHMENT_DIR: optional,
  // Largest evidence file kept (photos and documents alike).
  DUBAN_MAX_ATTACHMENT_MB: int(20, 1, 1024),
  // 交办 and 自查 codes: <prefix>-<year>-<NNN>.
  DUBAN_CODE_PREFIX: z.string().trim().regex(/^[A-Za-z][A-Za-z0-9]{0,9}$/, "letters and digits starting with a letter, e.g. DB").default("DB").transform((s) => s.toUpperCase()),
  DUBAN_SELF_CHECK_DAYS: int(30, 1, 3650),
  DUBAN_IMMEDIATE_DAYS: int(7, 0, 365),
  DUBAN_LONGTERM_REPORT_DAYS: int(30, 1, 3650),
  DUBAN_DUE_SOON_DAYS: int(3, 0, 60),
  DUBAN_STALE_DAYS: int(7, 1, 365),
  DUBAN_ESCALATE_DAYS: int(7, 1, 365),
  // 黄灯: reported progress this many points behind the time-proportional progress (序时进度).
  DUBAN_LAG_POINTS: int(20, 1, 100),
  DUBAN_LEADER_CONTACTS: leaderContacts,
  DUBAN_REVIEW_DAYS: int(30, 1, 3650),
  DUBAN_DIGEST_TIME: hhmm("08:30"),
  // The digest and the ranking in the leaders' groups: pictures then a short text (both),
  // the pictures alone (image), or the text alone (text).
  DUBAN_DIGEST_FORMAT: z.enum(["both", "image", "text"], { error: "both, image or text" }).default("both"),
  DUBAN_REMINDER_TIME: hhmm("09:00"),
  DUBAN_RANKING_TIME: hhmm("09:00"),
  DUBAN_REVIEW_TIME: hhmm("09:00"),
  // The weekly 情况通报 (.docx to the admins) on the week's last working day; off when unset.
  DUBAN_BULLETIN_TIME: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day as HH:MM, e.g. 16:00").optional(),
  // The 发文机关标志 at the head of the 情况通报.
  DUBAN_OFFICE_NAME: z.string().trim().min(1).max(20, "at most 20 characters: it heads the 情况通报 on one line").default("整改督办办公室"),
  DUBAN_WORKDAYS_ONLY: bool(true),
  DUBAN_CALENDAR_FILE: optional,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = Omit<z.infer<typeof envSchema>, "DUBAN_ATTACHMENT_DIR"> & { DUBAN_ATTACHMENT_DIR: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Parses configuration once from an env object. Empty strings count as unset, so
 * `DUBAN_TZ=` in a .env file means "use the default", not "invalid".
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v.trim() !== "") cleaned[key] = v;
  }
  const parsed = envSchema.safeParse(cleaned);
  if (parsed.success) return { ...parsed.data, DUBAN_ATTACHMENT_DIR: parsed.data.DUBAN_ATTACHMENT_DIR ?? path.join(parsed.data.DUBAN_DATA_DIR, "attachments") };
  const problems = parsed.error.issues.map((i) => {
    const key = String(i.path[0] ?? "?");
    return `${key}=${JSON.stringify(cleaned[key] ?? "")}: expected ${i.message}`;
  });
  throw new ConfigError(problems);
}
