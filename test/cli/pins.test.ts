// `mote run` shows the board: LED and output-pin changes on stderr, never on stdout (which
// stays the device console), paced to the host's clock so a blink looks like one.

import { describe, expect, it } from "vitest";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { mote } from "../fixtures/mote-cli.ts";

describe("mote run --trace-pins", () => {
  it("prints each LED change with its simulated time on stderr, in real time (pico)", async () => {
    const started = Date.now();
    const ran = await mote(["run", "examples/blinky/app.ts", "--board", "pico", "--trace-pins", "--timeout", "1.7"]);
    expect(ran.code).toBe(124);
    expect(ran.stdout).toBe("");
    const changes = ran.stderr.split("\n").filter((l) => l.startsWith("[pin]"));
    expect(changes).toHaveLength(3);
    expect(changes[0]).toMatch(/^\[pin\]\s+50\d\.\d{3} ms  LED 1$/);
    expect(changes[1]).toMatch(/^\[pin\]\s+100\d\.\d{3} ms  LED 0$/);
    // Paced: three half-second blinks took at least a second and a half of the host's time.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
  });

  it.skipIf(!qemuAvailable())("prints LED changes on a QEMU board (microbit), in order", async () => {
    const ran = await mote(["run", "examples/blinky/app.ts", "--board", "microbit", "--trace-pins", "--timeout", "1.2"]);
    expect(ran.stdout).toBe("");
    const changes = ran.stderr.split("\n").filter((l) => l.startsWith("[pin]"));
    expect(changes.slice(0, 2)).toEqual(["[pin] LED 1", "[pin] LED 0"]);
  });
});
