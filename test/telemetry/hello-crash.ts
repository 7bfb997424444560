// A real image and a crash in it, for the tests of crash symbolization from an ELF:
// examples/hello built for the Pico, and crash words as its device would record them for a
// fault inside isPrime called from the top-level code.

import path from "node:path";
import { boards } from "../../boards/index.ts";
import { callBefore } from "../../sdk/cli/crash.ts";
import { build } from "../../sdk/compiler/index.ts";
import type { LinkedImage } from "../../sdk/compiler/link/types.ts";
import { repoRoot } from "../fixtures/mote-cli.ts";

/** Builds examples/hello for the Pico: the linked image and the path of its ELF. */
export function buildHello(outDir: string): { image: LinkedImage; elfPath: string } {
  const pico = boards.find((b) => b.id === "pico")!;
  const result = build({ entry: path.join(repoRoot, "examples/hello/app.ts"), board: pico, outDir, forSimulator: true });
  if (!result.ok) throw new Error(result.diagnostics);
  return { image: result.image, elfPath: result.files!.elf };
}

/** A crash inside isPrime, called from the top level: pc in isPrime, the return address of
 *  a real call to it on the stack. */
export function crashInIsPrime(image: LinkedImage) {
  const isPrime = image.symbols.find((s) => s.kind === "func" && s.displayName === "isPrime")!;
  const caller = image.symbols.find((s) => s.kind === "func" && s.name.endsWith(".<init>") && s.module.endsWith("app.ts"))!;
  let returnAddress = 0;
  for (let at = caller.address; at < caller.address + caller.size; at += 2) {
    if (callBefore(image, (at + 1) | 1)?.target === isPrime.address) returnAddress = (at + 1) | 1;
  }
  if (returnAddress === 0) throw new Error("no call to isPrime found in the top-level code of examples/hello");
  const pc = image.lines.find((l) => l.offset > isPrime.address + 8 && l.offset < isPrime.address + isPrime.size)!.offset;
  return { kind: "hardfault", code: 3, pc, lr: returnAddress, sp: 0x20040f00, frames: [returnAddress] };
}
