/**
 * Reads a unit's free-text report the way a person would: is it a claim that the work
 * is done, progress (with a percentage if it gives one), a question, or a mere mention?
 * `已完成80%` is progress; `未完成` denies; `已完成管网铺设，剩余检查井` is partial;
 * `争取月底前整改完成` is a plan, not a claim.
 */
const VERB = "办理|清理|清运|清除|清淤|拆除|处置|处理|治理|整治|修复|安装|铺设|建设|改造|关停|取缔|搬迁|封堵|复绿|补植|覆盖|疏浚|转运|更换|维修|落实|施工|整改";
const TERMINAL = "清理|清运|清除|清淤|拆除|处置|处理|治理|整治|修复|封堵|复绿|关停|取缔|搬迁|更换|安装|落实|解决|拆|清|搬离|消除";
const DONE = new RegExp(
  [
    "(?:已经?|现已|均已|都已|全都|全部|已全部|已全面|全面|顺利|圆满)(?:已经?)?(?:彻底|全面|全部|按要求|按期|如期)?(?:完成|整改|办结|完工|落实|竣工)",
    "验收(?:合格|通过|完成)|通过(?:了)?验收",
    "整改(?:工作)?(?:已经?|均已|都已)?(?:完成|完毕|到位|结束|完了|好了)",
    "完成(?:了)?(?:全部)?整改",
    "已办结|办结了|已销号|已竣工|竣工了|完工了",
    `(?:${VERB})(?:工作)?(?:已经?|均已|都已|全部)?(?:完毕|完成|到位|干净|结束)`,
    "(?:已经?|全部|均|都)(?:处置|整改|落实|整治)?到位",
    "(?:搞|弄|做|办|修|整|处理|清理|改|干|收拾)(?:好|完|定)了|已经?(?:全部|都|全)?(?:搞|弄|做|办|修|整|处理|清理|改|干|收拾)(?:好|完|定)|搞定了|已搞定",
    "(?:清|运|拆|搬|拉)(?:走|掉)了|(?:堵|封)(?:上|住)了|已清零|问题清零",
    "(?:已经|都|全)好了",
    // A terminal verb ending its clause: `已拆除`, `问题已解决`, `已经清理了`.
    `(?:已经?|均已|都已|全部|已全部)(?:${TERMINAL})了?(?:[\\s,，;；。.!！~、\\p{Extended_Pictographic}]|$)`,
    "申请(?:核查|核实|验收)?销号|请求销号|可以销号|具备销号条件",
    // The whole statement is a bare `好了` / `OK` / `done`.
    "^(?:已经?|都|全)?(?:好了|[Oo][Kk]了?|[Dd]one|完事了?|✅|✔️?|☑️?)[\\s,，;；。.!！~、\\p{Extended_Pictographic}]*$",
    // `完成` standing as its own clause: `完成。` `，已完成` `已经完成了` `也完成了`
    "(?:^|[\\s,，;；:：。!！、】\\])])(?:也|都|均)?(?:已经?|均已|都已)?(?:完成|办结|完工)了?(?:[\\s,，;；。.!！~、\\p{Extended_Pictographic}]|$)",
  ].join("|"),
  "u",
);
const DENIED =
  /(?:未|没有?|尚未|还未|仍未|暂未|不能|无法|没能|还没有?|并未|尚没)(?:全部|完全|彻底|能|有)?(?:完成|整改|办结|完工|落实|竣工|到位|完毕|清理|处置|结束|解决|(?:弄|搞|做|办|修|整|处理|改|干)?好)|(?:未|没有?|尚未|还未|没能)通过|不到位|不彻底|未达标|不达标|不合格|完不成|(?:不能|无法)申请销号/;
