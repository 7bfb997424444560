// `mote/crypto`: SHA-256 and Ed25519 signature verification (RFC 8032) for devices and the
// host alike, written for Cortex-M0: integer limbs that stay small integers, no doubles.
// mote-boot checks signed MCUboot images with it (../shared/PROTOCOLS.md, "MCUboot image format").
//
//   import { sha256, Sha256, ed25519Verify } from "mote/crypto";
//   const digest = sha256(image, 0, protectedEnd);          // 32 bytes
//   const ok = ed25519Verify(publicKey, digest, signature);  // true or false, never throws on bad input

export { SHA256_DIGEST_BYTES, Sha256, sha256 } from "./crypto/sha256.ts";
export { ED25519_PUBLIC_KEY_BYTES, ED25519_SIGNATURE_BYTES, ed25519Verify } from "./crypto/ed25519.ts";
export { SHA512_DIGEST_BYTES, Sha512 } from "./crypto/sha512.ts";
