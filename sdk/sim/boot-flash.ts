// A board's whole flash as a device with mote-boot holds it, for RunOptions.flashFile: mote-boot
// at the start, a signed image in the primary slot, optionally one in the secondary with its
// trailer asking for a test or permanent swap, everything else erased. Running the board
// from mote-boot's image with that file (runFromFlash) is a power-on; running it again with
// the same file is a reset — or, after powerCutAtInstruction, the boot after a power loss.

import { readFileSync, writeFileSync } from "node:fs";
import type { Board } from "../../boards/types.ts";
import { flashLayoutOf } from "../../boards/flash-layout.ts";
import { slotTrailerLayout } from "../../flash-tool/image/board-image.ts";
import { encodeTrailer, SwapType, type TrailerWrite } from "../../flash-tool/image/trailer.ts";
import { targetFor } from "./index.ts";
import type { BootImage, RunOptions, RunResult } from "./types.ts";

const ERASED = 0xff;

export interface SlotContents {
  /** The signed image's bytes (flash-tool/image signImage), header first. */
  image: Uint8Array;
  /** Secondary: what its trailer asks of mote-boot (omitted: nothing, the image just sits there). */
  request?: "test" | "permanent";
  /** Primary: its trailer says the image confirmed itself (image_ok). */
  confirmed?: boolean;
}

export interface FlashComposition {
  /** mote-boot's image (its flashBytes at flashOrigin); without it the boot area stays erased
   *  (a run writes the image it boots over it anyway). */
  boot?: BootImage;
  primary?: SlotContents;
  secondary?: SlotContents;
}

/** The flash's bytes (Board.chip.flash.length), composed as `what` says. */
export function composeFlash(board: Board, what: FlashComposition): Uint8Array {
  const layout = flashLayoutOf(board);
  const flash = new Uint8Array(board.chip.flash.length).fill(ERASED);
  if (what.boot) {
    const bootAt = what.boot.flashOrigin - board.chip.flash.origin;
    if (bootAt + what.boot.flashBytes.length > layout.boot.offset + layout.boot.size) {
      throw new RangeError(`mote-boot (${what.boot.flashBytes.length} bytes) does not fit the boot area of ${board.id} (${layout.boot.size} bytes)`);
    }
    flash.set(what.boot.flashBytes, bootAt);
  }
  const trailer = slotTrailerLayout(board);
  const place = (slot: { offset: number; size: number }, contents: SlotContents | undefined, fields: TrailerWrite | undefined) => {
    if (!contents) return;
    if (contents.image.length > slot.size) throw new RangeError(`a ${contents.image.length}-byte image does not fit a ${slot.size}-byte slot`);
    flash.set(contents.image, slot.offset);
    if (fields) flash.set(encodeTrailer(trailer, fields), slot.offset + slot.size - trailer.size);
  };
  place(layout.primary, what.primary, what.primary?.confirmed ? { imageOk: true, magic: true } : undefined);
  const request = what.secondary?.request;
  place(layout.secondary, what.secondary, request === undefined ? undefined
    : { magic: true, swapType: request === "test" ? SwapType.TEST : SwapType.PERM, imageOk: request === "permanent" });
  return flash;
}

/**
 * An upload, as the device's SMP server would leave it: the secondary slot of the flash in
 * `file` erased, then the image and its request written there; the rest of the flash kept.
 */
export function uploadToSecondary(board: Board, file: string, contents: SlotContents): void {
  const layout = flashLayoutOf(board);
  const flash = new Uint8Array(readFileSync(file));
  const slot = layout.secondary;
  flash.fill(ERASED, slot.offset, slot.offset + slot.size);
  const composed = composeFlash(board, { secondary: contents });
  flash.set(composed.subarray(slot.offset, slot.offset + slot.size), slot.offset);
  writeFileSync(file, flash);
}

/** Writes the composed flash to `file`. */
export function writeFlashFile(board: Board, file: string, what: FlashComposition): void {
  writeFileSync(file, composeFlash(board, what));
}

/** Runs the board from its flash file, mote-boot first, as a power-on or reset does. */
export function runFromFlash(board: Board, boot: BootImage, flashFile: string, options: Omit<RunOptions, "board" | "image" | "flashFile"> = {}): Promise<RunResult> {
  return targetFor(board).run({ board, image: boot, flashFile, timeoutMs: 120_000, ...options });
}
