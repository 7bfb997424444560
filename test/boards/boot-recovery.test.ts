// mote-boot's serial recovery (sdk/boot/recovery.ts): with no valid image in the primary slot,
// or the pico's BUTTON held at reset, mote-boot serves SMP on the console UART; an image
// uploaded into slot 0 runs after a reset, verified by mote-boot as any other. On mps2-an385
// the upload and the reset are the real `mote` CLI over the board's pseudo-terminal, onto a
// primary holding a damaged image; on the pico (its UART fed from a queue in-process) the
// CLI's SMP client, onto an empty primary and then over a valid image with the button held.

import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { buildMoteBoot } from "../../sdk/boot/build.ts";
import { bootImageOf, qemuAvailable, type BootImage } from "../../sdk/sim/index.ts";
import { bootDevice, until, type RunningDevice } from "../e2e/image-device.ts";
import { flashFileWith, signedApp, trustedKey } from "./boot-images.ts";

const repoRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");
const moteBin = path.join(repoRoot, "sdk/cli/mote.js");
const ANNOUNCED = "mote-boot: serial recovery: SMP on the console UART";

function mote(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [moteBin, ...args], { cwd: repoRoot, timeout: 120_000, encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** mote-boot with serial recovery for `boardId`, verbose. */
function recoveryBoot(boardId: string): { image: BootImage; bytes: number } {
  const built = buildMoteBoot(findBoard(boardId), { key: trustedKey, verbose: true, forSimulator: true, recovery: true });
  if (!built.ok) throw new Error(built.diagnostics);
  return { image: bootImageOf(built.image, built.files!.elf), bytes: built.image.flashBytes.length };
}

const running: RunningDevice[] = [];
afterEach(async () => {
  for (const device of running.splice(0)) await device.stop();
});

async function waitFor(device: RunningDevice, text: string, from = 0): Promise<number> {
  await until(() => device.console().indexOf(text, from) >= 0, `'${text}' on the console (so far: ${JSON.stringify(device.console().slice(from))})`, 120_000);
  return device.console().indexOf(text, from) + text.length;
}

describe("mote-boot's serial recovery", () => {
  it.skipIf(!qemuAvailable())("installs an image with the mote CLI over a damaged primary on mps2-an385", { timeout: 400_000 }, async () => {
    const id = "mps2-an385";
    const board = findBoard(id);
    // The app answers SMP, so that the CLI can see it run after the reset.
    const good = signedApp(id, "image-smp.ts", "1.0.0", undefined, true);
    // A damaged primary: the image with one body byte changed (its hash no longer matches).
    const damaged = good.slice();
    damaged[damaged.length >> 1] ^= 0x01;
    const device = await bootDevice(id, recoveryBoot(id).image, flashFileWith(board, { image: damaged, confirmed: true }));
    running.push(device);
    const seen = await waitFor(device, "mote-boot: no valid image to boot (primary slot: damaged (SHA-256 differs from its SHA256 TLV))\n");
    await waitFor(device, ANNOUNCED, seen);
    await device.release!();

    const file = path.join(mkdtempSync(path.join(tmpdir(), "mote-recovery-")), "app.signed.bin");
    writeFileSync(file, good);
    const upload = await mote(["image", "upload", file, "--port", device.pty!]);
    expect(upload.stderr).toMatch(/into slot 0 \(the primary: the device is in mote-boot.s serial recovery\)\n[^]*the device.s SHA-256 of it matches/);
    expect(upload.code).toBe(0);
    const reset = await mote(["reset", "--port", device.pty!]);
    expect(reset.code, reset.stderr).toBe(0);
    // The app now answers: slot 0 holds 1.0.0, active (mote-boot verified and started it).
    let slots: Array<{ slot: number; version: string; active: boolean }> = [];
    for (let attempt = 0; attempt < 10 && !slots.some((s) => s.active); attempt++) {
      const list = await mote(["image", "list", "--port", device.pty!, "--json"]);
      if (list.code === 0) slots = JSON.parse(list.stdout);
    }
    expect(slots.map((s) => [s.slot, s.version, s.active])).toEqual([[0, "1.0.0", true]]);
  });

  it("installs an image into an empty primary, and over a valid one while BUTTON is held, on pico", { timeout: 400_000 }, async () => {
    const id = "pico";
    const board = findBoard(id);
    const boot = recoveryBoot(id).image;
    const v1 = signedApp(id, "boot-app.ts", "1.0.0");
    const v2 = signedApp(id, "boot-app.ts", "2.0.0");

    // Empty primary: recovery, an upload, a reset, v1 runs.
    const flashFile = flashFileWith(board);
    const empty = await bootDevice(id, boot, flashFile, true, [{ pin: "BUTTON", level: 1, atMs: 0 }]);
    running.push(empty);
    let seen = await waitFor(empty, "mote-boot: no valid image to boot (primary slot: empty)\n");
    seen = await waitFor(empty, ANNOUNCED, seen);
    await empty.client.imageUpload(v1);
    expect((await empty.client.imageList()).map((s) => [s.slot, s.version])).toEqual([[0, "1.0.0"]]);
    await empty.client.reset();
    await waitFor(empty, "mote-boot: starting 1.0.0\napp 1.0.0\n", seen);
    await empty.stop();
    running.length = 0;

    // v1 is valid, but BUTTON is held at reset (released a moment later): recovery, v2 over it.
    const held = await bootDevice(id, boot, flashFile, true, [{ pin: "BUTTON", level: 0, atMs: 0 }, { pin: "BUTTON", level: 1, atMs: 50 }]);
    running.push(held);
    seen = await waitFor(held, "mote-boot: BUTTON held at reset\n");
    seen = await waitFor(held, ANNOUNCED, seen);
    expect(held.console()).not.toContain("app 1.0.0");
    await held.client.imageUpload(v2);
    await held.client.reset();
    await waitFor(held, "mote-boot: starting 2.0.0\napp 2.0.0\n", seen);
  });
});
