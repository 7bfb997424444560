// The simulator layer: pick the Target that models a board (or, for the host board, runs the
// app on Node), and turn a linked image into what a Target boots. Callers (CLI, tests, bench) import from here, not from the launchers.

import type { Board } from "../../boards/types.ts";
import type { LinkedImage } from "../compiler/link/types.ts";
import { hostTarget } from "./host.ts";
import { qemuTarget } from "./qemu.ts";
import { rp2040Target } from "./rp2040.ts";
import type { BootImage, Target } from "./types.ts";
import { BOOT_RECORD, BOOT_SEED_OFFSET, WALL_CLOCK } from "../../ports/armv6m/rt/runtime.ts";

export { qemuAvailable, qemuArguments } from "./qemu.ts";
export { hostTarget, qemuTarget, rp2040Target };
export * from "./types.ts";

/** The simulator that models `board` (boards/<id>/board.ts, `simulator`). */
export function targetFor(board: Board): Target {
  switch (board.simulator.kind) {
    case "qemu":
      return qemuTarget;
    case "rp2040js":
      return rp2040Target;
    case "host":
      return hostTarget;
  }
}

/** What a Target needs from a linked image and the ELF written for it. */
function seedAddress(image: LinkedImage): number | undefined {
  const record = image.symbols.find((symbol) => symbol.name === BOOT_RECORD);
  return record === undefined ? undefined : record.address + BOOT_SEED_OFFSET;
}

export function bootImageOf(image: LinkedImage, elfPath: string): BootImage {
  return {
    elfPath,
    flashBytes: image.flashBytes,
    flashOrigin: image.layout.flash.origin,
    vectorTable: image.layout.flash.origin + image.layout.vectorTableOffset,
    powerOnSeed: seedAddress(image),
    wallClock: image.symbols.find((symbol) => symbol.name === WALL_CLOCK)?.address,
  };
}
