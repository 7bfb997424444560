// The slot trailer: the state MCUboot (and mote-boot) keep at the end of each image slot —
// magic, image_ok, copy_done, swap info, swap size and the swap status records — so that a
// swap can be requested, confirmed, reverted and resumed after a power cut. Shared by the host
// (tests, images padded for a first install) and the bootloader work.
//
// Source: mcu-tools/mcuboot docs/design.md ("Image Trailer"), boot/bootutil/src/bootutil_priv.h
// and bootutil_public.c (boot_magic_off, boot_image_ok_off, boot_copy_done_off,
// boot_swap_info_off, boot_swap_size_off; BOOT_SET_SWAP_INFO), scripts/imgtool/image.py
// (_trailer_size, pad_to). From the end of the slot backwards:
//
//   magic       last 16 bytes of a BOOT_MAX_ALIGN-rounded field (the rest erased)
//   image_ok    1 byte, padded to BOOT_MAX_ALIGN   (0x01 = confirmed, erased = not)
//   copy_done   1 byte, padded to BOOT_MAX_ALIGN   (0x01 = swap finished, erased = not)
//   swap_info   1 byte, padded: (image number << 4) | swap type
//   swap_size   u32 little-endian, padded: bytes a swap moves (for resuming it)
//   swap status maxSectors × 3 records of writeAlignment bytes each (sector copy progress)
//
// Each field is written on its own (never rewritten without an erase), which is why each is
// padded to the flash's write alignment; BOOT_MAX_ALIGN is 8 unless the flash needs more.

export const BOOT_MAGIC = Uint8Array.of(0x77, 0xc2, 0x95, 0xf3, 0x60, 0xd2, 0xef, 0x7f, 0x35, 0x52, 0x50, 0x0f, 0x2c, 0xb6, 0x79, 0x80);
export const BOOT_MAGIC_SIZE = 16;
/** MCUboot's BOOT_MAX_ALIGN default; a flash with a larger write alignment raises it. */
export const DEFAULT_MAX_ALIGN = 8;
/** MCUboot's BOOT_MAX_IMG_SECTORS default. */
export const DEFAULT_MAX_SECTORS = 128;
/** What an erased NOR flash byte reads as. */
export const ERASED = 0xff;
/** The value written to image_ok and copy_done to set them. */
export const FLAG_SET = 0x01;

/** swap_info's low nibble (bootutil_public.h BOOT_SWAP_TYPE_*). */
export const SwapType = { NONE: 1, TEST: 2, PERM: 3, REVERT: 4, FAIL: 5, PANIC: 0xff } as const;

/** Swap status record values: the states a sector index goes through during a swap. */
export const SwapStatusRecord = { STATE_0: 0x01, STATE_1: 0x02, STATE_2: 0x03 } as const;

/** Where each field is, as offsets from the trailer's first byte. */
export interface TrailerLayout {
  /** The flash's minimum write size (1, 2, 4, 8, 16 or 32). */
  writeAlignment: number;
  /** BOOT_MAX_ALIGN: max(8, writeAlignment); each flag field's size. */
  maxAlign: number;
  maxSectors: number;
  /** Total bytes the trailer takes at the end of a slot. */
  size: number;
  swapStatus: number;
  swapSize: number;
  swapInfo: number;
  copyDone: number;
  imageOk: number;
  /** The 16 magic bytes (at the end of the magic field). */
  magic: number;
  /** The magic this layout writes: the standard one, or for maxAlign > 8 the form that
   *  records the alignment (imgtool: align in the first two bytes, then a second constant). */
  magicBytes: Uint8Array;
}

const alignUp = (n: number, align: number) => Math.ceil(n / align) * align;

/** The trailer layout for a flash with `writeAlignment` (bytes) and slots of ≤ `maxSectors` sectors. */
export function trailerLayout(writeAlignment: number, maxSectors = DEFAULT_MAX_SECTORS): TrailerLayout {
  if (![1, 2, 4, 8, 16, 32].includes(writeAlignment)) {
    throw new RangeError(`flash write alignment ${writeAlignment} is not one MCUboot supports (1, 2, 4, 8, 16 or 32)`);
  }
  const maxAlign = Math.max(DEFAULT_MAX_ALIGN, writeAlignment);
  const magicField = alignUp(BOOT_MAGIC_SIZE, maxAlign);
  const statusSize = maxSectors * 3 * writeAlignment;
  const size = statusSize + 4 * maxAlign + magicField;
  const magicFieldAt = size - magicField;
  const magicBytes = maxAlign === DEFAULT_MAX_ALIGN
    ? BOOT_MAGIC
    : Uint8Array.of(maxAlign & 0xff, maxAlign >> 8, 0x2d, 0xe1, 0x5d, 0x29, 0x41, 0x0b, 0x8d, 0x77, 0x67, 0x9c, 0x11, 0x0f, 0x1f, 0x8a);
  return {
    writeAlignment, maxAlign, maxSectors, size,
    swapStatus: 0,
    swapSize: magicFieldAt - 4 * maxAlign,
    swapInfo: magicFieldAt - 3 * maxAlign,
    copyDone: magicFieldAt - 2 * maxAlign,
    imageOk: magicFieldAt - maxAlign,
    magic: size - BOOT_MAGIC_SIZE,
    magicBytes,
  };
}

