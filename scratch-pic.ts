import { writeFileSync } from "node:fs";
import { digestPictures } from "./src/picture/digest-picture.ts";
import { renderPngs } from "./src/picture/render-pngs.ts";
const units = Array.from({ length: 5 }, (_, i) => ({ name: `区水利局"两违"<${i}>`, open: 300, lights: { RED: 100, YELLOW: 50, BLUE: 20, GREEN: 130 }, pending: 3 }));
const trend = Array.from({ length: 22 }, (_, i) => ({ day: `2026-11-${String(i + 1).padStart(2, "0")}`, open: 1544 - i * 3, overdue: 104 + (i % 5) }));
const pages = digestPictures({ today: "2026-11-30", when: "11月30日（周一）", totals: { open: 1500, overdue: 500, pending: 15, closed: 2100 }, previous: { day: "2026-11-27", open: 1490, overdue: 505, pending: 15, closed: 2000 }, lights: { RED: 500, YELLOW: 250, BLUE: 100, GREEN: 650 }, units, trend, trendDays: 30, dueSoonDays: 3 });
(await renderPngs(pages)).forEach((p, i) => writeFileSync(`/tmp/rt/e${i}.png`, p));