// Words that take a claim back without saying anything about the work.
const RETRACTED = /不能说|别说|不是|并非|是错的|不属实|结果没有/;
// Done with a preparatory step is not done with the work (`已完成招标`, `设计已完成`).
const PREP = "招标|设计|方案|采购|立项|勘察|审批|评审|前期|合同|选址|备案|批复|预算|调研|摸排|排查|测量|踏勘|报告|材料|台账";
const AFTERCARE = ".{0,5}(?:验收|核实|核查|销号|审核|申请|巡查|监管|监督|巩固|加强|跟踪|关注|维护|管护|保持|防止|长效|加油|努力)";
const COUNT = "[\\d一二三四五六七八九十两几]+\\s*[处个家台户条座项吨车栋]";
const PARTIAL = new RegExp(
  [
    "部分|部份|一半|大部分|大半|过半|初步|基本|阶段性|剩余|剩下|还剩|只剩|就剩|仅剩|尚余|还差|其余|陆续|逐步|分批|首批|第一批|一期",
    // Work still waiting: `建筑垃圾待清运` (waiting for 验收 or 核实 is not).
    `待(?:${VERB}|复绿|补植|绿化|开工|进场)`,
    "(?:还有|尚有|仍有)(?:少量|少许|一些|一点|部分|个别|零星)|其中",
    // Work still going on, unless it is the checking or upkeep that follows completion
    // (`已整改到位，下一步将继续加强巡查`, `正在申请验收`).
    `(?:正在|仍在|还在|还需|尚需|下一步|继续)(?!${AFTERCARE})`,
    "主体(?:工程|部分|结构)|主体(?:已经?)?(?:完工|建成|竣工)",
    "在建|在施|除.{1,12}外|还有\\s*[\\d一二三四五六七八九十两几]",
    `(?:完成|完毕)了?(?:设备)?(?:${PREP})|(?:${PREP})(?:工作)?(?:已经?)?(?:编制)?(?:完成|完毕|结束)`,
    `(?:下周|下月|明天|后天|近期|月底|年底|春节前)(?:开工|施工|进场|开始|启动|完成|整改|(?:进行)?(?:${VERB}|复绿|补植|绿化))`,
    `(?:共|总共|合计|一共)\\s*${COUNT}|(?:完成|完毕)了?\\s*${COUNT}|${COUNT}[^,;。，；]{0,10}完成了?\\s*[\\d一二三四五六七八九十两]|\\d+\\s*\\/\\s*\\d+`,
  ].join("|"),
  "u",
);
// A plan or a request names completion without claiming it. A date word counts as
// future only when nothing says it already happened (`已于11月底完成` is done).
const FUTURE =
  /争取|力争|计划|预计|预期|拟|将于|将在|准备|打算|有望|(?:尽快|抓紧|务必)(?!.{0,4}(?:验收|核实|核查|销号|审核))|即将|马上|需在|需于|应于|必须|要在|一定要|如果|假如|若是|的话|等.{0,20}再/;
const FUTURE_TIME = /下周|下月|月底|年底|本周|本月|明天|后天|近期|近日|之前|以前|前完成|前整改|(?:完成|到位)(?:以)?后/;
const PAST = /已|了/;
// `已完成X` claims the work only when X is the rectification itself (`已完成整改`, `已完成垃圾清运`);
// `已完成整改方案`, `已完成现场核查`, `已完成第一阶段`, `已完成2处` name a step of it.
const WORK = `(?:${VERB}|${TERMINAL}|验收|销号)`;
// A step named anywhere in the object: `整改方案的编制工作`, `第一批清运`, `现场检查`.
const STEP = new RegExp(`${PREP}|核查|检查|勘查|阶段|批|点位|进场|签收|交办|立案|查处|申请|资金|图纸`);
const DONE_WITH = /已经?(?:全面|全部|顺利|按时|如期|按期|按要求)?完成了?([^\s,，;；。.!！~、:：\p{Extended_Pictographic}]*)/gu;
const WORK_OBJECT = new RegExp(
  `^(?:(?:全部|所有)?的?\\p{Script=Han}{0,8}?${WORK}(?:工作|任务)?(?:的?全部)?|(?:整改)?(?:全部|所有)?(?:工作|任务)|全部|百分之百|\\d+(?:\\.\\d+)?%)了?$`,
  "u",
);
const stepOnly = (text: string) => [...text.matchAll(DONE_WITH)].some((m) => m[1] !== "" && (STEP.test(m[1]!) || !WORK_OBJECT.test(m[1]!)));
// Something said not to have started (`复绿还没开始`, `泵站未开工`) leaves the work partial.
const NOT_STARTED = /(?:还没有?|未|尚未|没有?|还未)(?:开始|开工|施工|动工|进场)/;
// Hedged, hearsay or a difficulty: names completion without claiming it.
const HEDGED =
  /完成不了|有(?:困难|难度)|很难|难以|(?<![尽加很赶抓])快(?![递速])|差不多|(?:应该|估计|可能|好像|据说|听说|似乎|大概|理论上|按理|按说).{0,6}(?:已|完|整改|好|搞|弄|到位|清)|(?<!能|别)(?:说|反映|称)(?:已|都已|全都)|据.{0,8}(?:反映|说|称)|(?:完成|整改)(?:时限|期限|日期)|完成(?:的)?(?:情况|标准)(?![:：])/;
// A request to someone, or a reminder: `把…发一下`, `记得拍照`, `弄好了就报一下`, `跟我说一声`.
const IMPERATIVE = /(?<!已经?)把(?![^,，。；;]*了)|了就(?!等|剩|差|可以)|记得|请大家|别忘|就报|报一下|说一声|跟我说|告诉我|发一下|发群里|发给我|的请(?!示)|请(?:上传|发|拍|报|把)/;
const QUESTION = /[?？]|吗|是否|是什么|是不是|[没呢吧]\s*[。.!！~]*$|有没有|能否|能不能|什么时候|何时|怎么|咋|如何|了没|请问|多久|为什么|为啥|什么情况|啥情况|是谁|谁(?:负责|在|来|去)|在哪|哪里|哪个|哪些/;
// What a statement about the work sounds like, for a message whose code is not first.
const STATEMENT = new RegExp(
  [
    "已(?!经?(?:阅|读|收到|知悉|转|发(?!现)|传|上传|把|给|交|报送|上报|提交))\\p{Script=Han}",
    "正在|正抓紧|在(?:施工|整改|推进|清理|处理|办理|落实)",
    "(?:施工|整改|推进|进行|处理|办理|清理|建设|改造|实施|清运)中",
    "开工|动工|进场|启动|开始(?:整改|施工|清理|处置|拆除)|顺利|有序|稳步",
    "进展|进度[:：]|完成|完工|完毕|到位|办结|竣工|搞定",
    "未开始|还没|尚未|暂未|目前|截[至止](?:目前|今天|今日|昨天|现在|\\d)|现阶段",
  ].join("|"),
  "u",
);
const REQUEST = /请|麻烦|帮忙|抓紧|尽快|务必|必须|要把|要在|一定要|希望|早日|如果|假如|若是|的话|再说|告诉我|(?<!按照?)要求|发(?:一下|下|我|给)|看(?:一下|看|下)|去看|去现场|查一下|问一下|讨论|开会|会上|提醒|注意|跟进|关注|督促|催/;

