// The device's SMP image group (sdk/lib/smp/image-group.ts) end to end with the host's real
// client (flash-tool/smp SmpClient), on the Pico (rp2040js) and mps2-an385 (QEMU, through a
// pseudo-terminal), with the flash kept in a file: a 32 KB signed image uploaded into slot 1,
// the upload cut and resumed in the same run and after the device was stopped and booted
// again, the state as clients expect it, test and confirm, erase, bad requests (and 120
// seeded random ones) answered with rc codes and a reason while the device keeps answering;
// and on mps2-an385 an upload cut by four stops of the simulator at random moments.

import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { encodeTrailer, signImage, slotTrailerLayout, SwapType } from "../../flash-tool/image/index.ts";
import { SmpClient, SmpError, SmpGroup, SmpOp } from "../../flash-tool/smp/index.ts";
import { mulberry32 } from "../unit/mulberry32.ts";
import { bootDevice, buildImageApp, type RunningDevice } from "./image-device.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const APP = path.join(here, "../boards/fixtures/image-smp.ts");
const boards = ["pico", ...(qemuAvailable() ? ["mps2-an385"] : [])];
const { privateKey } = generateKeyPairSync("ed25519");


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

// The boards run side by side (the Pico in this process, QEMU in its own): the test's time is
// the slower board's.
describe("the SMP image group", () => {
  it.concurrent.each(boards)("on %s: uploads with resume (in a run and across a restart), reports state, tests, confirms, erases, and refuses bad requests", { timeout: 170_000 }, async (boardId) => {
    const running: RunningDevice[] = [];
    try {
      await exercise(boardId, running);
    } finally {
      for (const device of running) await device.stop();
    }
  });

  // Power cuts at random moments of an upload (seeded): the simulator stopped wherever the
  // device is — receiving, erasing a sector, programming a page — and booted again from its
  // flash; each time the upload goes on from what the flash holds, and the image arrives whole.
  it.skipIf(!qemuAvailable()).concurrent("on mps2-an385: an upload cut by power cuts at random moments resumes each time and arrives whole", { timeout: 170_000 }, async () => {
    const boardId = "mps2-an385";
    const app = buildImageApp(APP, boardId);
    const flashFile = path.join(mkdtempSync(path.join(tmpdir(), "mote-image-cuts-")), "flash.bin");
    const signed = image(48 * 1024, 7);
    const random = mulberry32(0xc075);
    const resumedAt: number[] = [];
    for (let cut = 0; cut < 4; cut++) {
      const device = await bootDevice(boardId, app, flashFile);
      // Running (the harness has loaded the flash: a stop before that is no power cut).
      await device.client.echo("up");
      let first = -1;
      const uploading = device.client.imageUpload(signed.bytes, { onProgress: ({ offset }) => { if (first < 0) first = offset; } });
      uploading.catch(() => undefined); // cut short below
      await new Promise((resolve) => setTimeout(resolve, 400 + (random() % 1600)));
      await device.stop();
      resumedAt.push(first);
    }
    const device = await bootDevice(boardId, app, flashFile);
    try {
      await device.client.imageUpload(signed.bytes); // throws unless the device's hash matches
      expect(await device.client.imageList()).toMatchObject([{ slot: 1, version: "1.4.7", hash: signed.hash }]);
    } finally {
      await device.stop();
    }
    // After the first boot, each went on from where the one before it stopped.
    expect(resumedAt.slice(1).some((offset) => offset > 1024)).toBe(true);
  });
});

async function exercise(boardId: string, running: RunningDevice[]): Promise<void> {
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
  await fuzz(client, 120);
  await client.imageErase();
  expect(await client.imageList()).toEqual([]);
  expect(await client.echo("still here")).toBe("still here");

  // A 32 KB image: cut at 40 %, resumed in the same run from where the device is.
  const first = image(32 * 1024, 1);
  const total = first.bytes.length;
  const wireBefore = device.wire.sent + device.wire.received;
  const cut = await uploadPart(device, first.bytes, total * 0.4);
  expect(await uploadRest(device, first.bytes)).toBe(cut);
  if (device.pty) reportLineShare(total, device.wire.sent + device.wire.received - wireBefore);
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
  // The app runs from the flash's start, not from slot 0 (no mote-boot): nothing to confirm.
  await expect(device.client.imageConfirm()).rejects.toMatchObject({ rc: 6, reason: expect.stringMatching(/not in slot 0/) });
  await device.stop();
  running.splice(running.indexOf(device), 1);
  const layout = board.flashLayout!;
  const trailer = slotTrailerLayout(board);
  const flash = readFileSync(flashFile);
  const end = layout.secondary.offset + layout.secondary.size;
  expect(Buffer.from(flash.subarray(end - trailer.size, end))).toEqual(Buffer.from(encodeTrailer(trailer, { magic: true, swapType: SwapType.TEST })));
  expect(Buffer.from(flash.subarray(layout.secondary.offset, layout.secondary.offset + second.bytes.length))).toEqual(Buffer.from(second.bytes));
}

/**
 * The upload's share of a 115200-baud line. A pty has no line speed (QEMU's UART passes bytes
 * as fast as the guest takes them: 6 to 18 KB/s seen here, with the machine's load), so the
 * figure that holds for a real line is image bytes / bytes on the wire both ways (one chunk
 * of the cut is sent twice): the most of the line an upload can use. Base64 alone caps it at
 * 75 %; SMP's header, CBOR keys, the frames' lines and the answers take the rest.
 */
function reportLineShare(imageBytes: number, wireBytes: number): void {
  const share = imageBytes / wireBytes;
  console.log(`upload of ${imageBytes} B: ${wireBytes} B on the wire both ways, at most ${(share * 100).toFixed(1)} % of a 115200-baud line ` +
    `(${((share * 11520) / 1024).toFixed(2)} KB/s of its 11.25)`);
  expect(share).toBeGreaterThan(0.6);
  expect(share).toBeLessThan(0.75);
}

/** `count` seeded requests to the image group's commands, their fields present or not and of
 *  any CBOR type: each is answered — a map, or an error with an rc — and none stops the device. */
async function fuzz(client: SmpClient, count: number): Promise<void> {
  const random = mulberry32(0x1a9e);
  const below = (n: number) => random() % n;
  const values: Array<() => unknown> = [
    () => below(70000), () => -below(1000) - 1, () => 2 ** 40, () => 0.5, () => "text", () => true, () => null,
    () => new Uint8Array(below(48)).map(() => below(256)), () => [below(9), "a"], () => ({ nested: below(9) }),
  ];
  const keys = ["off", "len", "data", "sha", "image", "hash", "confirm", "slot", "upgrade"];
  for (let i = 0; i < count; i++) {
    const body: Record<string, unknown> = {};
    for (const key of keys) if (below(2) === 0) body[key] = values[below(values.length)]();
    const command = [0, 1, 5, 3][below(4)];
    try {
      const answer = await client.request(below(2) === 0 ? SmpOp.READ : SmpOp.WRITE, SmpGroup.IMAGE, command, body, `fuzz ${i}`);
      expect(typeof answer).toBe("object");
    } catch (error) {
      if (!(error instanceof SmpError)) throw new Error(`request ${i} ${JSON.stringify(body, (_, v) => (v instanceof Uint8Array ? [...v] : v))}: ${(error as Error).message}`);
      expect(error.rc).toBeGreaterThan(0);
    }
  }
}
