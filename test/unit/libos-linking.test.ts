// The libOS costs a blinky only what it uses (issue 8's blinky target): timers are a linked
// list, so they link no array code, and count loop time that never boxes, so blinky needs no
// collector; a pin can conflict only once some pin is used as an input (an output-only pin, an
// LED register, never is), so blinky links no conflict error, hence no Error class, no
// uncaught-error printer and no string building; an array literal cannot be a RangeError
// (passes/array-lengths.ts); a board without fixed pin levels links no table of them.

import { describe, expect, it } from "vitest";
import { linkedSizes } from "./linked-symbols.ts";

const linked = (source: string, board?: string) => linkedSizes(source, board).map((s) => s.name);

const BLINKY = `import { pins } from "mote";\nconst led = pins.LED;\nsetInterval(() => { led.toggle(); }, 500);\n`;

describe("blinky links only what it uses", () => {
  it("links no arrays, errors, throw machinery or string equality on mps2-an385 (output-only LED)", () => {
    const sizes = linkedSizes(BLINKY);
    const names = sizes.map((s) => s.name);
    // The SysTick clock takes the addresses of its record raw (lower/intrinsics.ts): no tagging
    // and unboxing of them, about 600 bytes of checks and stubs.
    const clock = sizes.filter((s) => s.name.startsWith("systick-clock.")).reduce((sum, s) => sum + s.size, 0);
    expect(clock).toBeLessThan(1600);
    // A simulator build does not reset after a crash (start.ts exit): no reset linked.
    expect(names).not.toContain("port.systemReset");
    expect(names.filter((n) => n.startsWith("arrays.") || n.startsWith("errors.") || n.startsWith("strings."))).toEqual([]);
    expect(names.filter((n) => n === "__rt_throw" || n.startsWith("pins.Pin.use"))).toEqual([]);
    expect(names).toContain("pins.OutputOnlyPin.toggle");
    // It allocates only at start-up, and its event loop never boxes a time (loop-time.ts):
    // no collector (passes/static-heap.ts).
    expect(names).toContain("heap.staticAlloc");
    expect(names).not.toContain("heap.collectFrom");
  });
  it("links no conflict error on pico either, whose LED is an I/O pin, until some pin is used as an input", () => {
    const names = linked(BLINKY, "pico");
    expect(names.filter((n) => n.startsWith("errors.") || n === "pins.Pin.conflict" || n === "pins.Pin.useInput")).toEqual([]);
    // The watched pins (gpio.ts) and the interrupt handlers (interrupts.ts) are lists: the pins'
    // start-up and the clock's registration make no array, so no array code at all.
    expect(names.filter((n) => n.startsWith("arrays."))).toEqual([]);
    expect(names).not.toContain("arrays.arraySet");
    expect(names).not.toContain("heap.collectFrom");
    const both = linked(`import { pins } from "mote";\npins.BUTTON.onChange("both", (level) => pins.LED.write(level));\n`, "pico");
    expect(both).toContain("pins.Pin.conflict");
    expect(both).toContain("errors.Error<constructor>");
  });
});
