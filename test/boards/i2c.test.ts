// The I2C API and the drivers on the simulated boards: the bus finds the TMP105 and nothing
// else, a device that does not answer is an Error naming the bus and the address, a board
// without I2C has no bus to name, and the sensor, relay and button drivers work against the
// bus and pin APIs.

import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { boards, findBoard } from "../../boards/index.ts";
import { bootImageOf, qemuAvailable, targetFor } from "../../sdk/sim/index.ts";
import { boot, buildFor } from "./boot.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, "fixtures");

const i2cBoards = boards.filter((b) => b.supports.includes("i2c") && (b.simulator.kind === "rp2040js" || qemuAvailable())).map((b) => b.id);
if (!qemuAvailable()) console.warn("NOTICE: qemu-system-arm not found; the I2C tests run on pico only");

describe("I2C", () => {
  for (const boardId of i2cBoards) {
    it(`scans, reads and writes registers, and names the bus and address of a silent device on ${boardId}`, async () => {
      const { run, stdout } = await boot(path.join(fixtures, "i2c-bus.ts"), boardId, {
        sensorInputs: [{ sensor: "tmp105", value: 21.5625 }],
      });
      expect(run.reason, run.simulatorLog).toBe("exit");
      expect(stdout).toBe([
        "scan [ 72 ]",
        "I2C0: no device acknowledged address 0x50",
        "I2C0: no device acknowledged address 0x50",
        "I2C0: no device acknowledged address 0x77",
        "raw 5504 centi 2150",
        "config 96",
        "bytes 21 144 celsius 21.5625 centi 2156",
        "read 144",
        "",
      ].join("\n"));
    });
  }

  it("is a compile error naming the board on microbit, which has no I2C bus", () => {
    const result = buildFor(path.join(fixtures, "i2c-bus.ts"), "microbit");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.diagnostics).toContain("Property 'I2C0' does not exist on type 'MicrobitHasNoI2c'");
  });

  it("refuses a sensor the board does not simulate, saying which it has", async () => {
    const board = findBoard("pico");
    const result = buildFor(path.join(here, "../../examples/hello/app.ts"), "pico");
    if (!result.ok) throw new Error(result.diagnostics);
    const image = bootImageOf(result.image, result.files!.elf);
    const noSensors = { ...board, sensors: [] };
    await expect(targetFor(board).run({ board: noSensors, image, sensorInputs: [{ sensor: "tmp105", value: 20 }] }))
      .rejects.toThrow("board 'pico' has no simulated tmp105; it simulates no sensors");
  });
});

describe("drivers", () => {
  it("debounces a button into press, long-press and release events and drives an active-low relay on pico", async () => {
    const relay: number[] = [];
    const { run, stdout } = await boot(path.join(fixtures, "button-relay.ts"), "pico", {
      stopAtMs: 3_000,
      pinInputs: [
        { pin: "BUTTON", level: 1, atMs: 0 },
        // Held for 1 s, with a bounce, then a short press.
        { pin: "BUTTON", level: 0, atMs: 1_000 },
        { pin: "BUTTON", level: 1, atMs: 1_002 },
        { pin: "BUTTON", level: 0, atMs: 1_004 },
        { pin: "BUTTON", level: 1, atMs: 2_000 },
        { pin: "BUTTON", level: 0, atMs: 2_500 },
        { pin: "BUTTON", level: 1, atMs: 2_700 },
      ],
      onPinChange: (pin, level) => { if (pin === "GP2") relay.push(level); },
    });
    expect(run.reason, run.simulatorLog).toBe("stopped");
    expect(stdout).toBe("press on\nlong press\nrelease long\npress off\nrelease short\n");
    // Off (high) at start, on (low) at the first press, off again at the second.
    expect(relay).toEqual([1, 0, 1]);
  });
});
