// Verifying an image the way a bootloader will: structure, the image hash, the key hash, the
// Ed25519 signature against a given public key, and (when a slot is given) that the image
// belongs in that slot. The first failure is the answer, with a message a user can act on.

import { verify as ed25519Verify, type KeyObject } from "node:crypto";
import { ImageFlags } from "./header.ts";
import { keyHash, publicKeyDer } from "./keys.ts";
import { findTlv, ImageFormatError, parseImage, type ImageProblem, type ParsedImage } from "./parse.ts";
import { TlvType } from "./tlv.ts";

/** Where an image is meant to run: a slot's first byte and its size (trailer included). */
export interface ImageSlot { address: number; size: number; trailerSize?: number }

export type VerifyProblem =
  | ImageProblem
  | "hash-missing" | "hash-mismatch" | "unsigned" | "key-hash-missing" | "key-hash-mismatch" | "bad-signature"
  | "wrong-load-address" | "too-large-for-slot";

export type VerifyResult =
  | { ok: true; image: ParsedImage }
  | { ok: false; problem: VerifyProblem; message: string; image?: ParsedImage };

export interface VerifyOptions {
  /** The signer's public key; without it only structure and hash are checked. */
  publicKey?: KeyObject;
  slot?: ImageSlot;
}

/** Checks `bytes`; `ok` only when every applicable check passes. */
export function verifyImage(bytes: Uint8Array, options: VerifyOptions = {}): VerifyResult {
  let image: ParsedImage;
  try {
    image = parseImage(bytes);
  } catch (error) {
    if (error instanceof ImageFormatError) return { ok: false, problem: error.problem, message: error.message };
    throw error;
  }
  const fail = (problem: VerifyProblem, message: string): VerifyResult => ({ ok: false, problem, message, image });

  const hash = findTlv(image, TlvType.SHA256);
  if (!hash) return fail("hash-missing", "no SHA256 TLV: the image carries no hash to check");
  if (!equalBytes(hash, image.computedHash)) {
    return fail("hash-mismatch", `hash mismatch: the image says ${hex(hash)}, its header + body hash to ${hex(image.computedHash)} (the image was changed after signing)`);
  }

  if (options.publicKey) {
    const signature = findTlv(image, TlvType.ED25519);
    if (!signature) return fail("unsigned", "unsigned: the image has no ED25519 signature TLV (sign it with 'mote image sign --key')");
    // The image names its signer by KEYHASH, or (imgtool --public-key-format full) by PUBKEY.
    const imageKeyHash = findTlv(image, TlvType.KEYHASH);
    const imagePublicKey = findTlv(image, TlvType.PUBKEY);
    if (imageKeyHash) {
      const expected = keyHash(options.publicKey);
      if (!equalBytes(imageKeyHash, expected)) {
        return fail("key-hash-mismatch", `key hash mismatch: the image was signed by the key with hash ${hex(imageKeyHash)}, not by this key (${hex(expected)})`);
      }
    } else if (imagePublicKey) {
      if (!equalBytes(imagePublicKey, publicKeyDer(options.publicKey))) {
        return fail("key-hash-mismatch", "key mismatch: the image's PUBKEY TLV is another key than this one");
      }
    } else {
      return fail("key-hash-missing", "no KEYHASH TLV: the image does not say which key signed it");
    }
    if (signature.length !== 64 || !ed25519Verify(null, hash, options.publicKey, signature)) {
      return fail("bad-signature", "bad signature: the ED25519 TLV is not this key's signature of the image hash");
    }
  }

  if (options.slot) {
    const { header } = image;
    if ((header.flags & ImageFlags.ROM_FIXED) !== 0 && header.loadAddress !== options.slot.address >>> 0) {
      return fail("wrong-load-address", `wrong load address: the image is built to run at 0x${header.loadAddress.toString(16)}, this slot starts at 0x${options.slot.address.toString(16)} (an image for another board or slot?)`);
    }
    const used = image.tlvArea.offset + image.tlvArea.totalSize + (options.slot.trailerSize ?? 0);
    if (used > options.slot.size) {
      return fail("too-large-for-slot", `too large: the image and the slot trailer take ${used} bytes, the slot holds ${options.slot.size}`);
    }
  }
  return { ok: true, image };
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("hex");
}
