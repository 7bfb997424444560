// mote-boot's port routines for the bare profile, in one program on the micro:bit's Cortex-M0
// (fixtures/boot-port-routines.ts):
// - the field multiplication (ports/armv6m/rt/field-multiply.ts) gives the residues of the
//   generated one apps use: edge cases and 275 pseudo-random pairs;
// - SHA-512's block function (ports/armv6m/rt/sha512-compress.ts): digests of 28 messages
//   across the padding's edges (one to nine blocks) equal node:crypto's bit for bit.
// (SHA-256's block function, sha256-compress.ts, hashes every image in the boot tests.)

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

it.skipIf(!qemuAvailable())("multiplies field elements and hashes SHA-512 blocks as the references do on microbit", { timeout: 120_000 }, async () => {
  const { run, stdout } = await boot(fixture("boot-port-routines.ts"), "microbit", {});
  expect(run.reason, run.simulatorLog).toBe("exit");
  const lines = stdout.trimEnd().split("\n");
  expect(lines.shift()).toBe("field multiply: 300 agree");
  expect(lines.length).toBe(28);
  for (const line of lines) {
    const [length, digest] = line.split(" ");
    expect(`${length} ${digest}`).toBe(`${length} ${createHash("sha512").update(message(Number(length))).digest("hex")}`);
  }
});
