// Ed25519 signature verification (RFC 8032 §5.1.7), as OpenSSL and node:crypto do it:
// S must be below L, A must decode, and the encoding of [S]B - [k]A must equal R byte for
// byte, where k = SHA-512(R || A || M) mod L (the cofactorless check RFC 8032 allows).

import { doubleScalarMultiply, EdwardsPoint, pointDecode, pointEncode, pointNegate } from "./edwards25519.ts";
import { scalarIsCanonical, scalarReduce } from "./scalar25519.ts";
import { Sha512 } from "./sha512.ts";

export const ED25519_PUBLIC_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;

const publicPoint = new EdwardsPoint();
const result = new EdwardsPoint();
const k = new Uint8Array(32);
const digest = new Uint8Array(64);
const encoded = new Uint8Array(32);
const hash = new Sha512();

/** Whether `signature` (64 bytes: R, then S) is a valid Ed25519 signature of `message` by
 *  `publicKey` (32 bytes). Anything malformed (wrong lengths, S of L or more, a key that is
 *  no point) is false, never an exception. */
export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES || signature.length !== ED25519_SIGNATURE_BYTES) return false;
  if (!scalarIsCanonical(signature, 32)) return false;
  if (!pointDecode(publicPoint, publicKey, 0)) return false;
  hash.update(signature, 0, 32);
  hash.update(publicKey, 0, 32);
  hash.update(message, 0, message.length);
  hash.digestInto(digest, 0);
  scalarReduce(k, digest, 0, 64);
  pointNegate(publicPoint, publicPoint);
  doubleScalarMultiply(result, signature, 32, k, 0, publicPoint);
  pointEncode(encoded, 0, result);
  let difference = 0;
  for (let i = 0; i < 32; i++) difference |= encoded[i] ^ signature[i];
  return difference === 0;
}
