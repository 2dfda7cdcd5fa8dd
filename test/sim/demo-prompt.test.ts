import { describe, expect, it } from "vitest";
import { promptSteps } from "../../src/demo/run-demo.ts";

const read = (line: string) => promptSteps(line).steps.map((s) => (s.kind === "say" ? `${s.sender}|${s.room ?? ""}|${s.text}` : s.kind));

describe("the demo prompt: a command is never taken for a sender's name", () => {
  it.each([
    ["查询：ZG-2026-002", "张三|区水利局工作群|查询：ZG-2026-002"],
    ["查询: ZG-2026-002", "张三|区水利局工作群|查询: ZG-2026-002"],
    ["ZG-2026-003：已完成", "张三|区水利局工作群|ZG-2026-003：已完成"],
    ["进度 ZG-2026-003 今天开工", "张三|区水利局工作群|进度 ZG-2026-003 今天开工"],
    ["王科长: 核实 ZG-2026-003 通过", "王科长||核实 ZG-2026-003 通过"],
    ["周副区长 @ 领导群: 统计", "周副区长|领导群|统计"],
    ["李四 @ 新群: 帮助", "李四|新群|帮助"],
    ["李四: 帮助", "李四||帮助"],
    ["清单", "张三|区水利局工作群|清单"],
    ["#查询：ZG-2026-002", "张三|区水利局工作群|#查询：ZG-2026-002"],
  ])("%s", (line, expected) => {
    expect(read(line)).toEqual([expected]);
  });
  it("passes @ directives through", () => {
    expect(read("@wait 1d")).toEqual(["wait"]);
  });
});
