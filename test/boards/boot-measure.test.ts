// What mote-boot costs (issue 10's bench): its size, the instructions from reset to the app's
// first statement with a 64 KB image checked, and a swap's instructions — exact counts on
// mps2-an385 (QEMU's plugin) and the pico (rp2040js). The numbers are printed beside the
// issue's targets; the bounds only catch a large regression.
//
// "Reset to the app" is a boot's count minus the same app's count run on its own (linked at
// the flash's start, no mote-boot): what is left is mote-boot's work and the jump.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { moduleSizes } from "../../sdk/compiler/link/sizes.ts";
import { buildMoteBoot } from "../../sdk/boot/build.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { boot as runApp } from "./boot.ts";
import { bootOnce, fixture, flashFileWith, signedApp, trustedKey } from "./boot-images.ts";

const BOARDS = ["mps2-an385", "pico"].filter((id) => findBoard(id).simulator.kind !== "qemu" || qemuAvailable());
const IMAGE_BYTES = 64 * 1024;

/** An app of about 64 KB: a constant string (flash) that it reads once. */
function bigApp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "mote-boot-64k-"));
  const file = path.join(dir, "boot-app-64k.ts");
  const filler = Array.from({ length: IMAGE_BYTES - 8 * 1024 }, (_, i) => String.fromCharCode(97 + (i % 26))).join("");
  writeFileSync(file, `const FILLER = "${filler}";\nconsole.log(\`app \${FILLER.length}\`);\n`);
  return file;
}

describe("mote-boot measured", () => {
  for (const id of BOARDS) {
    it(`size, reset to the app with a 64 KB image, and a swap on ${id}`, { timeout: 600_000 }, async () => {
      const board = findBoard(id);
      const built = buildMoteBoot(board, { key: trustedKey, forSimulator: true });
      if (!built.ok) throw new Error(built.diagnostics);
      const size = built.image.flashBytes.length;
      const modules = moduleSizes(built.image.symbols).sort((a, b) => (b.text + b.rodata) - (a.text + a.rodata));
      const byArea = (test: (module: string) => boolean) => modules.filter((m) => test(m.module)).reduce((n, m) => n + m.text + m.rodata + m.data, 0);
      const crypto = byArea((m) => m.includes("sdk/lib/crypto"));
      const own = byArea((m) => m.includes("sdk/boot"));

      // 64 KB behind mote-boot, and the same app alone.
      const app = bigApp();
      const image = signedApp(id, app, "1.0.0");
      expect(image.length).toBeGreaterThan(IMAGE_BYTES - 4096);
      const behind = await bootOnce(board, flashFileWith(board, { image, confirmed: true }), { countInstructions: true });
      expect(behind.stdout).toMatch(/app \d+\n$/);
      const alone = await runApp(app, id, { countInstructions: true });
      expect(alone.stdout).toBe(behind.stdout.replace(/^mote-boot: .*\n/gm, ""));
      const toApp = behind.run.instructions! - alone.run.instructions!;

      // A test swap of two small images, against a boot of the same primary with nothing to swap.
      const v1 = signedApp(id, "boot-app.ts", "1.0.0");
      const v2 = signedApp(id, "boot-app.ts", "2.0.0");
      const plain = await bootOnce(board, flashFileWith(board, { image: v2, confirmed: true }), { countInstructions: true });
      const swapping = await bootOnce(board, flashFileWith(board, { image: v1, confirmed: true }, { image: v2, request: "test" }), { countInstructions: true });
      const swapSectors = Number(/\((\d+) sectors\)/.exec(swapping.stdout)?.[1]);
      // The swap boot checks the incoming image too, which costs what the plain boot's check does.
      const plainCheck = plain.run.instructions! - (await runApp(fixture("boot-app.ts"), id, { countInstructions: true })).run.instructions!;
      const swap = swapping.run.instructions! - plain.run.instructions! - plainCheck;

      console.log([
        `mote-boot on ${id}:`,
        `  size                     ${size} bytes (target 16 KB): crypto ${crypto}, sdk/boot ${own}, the rest runtime and flash driver`,
        `  largest modules          ${modules.slice(0, 6).map((m) => `${m.module.replace(/^.*sdk\//, "")} ${m.text + m.rodata}`).join(", ")}`,
        `  reset → app, 64 KB image ${(toApp / 1e6).toFixed(2)} M instructions (target 30 M; ${image.length}-byte image)`,
        `  one image check, ${v2.length} B  ${(plainCheck / 1e6).toFixed(2)} M instructions`,
        `  swap of ${swapSectors} sectors        ${(swap / 1e6).toFixed(2)} M instructions (${Math.round(swap / swapSectors / 1000)} K per sector, flash waits included)`,
      ].join("\n"));
      // Measured 37,312 B and 25.50 M (mps2-an385), 38,420 B and 25.88 M (pico): the bounds
      // keep the size with a little room, and the time within issue 10's target.
      expect(size).toBeLessThan(40_000);
      expect(toApp).toBeLessThan(30_000_000);
    });
  }
});
