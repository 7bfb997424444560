// Bitwise results are int32 whatever their operands hold, so the range analysis
// (sdk/compiler/passes/ranges.ts) bounds some of them even when an operand may be any number:
// `x & 0xfff` lies in [0, 4095], `x >>> 20` below 2^12, `x >> 8` within 24 bits. Products of
// such values are small integers: one MULS, not a call of the general multiply (__rt_mul,
// which boxes what overflows). The Pico's clock computes its alarm this way (timer-clock.ts).

import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";

/** The functions of the program's own module that call __rt_mul (from the linked ELF). */
function callersOfMul(source: string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), "mote-bitwise-"));
  const file = path.join(dir, "app.ts");
  writeFileSync(file, source);
  const result = build({ entry: file, board: findBoard("mps2-an385"), outDir: dir, forSimulator: true });
  if (!result.ok) throw new Error(result.diagnostics);
  const own = new Set(result.image.symbols.filter((s) => s.module.endsWith("app.ts")).map((s) => s.name));
  const listing = execFileSync("arm-none-eabi-objdump", ["-d", result.files!.elf], { encoding: "utf8" });
  const callers = new Set<string>();
  let current = "";
  for (const line of listing.split("\n")) {
    const heading = /^[0-9a-f]+ <(.+)>:$/.exec(line);
    if (heading) current = heading[1];
    else if (/\sbl\s.*<__rt_mul>$/.test(line) && own.has(current)) callers.add(current);
  }
  return [...callers];
}

describe("bitwise results bound their ranges", () => {
  it("multiplies masked and shifted words of unknown value without the general multiply", () => {
    expect(callersOfMul(`import { peek32 } from "mote/intrinsics";
const raw = peek32(0x20000000);
const low = (raw & 0xfff) * 1000;
const high = (raw >>> 20) * 3;
const middle = ((raw >> 8) & 0xffff) * 7;
if (low + high + middle > 5) console.log("some");
else console.log("none");
`)).toEqual([]);
  });

  it("calls it where a factor is not bounded", () => {
    expect(callersOfMul(`import { peek32 } from "mote/intrinsics";
const raw = peek32(0x20000000);
if (raw * 1000 > 5) console.log("some");
`)).not.toEqual([]);
  });

  it("bounds a shift whose count a branch bounds, as long as no bit reaches the sign, and a length plus a little", () => {
    // (1 << n) - 1 for n in 0..20 lies in [0, 2^20 - 1]: the product below is a small integer.
    // A length is below LENGTH_MAX (values.ts), so the length plus one is a small integer too.
    const shifted = (bound: number) => callersOfMul(`import { peek32 } from "mote/intrinsics";
const n = peek32(0x20000000) & 31;
if (n <= ${bound}) {
  const mask = (1 << n) - 1;
  if (mask * 100 > 5) console.log("some");
}
const bytes = new Uint8Array(peek32(0x20000004) & 0xff);
const framed = bytes.length + 1;
if (framed * 1 > 5) console.log("long");
`);
    expect(shifted(20)).toEqual([]);
    // 1 << 31 is negative: no bound then.
    expect(shifted(31)).not.toEqual([]);
  });
});
