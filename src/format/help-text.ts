import type { Actor } from "../domain/actor.ts";

/** The commands this person may use here, and nothing they may not. */
export function helpText(actor: Actor): string {
  const role = actor.room?.role.kind;
  const inUnit = role === "UNIT" || (!actor.room && actor.units.length > 0);
  const seesAll = actor.isAdmin || actor.isLeader || role === "LEADERS";
  const lines = ["督办助手可用命令："];
  lines.push("查询 <编号>：查看问题详情和最近进度");
  if (inUnit) {
    lines.push("清单 [来源]：本单位未销号问题，如：清单 暗访");
    if (role === "UNIT" || !(actor.isAdmin || actor.isLeader)) lines.push("清单 红灯 / 黄灯 / 蓝灯 / 绿灯：本单位该灯问题及原因");
    lines.push("逾期 [来源]：本单位逾期问题");
    lines.push("进度 <编号> <说明>：报送进度，可写百分比，如60%");
    lines.push("完成 <编号> <说明>：报告整改完成，待核实销号");
    lines.push("延期 <编号> <日期> <理由>：申请延期");
    lines.push("签收 <编号>：签收督查室交办的问题（或引用交办通知回复“收到”）");
    lines.push("自查 [<日期>] <问题描述>：登记本单位自查发现的问题");
    lines.push("方案 <编号>，其后每行一个“<日期> <节点内容>”（或用“；”隔开）：制定整改方案");
    lines.push("节点 <编号> <序号> 完成 [说明]：报送整改节点完成");
    lines.push("也可直接发：<编号> 已完成 / <编号> <进展情况>，完成后可补发现场照片或整改报告等文件");
  }
  if (seesAll) {
    if (!inUnit) lines.push("清单 <单位名> [来源]：某单位未销号问题");
    if (role !== "UNIT") lines.push("清单 <责任领导>：该领导分管问题，按亮灯排列，如：清单 张副区长");
    if (role !== "UNIT") lines.push("清单 红灯 / 黄灯 / 蓝灯 / 绿灯：全部该灯问题，按单位排列");
    if (!inUnit) lines.push("逾期 [来源]：全部逾期问题，如：逾期 中央环保督察");
    // A unit's group never gets the district-wide digest (统计 is refused there), so it is not offered.
    if (role !== "UNIT") lines.push("统计：即时日报（统计 文字：只要文字版）");
    if (role !== "UNIT") lines.push("督办单 [红/黄/蓝] [单位名]：本年度督办单台账");
  }
  if (actor.isAdmin) {
    lines.push("绑定 <单位名> / 绑定 领导 / 解绑：设置本群");
    lines.push("核实 <编号> 通过 / 核实 <编号> 退回 <理由>");
    lines.push("交办 <单位名> <日期> <问题描述>：交办新问题，可随后发暗访照片");
    lines.push("批准延期 <编号> <日期> / 驳回延期 <编号> <理由>");
    lines.push("回头看 <编号> 合格 / 回头看 <编号> 反弹 <说明>");
    lines.push("附件 <编号>：私信发回该问题的照片和文件");
    lines.push("导出：私信发回当前台账（Excel）");
    lines.push("通报：私信发回本周情况通报（Word；每周第一个工作日发回上周的）");
  }
  if (!inUnit && !seesAll) lines.push("您尚未加入已绑定的工作群，请联系督查室。");
  return lines.join("\n");
}
