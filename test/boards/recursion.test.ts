// The stack is sized from the board's RAM (boards/stack.ts), so recursive code reaches the
// depths ordinary programs need wherever memory allows: a 2,000-deep recursion and a
// 1,000-deep depth-first search on every board with 64 KB of RAM or more, as on Node. Where
// RAM is too small the error stays JavaScript's. An app may choose its stack (--stack).

import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { boards, findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { PANIC_OUT_OF_MEMORY, PANIC_STACK_OVERFLOW } from "../../sdk/lib/rt/panic-codes.ts";
import { boot } from "./boot.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, "fixtures/recursion-depth.ts");
const runnable = boards.filter((b) => b.simulator.kind === "rp2040js" || qemuAvailable());
const roomy = runnable.filter((b) => b.chip.ram.length >= 64 * 1024);
const small = runnable.filter((b) => b.chip.ram.length < 64 * 1024);

describe("deep recursion", () => {
  const node = execFileSync(process.execPath, ["--import", "tsx", fixture], { encoding: "utf8" });

  for (const board of roomy) {
    it(`reaches Node's result on ${board.id} (${board.chip.ram.length / 1024} KB of RAM)`, async () => {
      const { run, stdout } = await boot(fixture, board.id, {});
      expect(run.reason, run.simulatorLog).toBe("exit");
      expect(stdout).toBe(node);
    });
  }

  for (const board of small) {
    it(`stops with RangeError: Maximum call stack size exceeded on ${board.id} (${board.chip.ram.length / 1024} KB of RAM)`, async () => {
      const { run, stdout } = await boot(fixture, board.id, {});
      expect(run.reason).toBe("exit");
      expect(run.exitCode).toBe(1);
      // The crash line's panic code is the stack overflow's, which mote run reports as
      // "RangeError: Maximum call stack size exceeded" (sdk/cli/crash.ts); with 8 KB of RAM
      // the search's arrays exhaust the heap first ("RangeError: out of memory").
      const expected = board.chip.ram.length > 8 * 1024 ? [PANIC_STACK_OVERFLOW] : [PANIC_STACK_OVERFLOW, PANIC_OUT_OF_MEMORY];
      const code = Number(/!mote-crash kind=panic code=(0x[0-9a-f]+) /.exec(stdout)?.[1]);
      expect(expected).toContain(code);
    });
  }

  it("takes the app's stack size over the board's", () => {
    const pico = findBoard("pico");
    const heapEnd = (stackSize?: number) => {
      const built = build({ entry: fixture, board: pico, forSimulator: true, stackSize });
      if (!built.ok) throw new Error(built.diagnostics);
      return built.image.special.__heap_end;
    };
    const ramEnd = pico.chip.ram.origin + pico.chip.ram.length;
    expect(heapEnd(16 * 1024)).toBe(ramEnd - 16 * 1024);
    expect(heapEnd()).toBeLessThan(ramEnd - 16 * 1024);
    expect(() => heapEnd(1000)).toThrow(/multiple of 8, at least 1024/);
  });
});
