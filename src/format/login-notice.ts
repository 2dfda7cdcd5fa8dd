import { cappedLines } from "./capped-lines.ts";

/**
 * What the admins are told after each login: whether the bound groups were found again
 * (some puppets renumber them), and what to do about the ones that were not.
 */
export function loginNotice(account: string, r: { found: string[]; moved: string[]; missing: string[] }): string {
  const lines = [`督办助手已登录（${account}）。`];
  if (r.found.length + r.missing.length === 0) {
    lines.push("还没有绑定任何群：在单位工作群里发送“绑定 <单位名>”，在领导群里发送“绑定 领导”。");
    return lines.join("\n");
  }
  lines.push(`已绑定的群找到 ${r.found.length} 个${r.moved.length ? `（其中 ${r.moved.length} 个群编号已变，已按群名重新关联）` : ""}。`);
  if (r.missing.length) {
    lines.push(`未找到 ${r.missing.length} 个（绑定保留）：`);
    lines.push(...cappedLines(r.missing, 10, (t) => `- ${t}`));
    lines.push("请确认机器人仍在群内、群名未改；群已解散的，由运维运行 npm run duban -- unbind <群名> 解除绑定。");
  }
  return lines.join("\n");
}
