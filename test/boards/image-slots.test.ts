// The device's slot library (sdk/lib/image: slot-image.ts, trailer.ts) against the host's
// image and trailer code (flash-tool/image), on the boards with a flash layout: images signed
// on the host and put in the slots of a flashFile are read back by the device field by field,
// and the trailers the device writes (a test request, a permanent one, a confirmation) are
// byte for byte what the host's encodeTrailer says; damaged headers are "no image".

import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import type { Board } from "../../boards/types.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { encodeTrailer, hex, parseImage, signImage, slotTrailerLayout, SwapType, findTlv, TlvType, type TrailerWrite } from "../../flash-tool/image/index.ts";
import { boot } from "./boot.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const APP = path.join(here, "fixtures", "image-slots.ts");
const boards = ["pico", ...(qemuAvailable() ? ["mps2-an385"] : [])].map(findBoard);
const { privateKey } = generateKeyPairSync("ed25519");

function signed(size: number, version: { major: number; minor: number; revision: number; build: number }, loadAddress: number) {
  const body = new Uint8Array(size);
  for (let i = 0; i < size; i++) body[i] = (i * 31 + size) & 0xff;
  return signImage(body, { key: privateKey, version, headerSize: 0x200, loadAddress });
}

/** A whole erased flash with `slots` images and trailers, and the fixture's command byte. */
function flashWith(board: Board, command: number, slots: Array<{ image?: Uint8Array; trailer?: TrailerWrite }>): string {
  const layout = board.flashLayout!;
  const flash = Buffer.alloc(board.chip.flash.length, 0xff);
  const trailer = slotTrailerLayout(board);
  slots.forEach((slot, i) => {
    const area = i === 0 ? layout.primary : layout.secondary;
    if (slot.image) flash.set(slot.image, area.offset);
    if (slot.trailer) flash.set(encodeTrailer(trailer, slot.trailer), area.offset + area.size - trailer.size);
  });
  flash[layout.settings.offset] = command;
  const file = path.join(mkdtempSync(path.join(tmpdir(), "mote-image-slots-")), "flash.bin");
  writeFileSync(file, flash);
  return file;
}

async function run(board: Board, flashFile: string) {
  const { run, stdout } = await boot(APP, board.id, { flashFile });
  expect(run.reason, run.simulatorLog + stdout).toBe("exit");
  return stdout.trim().split("\n");
}

/** The trailer bytes of `slot` in the flash file. */
function trailerBytes(board: Board, file: string, slot: 0 | 1): Uint8Array {
  const area = slot === 0 ? board.flashLayout!.primary : board.flashLayout!.secondary;
  const size = slotTrailerLayout(board).size;
  return new Uint8Array(readFileSync(file).subarray(area.offset + area.size - size, area.offset + area.size));
}

