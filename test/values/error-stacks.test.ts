// err.stack on a device (sdk/compiler/lower/error-stacks.ts): the first line as Node writes it,
// then the frame where the program made the error and its callers' as far as the program's text
// proves them, naming the functions as V8 does and giving the TypeScript file, line and column (conformance's error-stacks.ts compares the rest with
// Node, frames left out).

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runApp } from "../../sdk/cli/run-app.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";

const BOARD = "mps2-an385";

const SOURCE = `function read(): Error { return new Error("in a function"); }
class Probe {
  constructor(public made: Error[]) { made.push(new RangeError("in a constructor")); }
  measure(): Error { return new TypeError("in a method"); }
}
const arrow = () => new Error("in an arrow");
const probe = new Probe([]);
for (const e of [read(), probe.made[0], probe.measure(), arrow(), new Error("at top level")]) console.log(e.stack);
try {
  JSON.parse("{");
} catch (e) {
  console.log((e as Error).stack);
}
function inner(): Error { return new Error("deep"); }
function middle(): Error { return inner(); }
const outer = (): Error => middle();
console.log(outer().stack);
function shared(): Error { return new Error("shared"); }
function first(): Error { return shared(); }
console.log(first().stack, shared().message);
`;

describe.skipIf(!qemuAvailable())("err.stack", () => {
  it("names the function and the TypeScript position where the error was made", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "mote-stacks-")), "stacks.ts");
    writeFileSync(file, SOURCE);
    const run = await runApp(file, BOARD, { timeoutMs: 60_000 });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toBe([
      "Error: in a function", "    at read (stacks.ts:1:33)", "    at stacks.ts:8:18",
      "RangeError: in a constructor", "    at new Probe (stacks.ts:3:49)",
      "TypeError: in a method", "    at Probe.measure (stacks.ts:4:29)",
      "Error: in an arrow", "    at arrow (stacks.ts:6:21)", "    at stacks.ts:8:58",
      "Error: at top level", "    at stacks.ts:8:67",
      // An error the runtime makes has no frame of the program's: the first line only.
      "SyntaxError: Expected property name or '}' in JSON at position 1",
      // The callers' frames, while each function has one call in the program, to the top
      // level; a function called from two places ends the stack.
      "Error: deep", "    at inner (stacks.ts:14:34)", "    at middle (stacks.ts:15:35)", "    at outer (stacks.ts:16:28)", "    at stacks.ts:17:13",
      "Error: shared", "    at shared (stacks.ts:18:35) shared",
      "",
    ].join("\n"));
  });
});
