import { describe, expect, it } from "vitest";
import { REVIEW_REPLY_HINT, buildReviewList } from "../../src/schedule/build-review-list.ts";

describe("buildReviewList", () => {
  it("lists reviews due today or earlier, the oldest first", () => {
    const text = buildReviewList(
      [
        { code: "ZG-2", description: "长江岸线堆放建筑垃圾", unitName: "李渡街道办事处", reviewDue: "2026-12-07" },
        { code: "ZG-1", description: "榨菜加工企业腌制废水未经处理直排入江", unitName: "百胜镇人民政府", reviewDue: "2026-11-30" },
      ],
      { today: "2026-12-07" },
    );
    expect(text).toBe(
      [
        "【回头看提醒】12月7日（周一），待回头看 2 个：",
        "1. ZG-1 百胜镇人民政府 榨菜加工企业腌制废水未…｜应于11月30日，已过7天",
        "2. ZG-2 李渡街道办事处 长江岸线堆放建筑垃圾｜今天到期",
        REVIEW_REPLY_HINT,
      ].join("\n"),
    );
  });

  it("is null when nothing is due, and counts beyond thirty", () => {
    expect(buildReviewList([], { today: "2026-12-07" })).toBeNull();
    const many = Array.from({ length: 35 }, (_, i) => ({ code: `ZG-${i}`, description: "x", unitName: "甲", reviewDue: "2026-12-01" }));
    expect(buildReviewList(many, { today: "2026-12-07" })).toContain("……另有 5 个");
  });
});
