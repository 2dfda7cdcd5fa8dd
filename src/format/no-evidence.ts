/**
 * Marks a completion claim with no photo or file behind it, wherever the admins see what
 * awaits verification: accepted all the same, but worth a closer look on site.
 */
export const NO_EVIDENCE_LABEL = "暂无佐证材料";
export const NO_EVIDENCE = `（${NO_EVIDENCE_LABEL}）`;
