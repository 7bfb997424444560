// What the mote-boot tests share: mote-boot built for a board with a test key, apps built for
// its primary slot and signed (or damaged on purpose), and runs from a composed flash file
// whose console is collected.

import { createHash, createPrivateKey, type KeyObject } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
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

/** An Ed25519 key from a fixed seed (PKCS #8: RFC 8410's prefix, then the 32-byte seed), so
 *  that builds which embed the trusted key can be kept across test files (cachedBuild). */
function seededKey(seed: number): KeyObject {
  return createPrivateKey({ key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), Buffer.alloc(32, seed)]), format: "der", type: "pkcs8" });
}

export const trustedKey: KeyObject = seededKey(1);
export const otherKey: KeyObject = seededKey(2);

const repoRoot = path.resolve(here, "../..");
let treeHash: string | undefined;

/** A hash of everything a build depends on: the compiler, the SDK, the ports, the boards, the
 *  image tools and these fixtures. */
function sourceTreeHash(): string {
  if (treeHash) return treeHash;
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith(".ts") || name.endsWith(".json")) hash.update(`${path.relative(repoRoot, file)}\0`).update(readFileSync(file));
    }
  };
  for (const dir of ["sdk", "ports", "boards", "flash-tool", "test/boards/fixtures"]) walk(path.join(repoRoot, dir));
  treeHash = hash.digest("hex");
  return treeHash;
}

const cacheDir = path.join(tmpdir(), "mote-boot-test-builds");

/** A build of `what`, made by `make` once per source tree: mote-boot takes ~10 s to compile,
 *  and each boot test file (a worker of its own) needs it. Kept in the temporary directory. */
function cachedBuild(what: string, make: () => ReturnType<typeof build>): BootImage {
  const dir = path.join(cacheDir, createHash("sha256").update(`${sourceTreeHash()} ${what}`).digest("hex").slice(0, 32));
  const meta = path.join(dir, "image.json");
  if (existsSync(meta)) {
    const kept = JSON.parse(readFileSync(meta, "utf8")) as Omit<BootImage, "flashBytes" | "elfPath"> & { flashBytes: string };
    return { ...kept, flashBytes: new Uint8Array(Buffer.from(kept.flashBytes, "base64")), elfPath: path.join(dir, "image.elf") };
  }
  const result = make();
  if (!result.ok) throw new Error(result.diagnostics);
  const image = bootImageOf(result.image, result.files!.elf);
  mkdirSync(cacheDir, { recursive: true });
  const staging = mkdtempSync(path.join(cacheDir, "new-"));
  copyFileSync(image.elfPath, path.join(staging, "image.elf"));
  writeFileSync(path.join(staging, "image.json"), JSON.stringify({ ...image, elfPath: undefined, flashBytes: Buffer.from(image.flashBytes).toString("base64") }));
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another worker kept the same build first
  }
  return image;
}

const bootImages = new Map<string, { image: BootImage; bytes: number }>();

/** mote-boot for `boardId`, trusting `trustedKey`, verbose; built once per board. */
export function moteBoot(boardId: string): { image: BootImage; bytes: number } {
  let boot = bootImages.get(boardId);
  if (!boot) {
    const image = cachedBuild(`mote-boot ${boardId}`, () => buildMoteBoot(findBoard(boardId), { key: trustedKey, verbose: true, forSimulator: true }));
    boot = { image, bytes: image.flashBytes.length };
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
    const source = createHash("sha256").update(readFileSync(fixture(app))).digest("hex");
    body = cachedBuild(`app ${path.relative(repoRoot, fixture(app))} ${source} ${cacheKey}`, () => build({
      entry: fixture(app), board: findBoard(boardId), forSimulator: true, imageSlot: true, identity: { deviceId: `boot-${boardId}`, version }, crashResets,
      outDir: mkdtempSync(path.join(tmpdir(), "mote-boot-app-")),
    })).flashBytes;
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