/** A flag field's state as MCUboot reads it: set (0x01), unset (erased), or anything else. */
export type FlagState = "set" | "unset" | "bad";
export type MagicState = "good" | "unset" | "bad";

export interface TrailerState {
  magic: MagicState;
  imageOk: FlagState;
  copyDone: FlagState;
  /** Low nibble of swap_info; undefined while it is erased. */
  swapType?: number;
  imageNumber?: number;
  /** undefined while erased. */
  swapSize?: number;
}

/** What a trailer should say; fields left out stay erased. */
export interface TrailerWrite {
  magic?: boolean;
  imageOk?: boolean;
  copyDone?: boolean;
  swapType?: number;
  imageNumber?: number;
  swapSize?: number;
}

/** The trailer's bytes (layout.size long) with the given fields written, the rest erased. */
export function encodeTrailer(layout: TrailerLayout, fields: TrailerWrite): Uint8Array {
  const bytes = new Uint8Array(layout.size).fill(ERASED);
  if (fields.magic) bytes.set(layout.magicBytes, layout.magic);
  if (fields.imageOk) bytes[layout.imageOk] = FLAG_SET;
  if (fields.copyDone) bytes[layout.copyDone] = FLAG_SET;
  if (fields.swapType !== undefined) {
    const image = fields.imageNumber ?? 0;
    if (fields.swapType < 0 || fields.swapType > 0x0e || image < 0 || image > 0x0e) {
      throw new RangeError(`swap_info holds a swap type and an image number of 0–14 each, got ${fields.swapType} and ${image}`);
    }
    bytes[layout.swapInfo] = (image << 4) | fields.swapType;
  }
  if (fields.swapSize !== undefined) new DataView(bytes.buffer).setUint32(layout.swapSize, fields.swapSize, true);
  return bytes;
}

/**
 * Reads a trailer: `bytes` is the trailer (layout.size bytes) or the end of a slot ending with
 * it (only its last layout.size bytes are read).
 */
export function decodeTrailer(layout: TrailerLayout, bytes: Uint8Array): TrailerState {
  if (bytes.length < layout.size) throw new RangeError(`a trailer takes ${layout.size} bytes, got ${bytes.length}`);
  const t = bytes.subarray(bytes.length - layout.size);
  const flag = (at: number): FlagState => (t[at] === FLAG_SET ? "set" : t[at] === ERASED ? "unset" : "bad");
  const magicBytes = t.subarray(layout.magic, layout.magic + BOOT_MAGIC_SIZE);
  const magic: MagicState = magicBytes.every((b, i) => b === layout.magicBytes[i]) ? "good"
    : magicBytes.every((b) => b === ERASED) ? "unset" : "bad";
  const info = t[layout.swapInfo];
  const swapSizeField = t.subarray(layout.swapSize, layout.swapSize + 4);
  return {
    magic,
    imageOk: flag(layout.imageOk),
    copyDone: flag(layout.copyDone),
    swapType: info === ERASED ? undefined : info & 0x0f,
    imageNumber: info === ERASED ? undefined : info >> 4,
    swapSize: swapSizeField.every((b) => b === ERASED) ? undefined : new DataView(t.buffer, t.byteOffset + layout.swapSize, 4).getUint32(0, true),
  };
}

/**
 * The one write that sets a field, as a bootloader does it: the offset from the trailer's
 * start and the bytes (the value, padded with erased bytes to the field's aligned size).
 */
export function fieldWrite(layout: TrailerLayout, field: "magic" | "imageOk" | "copyDone" | "swapInfo" | "swapSize", value = 0): { offset: number; bytes: Uint8Array } {
  if (field === "magic") {
    const at = layout.imageOk + layout.maxAlign;
    const bytes = new Uint8Array(layout.size - at).fill(ERASED);
    bytes.set(layout.magicBytes, bytes.length - BOOT_MAGIC_SIZE);
    return { offset: at, bytes };
  }
  const bytes = new Uint8Array(layout.maxAlign).fill(ERASED);
  if (field === "swapSize") new DataView(bytes.buffer).setUint32(0, value, true);
  else bytes[0] = field === "swapInfo" ? value : FLAG_SET;
  return { offset: layout[field], bytes };
}
