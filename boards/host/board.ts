import type { Board } from "../types.ts";

/**
 * The host board: no chip, no image. `mote run app.ts --board host` bundles the app, the
 * `mote` library and ports/host with esbuild and runs it on Node (sdk/sim/host.ts), with
 * simulated pins, Node's own clock and timers, and a watchdog kept by the parent process.
 * It is the reference a native run is compared against, so it has the Pico's pin names: an
 * app written for the Pico runs on it unchanged. The memory-map fields mean nothing here
 * (zero): nothing is linked for it, and `build` refuses it.
 */
export const board: Board = {
  id: "host",
  name: "Node.js host (the app bundled with ports/host, simulated pins)",
  chip: {
    family: "host",
    cpu: "node",
    port: "host",
    // The host clock counts milliseconds; CLOCK_HZ is what mote/board says about it.
    clockHz: 1_000,
    flash: { origin: 0, length: 0 },
    ram: { origin: 0, length: 0 },
    vectorTableOffset: 0,
    irqCount: 0,
  },
  console: { driver: "host-stdout", base: 0, irq: 0 },
  pins: { LED: 25, BUTTON: 14, GP0: 0, GP1: 1, GP2: 2, GP3: 3, GP4: 4, GP5: 5 },
  drivers: { clock: "../ports/host/clock.ts", gpio: "../ports/host/gpio.ts", watchdog: "../ports/host/watchdog.ts" },
  watchdogMaxMs: 8_000,
  simulator: { kind: "host" },
  simulatorExit: "process-exit",
  stackSize: 0,
  supports: ["console", "led", "button", "timer"],
};
