// The regular expression matcher on the device (sdk/lib/rt/regexp.ts): its backtracking is
// bounded by the heap it may take, so a pattern that would need more throws RangeError
// "Maximum call stack size exceeded" (as V8 does when its own backtracking stack runs out) and
// the program goes on; and what a typical match costs, in exact instruction counts on
// mps2-an385, with the matcher's code size (bounds with a little room, so that a change that
// makes them worse fails here and says by how much).

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { moduleSizes } from "../../sdk/compiler/link/sizes.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { boot, buildFor } from "./boot.ts";

function program(source: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "mote-regexp-")), "app.ts");
  writeFileSync(file, source);
  return file;
}

// Each character the star takes leaves four entries on the matcher's stack (48 bytes):
// 2,000 of them are about 96 KB, more than the micro:bit's 16 KB of RAM, far less than the
// 4 MB of mps2-an385, where the match fails as on Node.
const deepBacktracking = program(`
const text = "ab".repeat(1000);
try {
  console.log(/^(?:a|b)*c/.test(text));
} catch (e) {
  console.log(String(e));
}
console.log(/^(?:a|b)*$/.test(text.slice(0, 20)), "after");
`);

describe.skipIf(!qemuAvailable())("RegExp on the device", () => {
  it("a match that needs more backtracking than the heap holds throws RangeError, and the program goes on", async () => {
    const { run, stdout } = await boot(deepBacktracking, "microbit", {});
    expect(run.exitCode, stdout).toBe(0);
    expect(stdout).toBe("RangeError: Maximum call stack size exceeded\ntrue after\n");
  });

  it("where memory allows, the same match runs to its end as on Node", async () => {
    const { run, stdout } = await boot(deepBacktracking, "mps2-an385", {});
    expect(run.exitCode, stdout).toBe(0);
    expect(stdout).toBe("false\ntrue after\n");
  });

  it("exec of /(\\d+)-(\\d+)/ on a 20-character string, and the matcher's size", async () => {
    const source = (runs: number) => program(`
const re = /(\\d+)-(\\d+)/;
const inputs = ["order 1234-5678 done", "x"];
let found = 0;
for (let i = 0; i < ${runs}; i++) { const m = re.exec(inputs[i & 0]); if (m !== null) found += m.length; }
console.log(found, inputs[1].length);
`);
    const counts: number[] = [];
    for (const runs of [1, 11]) {
      const { run } = await boot(source(runs), "mps2-an385", { countInstructions: true });
      expect(run.exitCode).toBe(0);
      counts.push(run.instructions!);
    }
    const perExec = (counts[1] - counts[0]) / 10;
    const result = buildFor(source(1), "mps2-an385");
    if (!result.ok) throw new Error(result.diagnostics);
    const matcher = moduleSizes(result.image.symbols).find((m) => m.module.endsWith("sdk/lib/rt/regexp.ts"))!;
    const bytes = matcher.text + matcher.rodata + matcher.data;
    console.log(`[regexp] exec of /(\\d+)-(\\d+)/ on 20 characters: ${perExec} instructions; sdk/lib/rt/regexp.ts: ${bytes} bytes`);
    expect(perExec).toBeLessThan(8200);
    expect(bytes).toBeLessThan(15500);
  });
});
