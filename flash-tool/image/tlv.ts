// MCUboot TLV areas: the type-length-value records after an image's body. Source:
// mcu-tools/mcuboot boot/bootutil/include/bootutil/image.h (struct image_tlv_info,
// struct image_tlv, IMAGE_TLV_*) and scripts/imgtool/image.py.
//
// An area is an info header {magic u16, total u16} followed by entries {type u16, len u16,
// data}; `total` counts the info header too. An image may have a protected area (magic
// 0x6908, covered by the image hash, its size in the header's protect_tlv_size) followed by
// the unprotected one (magic 0x6907) that holds the hash and the signature.
//
// Note: ../shared/PROTOCOLS.md once listed 0x50 as "dependency" and 0x60 as "security
// counter"; image.h and imgtool say 0x40 DEPENDENCY, 0x50 SEC_CNT, 0x60 BOOT_RECORD.

export const TLV_INFO_MAGIC = 0x6907;
export const TLV_PROTECTED_INFO_MAGIC = 0x6908;
/** Bytes of an area's info header and of an entry's type+length. */
export const TLV_INFO_SIZE = 4;
export const TLV_ENTRY_HEADER_SIZE = 4;

export const TlvType = {
  /** SHA-256 of the signer's public key as DER SubjectPublicKeyInfo (see keys.ts). */
  KEYHASH: 0x01,
  PUBKEY: 0x02,
  /** SHA-256 over header + body + protected TLV area: the image hash mcumgr shows. */
  SHA256: 0x10,
  RSA2048_PSS: 0x20,
  ECDSA224: 0x21,
  ECDSA_SIG: 0x22,
  RSA3072_PSS: 0x23,
  /** Ed25519 signature (64 bytes) over the 32-byte SHA256 TLV value. */
  ED25519: 0x24,
  ENC_RSA2048: 0x30,
  ENC_KW: 0x31,
  ENC_EC256: 0x32,
  ENC_X25519: 0x33,
  DEPENDENCY: 0x40,
  SEC_CNT: 0x50,
  BOOT_RECORD: 0x60,
} as const;

const TYPE_NAMES = new Map<number, string>(Object.entries(TlvType).map(([name, type]) => [type, name]));

/** "SHA256 (0x10)", or "0x7f" for a type MCUboot does not define. */
export function tlvTypeName(type: number): string {
  const name = TYPE_NAMES.get(type);
  const hex = `0x${type.toString(16).padStart(2, "0")}`;
  return name ? `${name} (${hex})` : hex;
}

export interface TlvEntry { type: number; data: Uint8Array }

/** Encodes an area: info header, then the entries in order. */
export function encodeTlvArea(magic: number, entries: TlvEntry[]): Uint8Array {
  const total = TLV_INFO_SIZE + entries.reduce((sum, e) => sum + TLV_ENTRY_HEADER_SIZE + e.data.length, 0);
  if (total > 0xffff) throw new RangeError(`a TLV area holds at most 65535 bytes, these entries need ${total}`);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, magic, true);
  view.setUint16(2, total, true);
  let at = TLV_INFO_SIZE;
  for (const entry of entries) {
    view.setUint16(at, entry.type, true);
    view.setUint16(at + 2, entry.data.length, true);
    bytes.set(entry.data, at + TLV_ENTRY_HEADER_SIZE);
    at += TLV_ENTRY_HEADER_SIZE + entry.data.length;
  }
  return bytes;
}

/** A TLV area whose bytes do not hold together; `message` says where and why. */
export class TlvFormatError extends Error {
  /** @param missing true when there is no area at all (as opposed to a damaged one). */
  constructor(message: string, readonly missing = false) {
    super(message);
  }
}

/** A decoded area: where it is in the image, and its entries with their offsets. */
export interface TlvArea {
  magic: number;
  offset: number;
  /** The info header's total (info header included). */
  totalSize: number;
  entries: Array<TlvEntry & { offset: number }>;
}

/**
 * Decodes the area at `offset` of `image`, expecting `magic`. Every length is checked against
 * the area's end and the image's end before anything is read.
 */
export function decodeTlvArea(image: Uint8Array, offset: number, magic: number): TlvArea {
  const what = magic === TLV_PROTECTED_INFO_MAGIC ? "protected TLV area" : "TLV area";
  if (offset + TLV_INFO_SIZE > image.length) {
    throw new TlvFormatError(`${what} missing: the image ends at byte ${image.length}, the area's info header would be at ${offset}`, true);
  }
  const view = new DataView(image.buffer, image.byteOffset, image.length);
  const found = view.getUint16(offset, true);
  if (found !== magic) {
    throw new TlvFormatError(`${what} missing: expected magic 0x${magic.toString(16)} at byte ${offset}, found 0x${found.toString(16).padStart(4, "0")}`, true);
  }
  const totalSize = view.getUint16(offset + 2, true);
  const end = offset + totalSize;
  if (totalSize < TLV_INFO_SIZE) throw new TlvFormatError(`${what} at byte ${offset}: its length ${totalSize} is smaller than its own info header`);
  if (end > image.length) {
    throw new TlvFormatError(`${what} at byte ${offset}: its length ${totalSize} runs past the end of the image (${image.length} bytes; ${end - image.length} missing)`);
  }
  const entries: TlvArea["entries"] = [];
  let at = offset + TLV_INFO_SIZE;
  while (at < end) {
    if (at + TLV_ENTRY_HEADER_SIZE > end) throw new TlvFormatError(`${what}: an entry header at byte ${at} runs past the area's end (${end})`);
    const type = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    const dataAt = at + TLV_ENTRY_HEADER_SIZE;
    if (dataAt + length > end) {
      throw new TlvFormatError(`${what}: entry ${tlvTypeName(type)} at byte ${at} has length ${length}, past the area's end (${end})`);
    }
    entries.push({ type, data: image.subarray(dataAt, dataAt + length), offset: at });
    at = dataAt + length;
  }
  return { magic, offset, totalSize, entries };
}
