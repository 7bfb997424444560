// Signing: a raw binary in, an MCUboot image out — header, body, protected TLVs (if any),
// then the TLV area with SHA256, KEYHASH and ED25519, in the order imgtool writes them
// (scripts/imgtool/image.py, Image.create), so MCUboot and mcumgr read mote images as their own.

import { createHash, sign as ed25519Sign, type KeyObject } from "node:crypto";
import { encodeHeader, ImageFlags, type ImageVersion } from "./header.ts";
import { keyHash } from "./keys.ts";
import { encodeTlvArea, TLV_INFO_MAGIC, TLV_PROTECTED_INFO_MAGIC, TlvType, type TlvEntry } from "./tlv.ts";

export interface SignOptions {
  /** The Ed25519 private key (keys.ts privateKeyFromPem). */
  key: KeyObject;
  version: ImageVersion;
  /** hdr_size: 0x20, or 0x200 where the body's vector table must stay aligned (headerSizeFor). */
  headerSize: number;
  /**
   * Where the image (its header) sits in flash when it runs: recorded as load_addr with the
   * ROM_FIXED flag, so a bootloader refuses the image in any other slot. Omitted: load_addr 0,
   * no flag (the image may run from any slot, imgtool's default).
   */
  loadAddress?: number;
  /** Entries for the protected TLV area (covered by the hash), e.g. a security counter. */
  protectedTlvs?: TlvEntry[];
}

/** The signed image's bytes and its hash (the SHA256 TLV, what mcumgr calls the image hash). */
export interface SignedImage { bytes: Uint8Array; hash: Uint8Array }

/** Builds a signed MCUboot image around `body` (the raw binary, starting at its first byte). */
export function signImage(body: Uint8Array, options: SignOptions): SignedImage {
  const protectedArea = options.protectedTlvs && options.protectedTlvs.length > 0
    ? encodeTlvArea(TLV_PROTECTED_INFO_MAGIC, options.protectedTlvs)
    : new Uint8Array(0);
  const header = encodeHeader({
    loadAddress: options.loadAddress ?? 0,
    headerSize: options.headerSize,
    protectedTlvSize: protectedArea.length,
    imageSize: body.length,
    flags: options.loadAddress === undefined ? 0 : ImageFlags.ROM_FIXED,
    version: options.version,
  });
  const hashed = concat([header, body, protectedArea]);
  const hash = new Uint8Array(createHash("sha256").update(hashed).digest());
  // Ed25519 signs the 32-byte digest as its message (imgtool: key.sign_digest(digest)).
  const signature = new Uint8Array(ed25519Sign(null, hash, options.key));
  const tlvs = encodeTlvArea(TLV_INFO_MAGIC, [
    { type: TlvType.SHA256, data: hash },
    { type: TlvType.KEYHASH, data: keyHash(options.key) },
    { type: TlvType.ED25519, data: signature },
  ]);
  return { bytes: concat([hashed, tlvs]), hash };
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