export type ReportKind = "complete" | "progress" | "question" | "mention";
export interface ReportReading {
  kind: ReportKind;
  percent?: number;
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 四十五 → 45, 十 → 10, 一百 / 百 → 100; digits pass through. Only 0–100 is needed. */
function smallNumber(s: string): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  if (s === "百" || s === "一百") return 100;
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === "") return undefined;
  if (!m[2]) return m[3] ? undefined : DIGITS[m[1]!];
  return (m[1] ? DIGITS[m[1]]! : 1) * 10 + (m[3] ? DIGITS[m[3]]! : 0);
}

const N = "[零〇一二两三四五六七八九十百\\d.]+";
const PERCENT = new RegExp(
  [
    "(?<![\\d.eE+-])(\\d{1,3}(?:\\.\\d+)?)\\s*%",
    `百分之(${N})`,
    "(?<!\\d)([一二两三四五六七八九十1-9])成([一二三四五六七八九])?(?![员功为立本果绩交都])",
    "(一半)",
    "([二三四五六七八九十])分之([一二三四五六七八九])",
  ].join("|"),
  "u",
);

/** The first percentage in a report (`60%`, `百分之四十`, `七成`, `一半`, `三分之二`), if sensible. */
export function percentIn(text: string): number | undefined {
  const m = PERCENT.exec(text);
  if (!m) return undefined;
  let n: number | undefined;
  if (m[1] !== undefined) n = Number(m[1]);
  else if (m[2] !== undefined) n = smallNumber(m[2]);
  else if (m[3] !== undefined) n = (m[3] === "十" ? 10 : (DIGITS[m[3]] ?? Number(m[3]))) * 10 + (m[4] ? DIGITS[m[4]]! : 0);
  else if (m[5] !== undefined) n = 50;
  else if (m[6] !== undefined && m[7] !== undefined) n = (smallNumber(m[7])! / smallNumber(m[6])!) * 100;
  if (n === undefined || Number.isNaN(n)) return undefined;
  const r = Math.round(n);
  return r >= 0 && r <= 100 ? r : undefined;
}

/** Pure: a report's text (its codes removed) → what it says. */
export function readReport(raw: string): ReportReading {
  const text = raw.trim();
  const percent = percentIn(text);
  const withPct = (kind: ReportKind): ReportReading => (percent === undefined ? { kind } : { kind, percent });
  if (QUESTION.test(text)) return { kind: "question" };
  if (IMPERATIVE.test(text) || HEDGED.test(text)) return { kind: "mention" };
  if (percent !== undefined && percent < 100) return withPct("progress");
  const future = FUTURE.test(text) || (FUTURE_TIME.test(text) && !PAST.test(text));
  const done = DONE.test(text) || percent === 100;
  const partial = PARTIAL.test(text) || NOT_STARTED.test(text) || stepOnly(text);
  if (done && !DENIED.test(text) && !RETRACTED.test(text) && !partial && !future) return withPct("complete");
  if (percent !== undefined || DENIED.test(text) || partial) return withPct("progress");
  if (REQUEST.test(text) && !/已|正在/.test(text)) return { kind: "mention" };
  if (future && !/已|正在/.test(text)) return STATEMENT.test(text) || DONE.test(text) ? { kind: "progress" } : { kind: "mention" };
  return STATEMENT.test(text) ? { kind: "progress" } : { kind: "mention" };
}

export type ReportIntent = "complete" | "progress";

/** A report led by its code: anything that is not a completion is progress. */
export function classifyReport(text: string): ReportIntent {
  return readReport(text).kind === "complete" ? "complete" : "progress";
}

const ACK = /^(?:(?:收到了?|好的?了?|明白了?|知道了?|了解|已阅|ok|OK|嗯+|谢谢[您你]?|感谢|辛苦了?|👌|👍|🙏|\[(?:强|OK|抱拳|握手)\])[!！。.,，~～\s]*)+$/u;

/** `收到` and the like: a reply to a reminder that reports nothing. */
export function isAcknowledgement(text: string): boolean {
  return ACK.test(text.trim());
}
