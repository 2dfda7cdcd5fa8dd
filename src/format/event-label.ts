import { EVENT } from "../domain/event-type.ts";

/** How a history entry is named in a 查询 card (progress reports need no label). */
export const EVENT_LABEL: Record<string, string> = {
  [EVENT.PROGRESS]: "",
  [EVENT.COMPLETION_CLAIM]: "报完成",
  [EVENT.EXTENSION_REQUEST]: "申请延期",
  [EVENT.EXTENSION_APPROVED]: "批准延期",
  [EVENT.VERIFY_PASS]: "核实通过",
  [EVENT.SEND_BACK]: "退回",
  [EVENT.REVIEW_OK]: "回头看合格",
  [EVENT.REVIEW_REBOUND]: "回头看反弹",
  [EVENT.IMPORT_UPDATE]: "台账更新",
  [EVENT.IMPORT_CREATE]: "台账导入",
  [EVENT.ASSIGNED]: "交办",
  [EVENT.ACKNOWLEDGED]: "",
  [EVENT.SELF_FOUND]: "自查登记",
  [EVENT.EXTENSION_REFUSED]: "驳回延期",
  [EVENT.NOTICE_ISSUED]: "督办单",
  [EVENT.PLAN_SET]: "整改方案",
  [EVENT.MILESTONE_DONE]: "节点完成",
};
