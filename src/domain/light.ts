/**
 * The daily light (亮灯) of an open issue, worst first: 红 overdue, 黄 lagging (a milestone
 * missed, progress behind 序时进度, or no report for too long), 蓝 due soon, 绿 on track.
 * The rule itself is SQL (store/light-sql.ts), so that every job counts 100,000 issues
 * without reading them; this is its vocabulary.
 */
export const LIGHTS = ["RED", "YELLOW", "BLUE", "GREEN"] as const;
export type Light = (typeof LIGHTS)[number];

/** The colours a 督办单 is issued in (green is the absence of one). */
export const NOTICE_COLOURS = ["RED", "YELLOW", "BLUE"] as const satisfies readonly Light[];
export type NoticeColour = (typeof NOTICE_COLOURS)[number];

const NAME: Record<Light, string> = { RED: "红", YELLOW: "黄", BLUE: "蓝", GREEN: "绿" };

/** `红` */
export const colourName = (l: Light): string => NAME[l];

/** `红灯` */
export const lightLabel = (l: Light): string => `${NAME[l]}灯`;

/** `红灯` → RED: the words 清单 takes (the bare 红 could be part of a unit's or a source's name). */
export const lightNamed = (word: string): Light | undefined => LIGHTS.find((l) => lightLabel(l) === word);

/** `红色督办单` */
export const noticeLabel = (c: NoticeColour): string => `${NAME[c]}色督办单`;

/** `督〔2026〕12号` */
export const noticeNumber = (n: { year: number; number: number }): string => `督〔${n.year}〕${n.number}号`;
