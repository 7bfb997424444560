// A driver's test of a register bit, (peekN(address) & MASK) === 0, is made on the raw word
// (lower/conditions.ts, lower/intrinsics.ts maskedPeekBits) whatever the mask: bit 31 as a
// number is -2^31, a boxed number, and testing it the JavaScript way would link boxing and
// the collector into images that allocate nothing else. The Pico's clock start-up tests
// PLL_LOCK and XOSC_STABLE, bit 31 of their status registers.

import { describe, expect, it } from "vitest";
import { linkedSymbols } from "./linked-symbols.ts";

describe("register bit tests cost no numbers", () => {
  it("hello on the pico (clock start-up included) links no collector and no boxing", () => {
    const names = linkedSymbols(`console.log("hello");\n`, "pico");
    expect(names).toContain("clocks.clocksInit");
    expect(names.filter((n) => n.startsWith("heap."))).toEqual([]);
    expect(names).not.toContain("__rt_box");
    expect(names).not.toContain("__rt_num_binop");
  });

  it("tests of bit 31 and of small masks against 0, either way round, link no collector", () => {
    const names = linkedSymbols(`import { peek32 } from "mote/intrinsics";
const HIGH = 1 << 31;
const address = 0x20000000;
if ((peek32(address) & HIGH) === 0) console.log("bit 31 clear");
if ((peek32(address) & HIGH) !== 0) console.log("bit 31 set");
if (0 === (peek32(address) & 4)) console.log("bit 2 clear");
`);
    expect(names.filter((n) => n.startsWith("heap."))).toEqual([]);
  });
});
