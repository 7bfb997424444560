// What the mote/crypto tests share: Ed25519 keys and signatures from node:crypto (the
// reference), RFC 8032's vectors, and the edits that make a signature invalid.

import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";

/** Group order L (RFC 8032 §5.1). */
export const ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;

export interface Vector { name: string; publicKey: Uint8Array; message: Uint8Array; signature: Uint8Array }

/** RFC 8032 §7.1, tests 1 to 3. */
export const RFC8032_VECTORS: Vector[] = [
  {
    name: "RFC 8032 test 1 (empty message)",
    publicKey: fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"),
    message: fromHex(""),
    signature: fromHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
  },
  {
    name: "RFC 8032 test 2 (one byte)",
    publicKey: fromHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"),
    message: fromHex("72"),
    signature: fromHex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
  },
  {
    name: "RFC 8032 test 3 (two bytes)",
    publicKey: fromHex("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025"),
    message: fromHex("af82"),
    signature: fromHex("6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
  },
];

export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, "hex"));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

/** An Ed25519 key pair from a 32-byte seed (RFC 8032's private key), through PKCS #8. */
export function keyPairFromSeed(seed: Uint8Array): { privateKey: KeyObject; publicKey: Uint8Array } {
  const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), Buffer.from(seed)]);
  const privateKey = createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
  const spki = createPublicKey(privateKey).export({ format: "der", type: "spki" });
  return { privateKey, publicKey: Uint8Array.from(spki.subarray(spki.length - 32)) };
}

export function signWith(privateKey: KeyObject, message: Uint8Array): Uint8Array {
  return Uint8Array.from(sign(null, message, privateKey));
}

/** node:crypto's verdict on a raw 32-byte public key. A key that is no point is refused by
 *  createPublicKey on some OpenSSL versions and by verify on others: false either way. */
export function nodeVerify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    const spki = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), Buffer.from(publicKey)]);
    return verify(null, message, createPublicKey({ key: spki, format: "der", type: "spki" }), signature);
  } catch {
    return false;
  }
}

/** The signature with S replaced by S + L: the same point equation, but S not canonical
 *  (RFC 8032 §5.1.7 requires S < L). */
export function withSPlusOrder(signature: Uint8Array): Uint8Array {
  let s = 0n;
  for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signature[i]);
  s += ORDER;
  const out = Uint8Array.from(signature);
  for (let i = 32; i < 64; i++) {
    out[i] = Number(s & 0xffn);
    s >>= 8n;
  }
  return out;
}

export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  out[bit >> 3] ^= 1 << (bit & 7);
  return out;
}

/** The field element p + n as a 32-byte encoding (y >= p: not canonical). */
export function nonCanonicalY(n: number): Uint8Array {
  let y = 2n ** 255n - 19n + BigInt(n);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(y & 0xffn);
    y >>= 8n;
  }
  return out;
}
