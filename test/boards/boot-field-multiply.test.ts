// mote-boot's field multiplication, the port's routine for the bare profile
// (ports/armv6m/rt/field-multiply.ts), gives the residues of the generated one apps use, on the
// micro:bit's Cortex-M0: edge cases and 275 pseudo-random pairs (fixtures/boot-field-multiply.ts).

import { expect, it } from "vitest";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { boot } from "./boot.ts";
import { fixture } from "./boot-images.ts";

it.skipIf(!qemuAvailable())("multiplies field elements as the generated code does on microbit", { timeout: 120_000 }, async () => {
  const { run, stdout } = await boot(fixture("boot-field-multiply.ts"), "microbit", {});
  expect(run.reason, run.simulatorLog).toBe("exit");
  expect(stdout).toBe("field multiply: 300 agree\n");
});
