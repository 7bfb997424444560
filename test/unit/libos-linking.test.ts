// The libOS costs a blinky only what it uses (issue 8's blinky target): timers are a linked
// list, so they link no array code, and count loop time that never boxes, so blinky needs no
// collector; an output-only pin (an LED register) cannot be used in two
// conflicting modes, so it links no conflict error, hence no Error class, no uncaught-error
// printer and no string building; a board without fixed pin levels links no table of them.

import { describe, expect, it } from "vitest";
import { linkedSymbols as linked } from "./linked-symbols.ts";

const BLINKY = `import { pins } from "mote";\nconst led = pins.LED;\nsetInterval(() => { led.toggle(); }, 500);\n`;

describe("blinky links only what it uses", () => {
  it("links no arrays, errors, throw machinery or string equality on mps2-an385 (output-only LED)", () => {
    const names = linked(BLINKY);
    expect(names.filter((n) => n.startsWith("arrays.") || n.startsWith("errors.") || n.startsWith("strings."))).toEqual([]);
    expect(names.filter((n) => n === "__rt_throw" || n.startsWith("pins.Pin.use"))).toEqual([]);
    expect(names).toContain("pins.OutputOnlyPin.toggle");
    // It allocates only at start-up, and its event loop never boxes a time (loop-time.ts):
    // no collector (passes/static-heap.ts).
    expect(names).toContain("heap.staticAlloc");
    expect(names).not.toContain("heap.collectFrom");
  });
  it("links the conflict error where a pin can be both input and output (pico's LED)", () => {
    const names = linked(BLINKY, "pico");
    expect(names).toContain("pins.Pin.use");
    expect(names).toContain("errors.Error<constructor>");
    expect(names).not.toContain("heap.collectFrom");
  });
});
