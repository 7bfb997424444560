// mote-boot's SHA-512 block function, the port's routine for the bare profile
// (ports/armv6m/rt/sha512-compress.ts): digests of 28 messages across the padding's edges (one
// to nine blocks) equal node:crypto's bit for bit (fixtures/boot-sha512.ts), on the micro:bit's
// Cortex-M0.

import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { boot } from "./boot.ts";
import { fixture } from "./boot-images.ts";

/** The fixture's message: the same 16-bit generator. */
function message(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let seed = 0x2545;
  for (let i = 0; i < length; i++) {
    seed = (seed * 75 + 74) % 65537;
    bytes[i] = seed >> 8;
  }
  return bytes;
}

it.skipIf(!qemuAvailable())("hashes as node:crypto does on microbit", { timeout: 120_000 }, async () => {
  const { run, stdout } = await boot(fixture("boot-sha512.ts"), "microbit", {});
  expect(run.reason, run.simulatorLog).toBe("exit");
  const lines = stdout.trimEnd().split("\n");
  expect(lines.length).toBe(28);
  for (const line of lines) {
    const [length, digest] = line.split(" ");
    expect(`${length} ${digest}`).toBe(`${length} ${createHash("sha512").update(message(Number(length))).digest("hex")}`);
  }
});
