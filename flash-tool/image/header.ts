// The MCUboot image header: the 32 bytes at the start of every image mote signs, and the
// version number it carries. Layout and constants from mcu-tools/mcuboot
// boot/bootutil/include/bootutil/image.h (struct image_header), all fields little-endian:
//
//   0  magic u32 (0x96f3b83d)      12  img_size u32 (body bytes, header excluded)
//   4  load_addr u32               16  flags u32
//   8  hdr_size u16                20  version {major u8, minor u8, revision u16, build u32}
//  10  protect_tlv_size u16        28  pad u32
//
// The header occupies hdr_size bytes (32 or more, the rest 0); the body starts after it.

/** `ih_magic` of every MCUboot image. */
export const IMAGE_MAGIC = 0x96f3b83d;
/** The bytes struct image_header itself takes; hdr_size may be larger (padding). */
export const IMAGE_HEADER_SIZE = 32;

/** Header flags (image.h IMAGE_F_*). */
export const ImageFlags = {
  PIC: 0x01,
  ENCRYPTED_AES128: 0x04,
  ENCRYPTED_AES256: 0x08,
  NON_BOOTABLE: 0x10,
  /** Copy the image to load_addr in RAM before running it. */
  RAM_LOAD: 0x20,
  /** The image runs in place at load_addr (the slot's address); a bootloader refuses it
   *  anywhere else. mote's images set it, with load_addr = where the header sits. */
  ROM_FIXED: 0x100,
} as const;

/** `major.minor.revision+build`, as MCUboot orders images. */
export interface ImageVersion { major: number; minor: number; revision: number; build: number }

/** Every field of the header, decoded. */
export interface ImageHeader {
  magic: number;
  loadAddress: number;
  headerSize: number;
  /** Bytes of the protected TLV area (its info header included), 0 when there is none. */
  protectedTlvSize: number;
  /** Bytes of the body (the payload after the header, before the TLVs). */
  imageSize: number;
  flags: number;
  version: ImageVersion;
}

/** A version string or header field the format cannot hold. */
export class ImageVersionError extends Error {}

/**
 * Parses "1.2.3" or "1.2.3+45" (also "1" and "1.2", as imgtool accepts): major and minor
 * 0–255, revision 0–65535, build 0–4294967295.
 */
export function parseVersion(text: string): ImageVersion {
  const match = /^(\d+)(?:\.(\d+)(?:\.(\d+))?)?(?:\+(\d+))?$/.exec(text.trim());
  if (!match) throw new ImageVersionError(`'${text}' is not a version; write major.minor.revision, optionally +build (e.g. 1.2.3 or 1.2.3+45)`);
  const version = {
    major: Number(match[1]), minor: Number(match[2] ?? 0), revision: Number(match[3] ?? 0), build: Number(match[4] ?? 0),
  };
  const limits: Array<[keyof ImageVersion, number]> = [["major", 0xff], ["minor", 0xff], ["revision", 0xffff], ["build", 0xffffffff]];
  for (const [field, max] of limits) {
    if (version[field] > max) throw new ImageVersionError(`version '${text}': ${field} ${version[field]} is larger than ${max}, the most an MCUboot header holds`);
  }
  return version;
}

/** "1.2.3", or "1.2.3+45" when the build number is not 0 (how mcumgr shows versions). */
export function formatVersion(version: ImageVersion): string {
  const base = `${version.major}.${version.minor}.${version.revision}`;
  return version.build === 0 ? base : `${base}+${version.build}`;
}

/** The header's hdr_size bytes: the 32-byte struct, then zeros up to headerSize. */
export function encodeHeader(header: Omit<ImageHeader, "magic">): Uint8Array {
  if (header.headerSize < IMAGE_HEADER_SIZE || header.headerSize > 0xffff) {
    throw new RangeError(`header size ${header.headerSize} must be between ${IMAGE_HEADER_SIZE} and 65535`);
  }
  const bytes = new Uint8Array(header.headerSize);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, IMAGE_MAGIC, true);
  view.setUint32(4, header.loadAddress >>> 0, true);
  view.setUint16(8, header.headerSize, true);
  view.setUint16(10, header.protectedTlvSize, true);
  view.setUint32(12, header.imageSize, true);
  view.setUint32(16, header.flags >>> 0, true);
  view.setUint8(20, header.version.major);
  view.setUint8(21, header.version.minor);
  view.setUint16(22, header.version.revision, true);
  view.setUint32(24, header.version.build, true);
  return bytes;
}

/** Decodes the first 32 bytes; checks nothing (the verifier says what is wrong). */
export function decodeHeader(bytes: Uint8Array): ImageHeader {
  if (bytes.length < IMAGE_HEADER_SIZE) throw new RangeError(`an image header takes ${IMAGE_HEADER_SIZE} bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, IMAGE_HEADER_SIZE);
  return {
    magic: view.getUint32(0, true),
    loadAddress: view.getUint32(4, true),
    headerSize: view.getUint16(8, true),
    protectedTlvSize: view.getUint16(10, true),
    imageSize: view.getUint32(12, true),
    flags: view.getUint32(16, true),
    version: {
      major: view.getUint8(20), minor: view.getUint8(21), revision: view.getUint16(22, true), build: view.getUint32(24, true),
    },
  };
}

/** The names of the flags set in `flags`, e.g. ["ROM_FIXED"]; unknown bits as hex. */
export function flagNames(flags: number): string[] {
  const names: string[] = [];
  let rest = flags >>> 0;
  for (const [name, bit] of Object.entries(ImageFlags)) {
    if (rest & bit) {
      names.push(name);
      rest &= ~bit;
    }
  }
  if (rest !== 0) names.push(`0x${(rest >>> 0).toString(16)}`);
  return names;
}
