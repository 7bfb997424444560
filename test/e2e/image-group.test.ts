// The device's SMP image group (sdk/lib/smp/image-group.ts) end to end with the host's real
// client (flash-tool/smp SmpClient), on the Pico (rp2040js) and mps2-an385 (QEMU, through a
// pseudo-terminal), with the flash kept in a file: a 32 KB signed image uploaded into slot 1,
// the upload cut and resumed in the same run and after the device was stopped and booted
// again, the state as clients expect it, test and confirm, erase, and bad requests answered
// with rc codes and a reason while the device keeps answering.

import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { encodeTrailer, signImage, slotTrailerLayout, SwapType } from "../../flash-tool/image/index.ts";
import { SmpGroup, SmpOp } from "../../flash-tool/smp/index.ts";
import { bootDevice, buildImageApp, type RunningDevice } from "./image-device.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const APP = path.join(here, "../boards/fixtures/image-smp.ts");
const boards = ["pico", ...(qemuAvailable() ? ["mps2-an385"] : [])];
const { privateKey } = generateKeyPairSync("ed25519");

const running: RunningDevice[] = [];
afterEach(async () => {
  for (const device of running.splice(0)) await device.stop();
});

function image(size: number, revision: number) {
  const body = new Uint8Array(size);
  for (let i = 0; i < size; i++) body[i] = (i * 131 + revision) & 0xff;
  return signImage(body, { key: privateKey, version: { major: 1, minor: 4, revision, build: 0 }, headerSize: 0x200, loadAddress: 0x10040000 });
}

/** Uploads until the device has passed `bytes`, then stops (throws from the progress callback). */
async function uploadPart(device: RunningDevice, bytes: Uint8Array, until: number): Promise<number> {
  let reached = 0;
  await expect(device.client.imageUpload(bytes, {
    onProgress: ({ offset }) => {
      reached = offset;
      if (offset >= until) throw new Error("cut");
    },
  })).rejects.toThrow("cut");
  return reached;
}

/** Uploads the rest; returns the first offset the device answered. */
async function uploadRest(device: RunningDevice, bytes: Uint8Array): Promise<number> {
  let first = -1;
  await device.client.imageUpload(bytes, { onProgress: ({ offset }) => { if (first < 0) first = offset; } });
  return first;
}

describe.each(boards)("the SMP image group on %s", (boardId) => {
  it("uploads with resume (in a run and across a restart), reports state, tests, confirms, erases, and refuses bad requests", { timeout: 170_000 }, async () => {
    const board = findBoard(boardId);
    const app = buildImageApp(APP, boardId);
    const flashFile = path.join(mkdtempSync(path.join(tmpdir(), "mote-image-group-")), "flash.bin");
    const boot = async () => {
      const device = await bootDevice(boardId, app, flashFile);
      running.push(device);
      return device;
    };
    let device = await boot();
    const { client } = device;
    expect(await client.imageList()).toEqual([]);

    // Bad requests: rc codes with a reason; the device keeps answering.
    const upload = (body: Record<string, unknown>) => client.request(SmpOp.WRITE, SmpGroup.IMAGE, 1, body, "image upload");
    await expect(upload({ off: 0, len: 64 << 20, data: new Uint8Array(8), sha: new Uint8Array(32) })).rejects.toMatchObject({ rc: 3, reason: expect.stringMatching(/does not fit slot 1/) });
    await expect(upload({ off: 0, data: new Uint8Array(8) })).rejects.toMatchObject({ rc: 3, reason: expect.stringMatching(/needs len/) });
    await expect(upload({ off: "zero", data: 5 })).rejects.toMatchObject({ rc: 3 });
    await expect(upload({ off: 0, len: 100, data: new Uint8Array(8), sha: "abc" })).rejects.toMatchObject({ rc: 3 });
    expect(await upload({ off: 4096, data: new Uint8Array(8) })).toEqual({ rc: 0, off: 0 }); // no upload under way: start at 0
    await expect(client.imageTest(new Uint8Array(32).fill(7))).rejects.toMatchObject({ rc: 3, reason: "no image in the slots has that hash" });
    await expect(client.imageErase(0)).rejects.toMatchObject({ rc: 3 });
    await expect(client.request(SmpOp.WRITE, SmpGroup.IMAGE, 9, {}, "image 9")).rejects.toMatchObject({ rc: 8 });
    expect(await client.echo("still here")).toBe("still here");

    // A 32 KB image: cut at 40 %, resumed in the same run from where the device is.
    const first = image(32 * 1024, 1);
    const total = first.bytes.length;
    const cut = await uploadPart(device, first.bytes, total * 0.4);
    expect(await uploadRest(device, first.bytes)).toBe(cut);
    const hash = first.hash;
    expect(await client.imageList()).toEqual([{ image: 0, slot: 1, version: "1.4.1", hash, bootable: true, pending: false, confirmed: false, active: false, permanent: false }]);
    // The raw answer: "images" first, each slot with exactly these keys, in this order.
    const raw = await client.request(SmpOp.READ, SmpGroup.IMAGE, 0, {}, "image list");
    expect(Object.keys(raw)).toEqual(["images"]);
    expect(Object.keys((raw.images as object[])[0])).toEqual(["slot", "version", "hash", "bootable", "pending", "confirmed", "active", "permanent"]);

    // Erased; a second image cut at 60 %, the device stopped and booted again from its flash:
    // the upload goes on from what the flash holds.
    await client.imageErase();
    expect(await client.imageList()).toEqual([]);
    const second = image(40 * 1024, 2);
    const cutBeforeStop = await uploadPart(device, second.bytes, second.bytes.length * 0.6);
    await device.stop();
    running.splice(running.indexOf(device), 1);
    device = await boot();
    const resumedAt = await uploadRest(device, second.bytes);
    expect(resumedAt).toBeGreaterThan(cutBeforeStop - 4096);
    expect(resumedAt).toBeLessThanOrEqual(cutBeforeStop);

    // Test: pending; slot 1 is then off limits for uploads and erases.
    const secondHash = second.hash;
    expect(await device.client.imageTest(second.hash)).toEqual([{ image: 0, slot: 1, version: "1.4.2", hash: secondHash, bootable: true, pending: true, confirmed: false, active: false, permanent: false }]);
    await expect(device.client.imageErase()).rejects.toMatchObject({ rc: 6, reason: expect.stringMatching(/marked for the next boot/) });
    await expect(device.client.imageUpload(first.bytes)).rejects.toMatchObject({ rc: 6 });
    expect(await device.client.imageTest(second.hash)).toHaveLength(1); // asking again changes nothing
    await expect(device.client.imageConfirm(second.hash)).rejects.toMatchObject({ rc: 6, reason: expect.stringMatching(/already marked for a test swap/) });
    // Confirming the running image (nothing to confirm without mote-boot's test boot) is fine.
    expect(await device.client.imageConfirm()).toHaveLength(1);
    await device.stop();
    running.splice(running.indexOf(device), 1);
    const layout = board.flashLayout!;
    const trailer = slotTrailerLayout(board);
    const flash = readFileSync(flashFile);
    const end = layout.secondary.offset + layout.secondary.size;
    expect(Buffer.from(flash.subarray(end - trailer.size, end))).toEqual(Buffer.from(encodeTrailer(trailer, { magic: true, swapType: SwapType.TEST })));
    expect(Buffer.from(flash.subarray(layout.secondary.offset, layout.secondary.offset + second.bytes.length))).toEqual(Buffer.from(second.bytes));
  });
});
