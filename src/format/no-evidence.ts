/**
 * Marks a completion claim with no photo or file behind it, wherever the admins see what
 * awaits verification: accepted all the same, but worth a closer look on site.
 */
export const NO_EVIDENCE = "（暂无佐证材料）";
