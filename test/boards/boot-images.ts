// What the mote-boot tests share: mote-boot built for a board with a test key, apps built for
// its primary slot and signed (or damaged on purpose), and runs from a composed flash file
// whose console is collected.

import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findBoard } from "../../boards/index.ts";
import type { Board } from "../../boards/types.ts";
import { build } from "../../sdk/compiler/index.ts";
import { buildMoteBoot } from "../../sdk/boot/build.ts";
import { bootImageOf, type BootImage, type RunOptions, type RunResult } from "../../sdk/sim/index.ts";
import { runFromFlash, writeFlashFile, type FlashComposition, type SlotContents } from "../../sdk/sim/boot-flash.ts";
import { headerSizeFor, loadAddressFor } from "../../flash-tool/image/board-image.ts";
import { parseVersion } from "../../flash-tool/image/header.ts";
import { signImage } from "../../flash-tool/image/sign.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
/** A fixture by name, or any app by absolute path. */
export const fixture = (name: string) => path.resolve(here, "fixtures", name);

export const trustedKey: KeyObject = generateKeyPairSync("ed25519").privateKey;
export const otherKey: KeyObject = generateKeyPairSync("ed25519").privateKey;

const bootImages = new Map<string, { image: BootImage; bytes: number }>();

/** mote-boot for `boardId`, trusting `trustedKey`, verbose; built once per board. */
export function moteBoot(boardId: string): { image: BootImage; bytes: number } {
  let boot = bootImages.get(boardId);
  if (!boot) {
    const result = buildMoteBoot(findBoard(boardId), { key: trustedKey, verbose: true, forSimulator: true });
    if (!result.ok) throw new Error(result.diagnostics);
    boot = { image: bootImageOf(result.image, result.files!.elf), bytes: result.image.flashBytes.length };
    bootImages.set(boardId, boot);
  }
  return boot;
}

const bodies = new Map<string, Uint8Array>();

/** The raw binary of fixture `app` (a boot-app*.ts) at `version`, linked for the primary slot;
 *  `crashResets`: a crash resets the device, as on hardware, instead of ending the run. */
export function slotApp(boardId: string, app: string, version: string, crashResets = false): Uint8Array {
  const cacheKey = `${boardId} ${app} ${version} ${crashResets}`;
  let body = bodies.get(cacheKey);
  if (!body) {
    const result = build({
      entry: fixture(app), board: findBoard(boardId), forSimulator: true, imageSlot: true, identity: { deviceId: `boot-${boardId}`, version }, crashResets,
      outDir: mkdtempSync(path.join(tmpdir(), "mote-boot-app-")),
    });
    if (!result.ok) throw new Error(result.diagnostics);
    body = result.image.flashBytes;
    bodies.set(cacheKey, body);
  }
  return body;
}

/** Fixture `app` at `version`, signed for the board's primary slot with `key`. */
export function signedApp(boardId: string, app: string, version: string, key: KeyObject = trustedKey, crashResets = false): Uint8Array {
  return signedAppWithHash(boardId, app, version, key, crashResets).bytes;
}

/** signedApp, with the image's hash (the SHA256 TLV, what SMP's image commands name it by). */
export function signedAppWithHash(boardId: string, app: string, version: string, key: KeyObject = trustedKey, crashResets = false): { bytes: Uint8Array; hash: Uint8Array } {
  const board = findBoard(boardId);
  return signImage(slotApp(boardId, app, version, crashResets), {
    key, version: parseVersion(version), headerSize: headerSizeFor(board.chip), loadAddress: loadAddressFor(board),
  });
}

/** A flash file for `boardId` under a new temporary directory, composed as given. */
export function flashFileWith(board: Board, primary?: SlotContents, secondary?: SlotContents): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "mote-boot-flash-")), "flash.bin");
  const what: FlashComposition = { boot: moteBoot(board.id).image, primary, secondary };
  writeFlashFile(board, file, what);
  return file;
}

/** One boot from the flash file: the console as text, and the run. */
export async function bootOnce(board: Board, flashFile: string, options: Omit<RunOptions, "board" | "image" | "flashFile"> = {}): Promise<{ run: RunResult; stdout: string }> {
  const chunks: Buffer[] = [];
  const run = await runFromFlash(board, moteBoot(board.id).image, flashFile, { ...options, onConsole: (bytes) => chunks.push(Buffer.from(bytes)) });
  return { run, stdout: Buffer.concat(chunks).toString() };
}

/** The flash file's bytes now. */
export function flashNow(file: string): Uint8Array {
  return new Uint8Array(readFileSync(file));
}
