// err.stack on a device (sdk/compiler/lower/error-stacks.ts): the first line as Node writes it,
// then a frame for each caller, walked from the return addresses on the stack when the error
// was made (ports/armv6m/rt/stack-capture.ts, with the call-site table of emit/call-sites.ts),
// naming the functions as V8 does and giving the TypeScript file, line and column. Frames of
// the runtime (Array.map calling back, a promise job resuming an async function, a generator's
// next) end the stack, as does a method whose receiver may be a subclass: left out, never
// wrong (conformance's error-stacks.ts compares the rest with Node, frames left out). Run on
// one ARMv7-M and one ARMv6-M board.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runApp } from "../../sdk/cli/run-app.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";

const BOARDS = ["mps2-an385", "microbit"];

const SOURCE = `function read(): Error { return new Error("in a function"); }
class Probe {
  constructor(public made: Error[]) { made.push(new RangeError("in a constructor")); }
  measure(): Error { return new TypeError("in a method"); }
  get broken(): Error { return new Error("in a getter"); }
  static make(): Error { return new Error("in a static method"); }
}
const arrow = () => new Error("in an arrow");
const probe = new Probe([]);
for (const e of [read(), probe.made[0], probe.measure(), arrow(), new Error("at top level"), probe.broken, Probe.make()]) console.log(e.stack);
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
const literal = { m(): Error { return new Error("literal method"); }, f: () => new Error("literal arrow") };
function apply(f: () => Error): Error { return f(); }
for (const e of [literal.m(), literal.f(), apply(() => new Error("anonymous")), apply(shared), [1].map(() => new Error("in map"))[0]]) console.log(e.stack);
function down(n: number): Error { return n === 0 ? new Error("ten frames at most") : down(n - 1); }
console.log(down(12).stack);
class SensorError extends Error {
  constructor(message: string, public code: number) { super(message); }
}
console.log({ nested: new SensorError("printed", 7) });
class Base { m(): Error { return new Error("a subclass may be the receiver"); } }
class Derived extends Base {}
console.log(new Derived().m().stack);
async function early(): Promise<Error> { return new Error("before await"); }
async function late(): Promise<Error> { await null; return new Error("after await"); }
function* gen(): Generator<Error> { yield new Error("in a generator"); }
console.log((gen().next().value as Error).stack);
early().then((e) => console.log(e.stack));
late().then((e) => console.log(e.stack));
const handlers = { onRead: read };
console.log(handlers.onRead().stack);
setTimeout(() => console.log(new Error("in a timer").stack), 1);
`;

describe.skipIf(!qemuAvailable())("err.stack", () => {
  for (const board of BOARDS) {
    it(`names every caller and its TypeScript position on ${board}`, async () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), "mote-stacks-")), "stacks.ts");
      writeFileSync(file, SOURCE);
      const run = await runApp(file, board, { timeoutMs: 60_000 });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stdout).toBe([
        "Error: in a function",
        "    at read (stacks.ts:1:33)",
        "    at stacks.ts:10:18",
        "RangeError: in a constructor",
        "    at new Probe (stacks.ts:3:49)",
        "    at stacks.ts:9:15",
        "TypeError: in a method",
        "    at Probe.measure (stacks.ts:4:29)",
        "    at stacks.ts:10:47",
        "Error: in an arrow",
        "    at arrow (stacks.ts:8:21)",
        "    at stacks.ts:10:58",
        "Error: at top level",
        "    at stacks.ts:10:67",
        "Error: in a getter",
        "    at get broken [as broken] (stacks.ts:5:32)",
        "    at stacks.ts:10:100",
        "Error: in a static method",
        "    at Probe.make (stacks.ts:6:33)",
        "    at stacks.ts:10:114",
        // An error the runtime makes has no frame of the program's: the first line only.
        "SyntaxError: Expected property name or '}' in JSON at position 1",
        "Error: deep",
        "    at inner (stacks.ts:16:34)",
        "    at middle (stacks.ts:17:35)",
        "    at outer (stacks.ts:18:28)",
        "    at stacks.ts:19:13",
        "Error: shared",
        "    at shared (stacks.ts:20:35)",
        "    at first (stacks.ts:21:34)",
        "    at stacks.ts:22:13 shared",
        "Error: literal method",
        "    at Object.m (stacks.ts:23:39)",
        "    at stacks.ts:25:26",
        "Error: literal arrow",
        "    at Object.f (stacks.ts:23:80)",
        "    at stacks.ts:25:39",
        "Error: anonymous",
        "    at stacks.ts:25:56",
        "    at apply (stacks.ts:24:48)",
        "    at stacks.ts:25:44",
        "Error: shared",
        "    at shared (stacks.ts:20:35)",
        "    at apply (stacks.ts:24:48)",
        "    at stacks.ts:25:81",
        // Called by the runtime (Array.map): V8 names a function value by how it is called, so
        // its frame is left out.
        "Error: in map",
        "Error: ten frames at most",
        "    at down (stacks.ts:26:52)",
        "    at down (stacks.ts:26:86)",
        "    at down (stacks.ts:26:86)",
        "    at down (stacks.ts:26:86)",
        "    at down (stacks.ts:26:86)",
        "    at down (stacks.ts:26:86)",
        "    at down (stacks.ts:26:86)",
        "    at down (stacks.ts:26:86)",
        "    at down (stacks.ts:26:86)",
        "    at down (stacks.ts:26:86)",
        "{",
        "  nested: SensorError: printed",
        "      at stacks.ts:31:23 {",
        "    code: 7",
        "  }",
        "}",
        // V8 names the receiver's class (Derived.m), which the program's text does not settle.
        "Error: a subclass may be the receiver",
        "Error: in a generator",
        "    at gen (stacks.ts:37:43)",
        // A function called through a property (V8: "at Object.read [as onRead]"): left out.
        "Error: in a function",
        "Error: before await",
        "    at early (stacks.ts:35:49)",
        "    at stacks.ts:39:1",
        // Resumed by a promise job (Node adds "at async" frames of awaiting callers: none here).
        "Error: after await",
        "    at late (stacks.ts:36:60)",
        // A timer's callback (V8: "at Timeout._onTimeout"): left out.
        "Error: in a timer",
        "",
      ].join("\n"));
    });
  }
});