describe.each(boards)("the slot library on $id", (board) => {
  const layout = board.flashLayout!;
  const trailer = slotTrailerLayout(board);
  const origin = board.chip.flash.origin;
  const trailerLine = (slot: 0 | 1, fields: string) => `trailer ${slot} at ${(slot === 0 ? layout.primary : layout.secondary).offset + (slot === 0 ? layout.primary : layout.secondary).size - trailer.size}: ${fields}`;
  const ERASED_FIELDS = "magic 2 ok false swap 0 image ok false copy done false size -1";

  it("reads the images the host signed, and writes a test request as the host encodes it", { timeout: 60_000 }, async () => {
    const running = signed(3000, { major: 1, minor: 2, revision: 3, build: 0 }, origin + layout.primary.offset);
    const update = signed(5001, { major: 1, minor: 3, revision: 65535, build: 4000000000 }, origin + layout.primary.offset);
    const file = flashWith(board, 1, [{ image: running.bytes }, { image: update.bytes }]);
    const lines = await run(board, file);
    const describe = (slot: number, image: typeof running) => {
      const parsed = parseImage(image.bytes);
      const h = parsed.header;
      return `slot ${slot}: ${h.version.major}.${h.version.minor}.${h.version.revision}${h.version.build ? `+${h.version.build}` : ""} ${hex(findTlv(parsed, TlvType.SHA256)!)} ` +
        `header ${h.headerSize} body ${h.imageSize} protected ${h.protectedTlvSize} load ${h.loadAddress} total ${image.bytes.length}`;
    };
    expect(lines).toEqual([
      `trailer size ${trailer.size}`,
      describe(0, running),
      describe(1, update),
      trailerLine(0, ERASED_FIELDS),
      trailerLine(1, ERASED_FIELDS),
      "done 1",
      trailerLine(0, ERASED_FIELDS),
      trailerLine(1, "magic 1 ok true swap 2 image ok false copy done false size -1"),
      "state confirmed pending true",
    ]);
    expect(lines[2]).toContain("1.3.65535+4000000000");
    expect(hex(trailerBytes(board, file, 1))).toBe(hex(encodeTrailer(trailer, { magic: true, swapType: SwapType.TEST })));
    expect(hex(trailerBytes(board, file, 0))).toBe(hex(encodeTrailer(trailer, {})));
  });

  it("writes a permanent request, and a confirmation of a test boot, as the host encodes them", { timeout: 60_000 }, async () => {
    // After a test swap: the primary's trailer has magic, swap type test and copy done.
    const file = flashWith(board, 2, [{ trailer: { magic: true, swapType: SwapType.TEST, copyDone: true } }, {}]);
    const lines = await run(board, file);
    expect(lines.slice(-2)).toEqual([trailerLine(1, "magic 1 ok true swap 3 image ok true copy done false size -1"), "state test pending true"]);
    expect(hex(trailerBytes(board, file, 1))).toBe(hex(encodeTrailer(trailer, { magic: true, imageOk: true, swapType: SwapType.PERM })));

    const confirm = flashWith(board, 3, [{ trailer: { magic: true, swapType: SwapType.TEST, copyDone: true, swapSize: 123456 } }, {}]);
    const confirmed = await run(board, confirm);
    expect(confirmed[3]).toBe(trailerLine(0, "magic 1 ok true swap 2 image ok false copy done true size 123456"));
    expect(confirmed.slice(-3)).toEqual([
      trailerLine(0, "magic 1 ok true swap 2 image ok true copy done true size 123456"), trailerLine(1, ERASED_FIELDS), "state confirmed pending false",
    ]);
    expect(hex(trailerBytes(board, confirm, 0))).toBe(hex(encodeTrailer(trailer, { magic: true, swapType: SwapType.TEST, copyDone: true, swapSize: 123456, imageOk: true })));
  });

  it("finds no image where the header is damaged or claims more than the slot, and refuses a damaged trailer", { timeout: 60_000 }, async () => {
    const good = signed(2000, { major: 2, minor: 0, revision: 0, build: 0 }, origin);
    const tooLong = good.bytes.slice();
    new DataView(tooLong.buffer).setUint32(12, layout.primary.size, true); // img_size past the slot
    const badMagic = good.bytes.slice();
    badMagic[0] ^= 1;
    const badTrailer = encodeTrailer(trailer, {});
    const file = flashWith(board, 1, [{ image: tooLong }, { image: badMagic }]);
    // A magic neither valid nor erased in the secondary's trailer.
    const bytes = readFileSync(file);
    badTrailer.fill(0x00, trailer.magic, trailer.magic + 4);
    bytes.set(badTrailer, layout.secondary.offset + layout.secondary.size - trailer.size);
    writeFileSync(file, bytes);
    const lines = await run(board, file);
    expect(lines.slice(1, 3)).toEqual(["slot 0: no image", "slot 1: no image"]);
    expect(lines[4]).toBe(trailerLine(1, "magic 3 ok false swap 0 image ok false copy done false size -1"));
    expect(lines[5]).toBe("refused: the secondary slot's trailer is damaged (its magic is neither valid nor erased); erase the slot and upload again");
  });
});
