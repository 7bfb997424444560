// How a board's images are laid out: the header size that keeps the body's vector table
// where the core can use it, the load address recorded in the header, and the flash's write
// alignment for the slot trailer. On a board with a flash layout (boards/flash-layout.ts) a
// signed image runs from the primary slot, behind mote-boot: its header at the slot's start,
// the app linked after the header (slotLinkRegion), the slot's last sector kept for the
// trailer. Elsewhere the image is linked, and recorded, at the flash's origin.

import type { Board, Chip, MemoryRegion } from "../../boards/types.ts";
import { flashLayoutOf, SECTOR_BYTES } from "../../boards/flash-layout.ts";
import { trailerLayout, type TrailerLayout } from "./trailer.ts";

/** hdr_size values mote uses: the bare header, or MCUboot's usual padded one. */
export const SMALL_HEADER_SIZE = 0x20;
export const PADDED_HEADER_SIZE = 0x200;

/**
 * The header size for images of `chip`. The body starts with the vector table; on cores with
 * VTOR (Cortex-M0+, M3, M4) the table must be aligned to its size rounded up to a power of two
 * (at least 128 bytes; ARMv7-M ARM B3.2.5, ARMv6-M ARM B3.2.5 with the VTOR extension), so the
 * header is padded to 0x200 (enough for 112 interrupts). A Cortex-M0 has no VTOR: its
 * bootloader forwards the vectors, and the bare 0x20 header is enough.
 */
export function headerSizeFor(chip: Chip): number {
  if (chip.cpu === "cortex-m0") return SMALL_HEADER_SIZE;
  const tableBytes = (16 + chip.irqCount) * 4;
  let alignment = 128;
  while (alignment < tableBytes) alignment *= 2;
  if (alignment > PADDED_HEADER_SIZE) throw new RangeError(`${chip.family}: a ${tableBytes}-byte vector table needs ${alignment}-byte alignment, more than a 0x200 header gives`);
  return PADDED_HEADER_SIZE;
}

/** The load address `mote build --sign` records: where the header sits when the image runs —
 *  the primary slot's start behind mote-boot, else the flash's origin. */
export function loadAddressFor(board: Board): number {
  const layout = board.flashLayout;
  return board.chip.flash.origin + (layout ? layout.primary.offset : 0);
}

/**
 * Bytes at the end of a slot that no image may use: the last sector, which holds the slot
 * trailer (trailer.ts). mote-boot's swap moves only the sectors before it and writes the
 * trailers itself (sdk/boot/swap.ts), so an image, its TLVs included, ends before it.
 */
export const SLOT_TRAILER_SECTOR_BYTES = SECTOR_BYTES;

/** Where an app built for mote-boot (build's `imageSlot`) is linked: in the primary slot, after
 *  the image header, up to the trailer's sector (the TLVs must fit there too). */
export function slotLinkRegion(board: Board): MemoryRegion {
  if (!board.flashLayout) throw new Error(`board '${board.id}' has no flash layout (mote-boot, image slots): an app cannot be built for a slot there`);
  const header = headerSizeFor(board.chip);
  return {
    origin: loadAddressFor(board) + header,
    length: board.flashLayout.primary.size - header - SLOT_TRAILER_SECTOR_BYTES,
  };
}

/**
 * The smallest write each board's flash takes, for trailerLayout():
 * - mps2-an385, mps2-an386: their "flash" is writable code RAM (BOARDS.md): any byte.
 * - microbit (nRF51 NVMC): 32-bit words (nRF51 Series Reference Manual §6, NVMC).
 * - pico (QSPI NOR through the bootrom's flash_range_program, 256-byte pages): programming
 *   only clears bits, so a page of 0xFF around the field's bytes writes just those bytes.
 */
export const FLASH_WRITE_ALIGNMENT: Readonly<Record<string, number>> = { "mps2-an385": 1, "mps2-an386": 1, microbit: 4, pico: 1 };

/**
 * The slot trailer on a board with a flash layout, as mote-boot and the device's slot library
 * (sdk/lib/image/trailer.ts) lay it out: the board's write alignment, and BOOT_MAX_IMG_SECTORS
 * = the slot's own sector count (MCUboot's default 128 would not cover a 1 MB slot).
 */
export function slotTrailerLayout(board: Board): TrailerLayout {
  const layout = flashLayoutOf(board);
  return trailerLayout(FLASH_WRITE_ALIGNMENT[board.id] ?? 1, layout.primary.size / SECTOR_BYTES);
}
