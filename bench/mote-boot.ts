// mote-boot's figures (issue 10's bench): `npx tsx bench/mote-boot.ts [board…]` prints, on pico
// and mps2-an385, mote-boot's size in the bare profile (what it ships as) and with serial
// recovery (built with the collector), its largest modules, and the instructions from reset to
// the app's first statement with a 64 KB image verified, split into the SHA-256 of the image
// (the difference from an ~8 KB image, per 64-byte block) and the rest (Ed25519, the trailers,
// the jump). Each count is a boot behind mote-boot minus the same app run alone. Figures
// only, beside the issue's targets (16 KB, 30 M on Cortex-M0); test/boards/boot-measure.test.ts
// keeps a bound on them.

import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { findBoard } from "../boards/index.ts";
import type { Board } from "../boards/types.ts";
import { buildMoteBoot } from "../sdk/boot/build.ts";
import { build } from "../sdk/compiler/index.ts";
import { moduleSizes } from "../sdk/compiler/link/sizes.ts";
import { bootImageOf, qemuAvailable, targetFor, type BootImage } from "../sdk/sim/index.ts";
import { runFromFlash, writeFlashFile } from "../sdk/sim/boot-flash.ts";
import { headerSizeFor, loadAddressFor } from "../flash-tool/image/board-image.ts";
import { parseVersion } from "../flash-tool/image/header.ts";
import { signImage } from "../flash-tool/image/sign.ts";

const key = generateKeyPairSync("ed25519").privateKey;
const workDir = mkdtempSync(path.join(tmpdir(), "mote-bench-boot-"));

/** An app of about `bytes` bytes: a constant string (flash) that it reads once. */
function app(bytes: number): string {
  const file = path.join(mkdtempSync(path.join(workDir, "app-")), "app.ts");
  const filler = Array.from({ length: bytes }, (_, i) => String.fromCharCode(97 + (i % 26))).join("");
  writeFileSync(file, `const FILLER = "${filler}";\nconsole.log(\`app \${FILLER.length}\`);\n`);
  return file;
}

function buildApp(file: string, board: Board, imageSlot: boolean) {
  const built = build({ entry: file, board, forSimulator: true, imageSlot, outDir: mkdtempSync(path.join(workDir, "b-")) });
  if (!built.ok) throw new Error(built.diagnostics);
  return built;
}

async function instructions(board: Board, image: BootImage, flashFile?: string): Promise<number> {
  const run = flashFile ? await runFromFlash(board, image, flashFile, { countInstructions: true }) : await targetFor(board).run({ board, image, countInstructions: true, timeoutMs: 120_000 });
  if (run.instructions === undefined) throw new Error(`no instruction count: ${run.reason} ${run.simulatorLog}`);
  return run.instructions;
}

/** Reset to the app's first statement behind mote-boot, for an app of about `bytes` bytes. */
async function resetToApp(board: Board, boot: BootImage, bytes: number): Promise<{ instructions: number; imageBytes: number }> {
  const file = app(bytes);
  const body = buildApp(file, board, true).image.flashBytes;
  const image = signImage(body, { key, version: parseVersion("1.0.0"), headerSize: headerSizeFor(board.chip), loadAddress: loadAddressFor(board) }).bytes;
  const flashFile = path.join(mkdtempSync(path.join(workDir, "flash-")), "flash.bin");
  writeFlashFile(board, flashFile, { boot, primary: { image, confirmed: true } });
  const alone = buildApp(file, board, false);
  const behind = await instructions(board, boot, flashFile);
  return { instructions: behind - await instructions(board, bootImageOf(alone.image, alone.files!.elf)), imageBytes: image.length };
}

const mega = (n: number) => `${(n / 1e6).toFixed(2)} M`;

for (const id of process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["pico", "mps2-an385"]) {
  const board = findBoard(id);
  if (board.simulator.kind === "qemu" && !qemuAvailable()) {
    console.log(`mote-boot on ${id}: QEMU is not installed`);
    continue;
  }
  const bare = buildMoteBoot(board, { key, forSimulator: true, outDir: mkdtempSync(path.join(workDir, "boot-")) });
  const recovery = buildMoteBoot(board, { key, forSimulator: true, recovery: true, outDir: mkdtempSync(path.join(workDir, "boot-")) });
  if (!bare.ok) throw new Error(bare.diagnostics);
  if (!recovery.ok) throw new Error(recovery.diagnostics);
  const modules = moduleSizes(bare.image.symbols).sort((a, b) => b.total - a.total);
  const crypto = modules.filter((m) => m.module.includes("sdk/lib/crypto")).reduce((n, m) => n + m.total, 0);
  const boot = bootImageOf(bare.image, bare.files!.elf);
  const big = await resetToApp(board, boot, 64 * 1024 - 8 * 1024);
  const small = await resetToApp(board, boot, 100);
  const blocks = (big.imageBytes - small.imageBytes) / 64;
  const perBlock = (big.instructions - small.instructions) / blocks;
  console.log([
    `mote-boot on ${id}:`,
    `  size, bare profile        ${bare.image.flashBytes.length} B (target 16 KB): mote/crypto ${crypto} B`,
    `  size, with recovery       ${recovery.image.flashBytes.length} B (the collector, the SMP server, the image group)`,
    `  largest modules           ${modules.slice(0, 8).map((m) => `${m.module.replace(/^.*sdk\//, "")} ${m.total}`).join(", ")}`,
    `  reset → app, ${big.imageBytes} B   ${mega(big.instructions)} (target 30 M)`,
    `    SHA-256                 ${Math.round(perBlock)} per 64-byte block: ${mega(perBlock * big.imageBytes / 64)} for the image`,
    `    the rest                ${mega(big.instructions - perBlock * big.imageBytes / 64)} (Ed25519, trailers, start)`,
  ].join("\n"));
}
