import type { CommandName } from "../parse/command.ts";

/** One usage line and one example per command, for hints after a malformed command. */
export const USAGE: Record<CommandName, string> = {
  帮助: "帮助",
  查询: "查询 <编号>，例如：查询 ZG-2026-003",
  清单: "清单（在单位工作群发送）；领导或督查室可用：清单 <单位名>",
  逾期: "逾期",
  进度: "进度 <编号> <说明>，例如：进度 ZG-2026-003 管网铺设60%",
  完成: "完成 <编号> <说明>，例如：完成 ZG-2026-003 设备已更换并投运",
  延期: "延期 <编号> <日期> <理由>，例如：延期 ZG-2026-003 2026-12-31 设备到货推迟",
  统计: "统计",
  绑定: "绑定 <单位名>，或 绑定 领导",
  解绑: "解绑",
  核实: "核实 <编号> 通过，或 核实 <编号> 退回 <理由>",
  批准延期: "批准延期 <编号> <日期>，例如：批准延期 ZG-2026-003 2026-12-31",
  回头看: "回头看 <编号> 合格，或 回头看 <编号> 反弹 <说明>",
  导出: "导出（私聊督办助手发送）",
  附件: "附件 <编号>，例如：附件 ZG-2026-003",
};

export function usageHint(command: CommandName, problem?: string): string {
  return `${problem ? `格式不对：${problem}。\n` : ""}用法：${USAGE[command]}`;
}
