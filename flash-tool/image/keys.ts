// Ed25519 signing keys for images: made, stored and read with node:crypto alone.
//
// Files are PEM: the private key as PKCS#8 ("-----BEGIN PRIVATE KEY-----"), the public key as
// SubjectPublicKeyInfo ("-----BEGIN PUBLIC KEY-----"), the same formats imgtool writes
// (scripts/imgtool/keys/ed25519.py: export_private → PKCS8, export_public → SPKI).
//
// KEYHASH: imgtool hashes `get_public_bytes()` (scripts/imgtool/image.py, Image.create), and
// for Ed25519 that is the public key in DER SubjectPublicKeyInfo form — the 44 bytes
// 30 2a 30 05 06 03 2b 65 70 03 21 00 <32-byte key> — not the raw 32-byte key
// (keys/ed25519.py, get_public_bytes: "The key is embedded into MCUboot in
// SubjectPublicKeyInfo format"). MCUboot's bootutil compares the KEYHASH TLV with the hash
// of its built-in key in the same form, so mote does the same.

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";

/** A key file that is not an Ed25519 key mote can use; `message` names the file. */
export class KeyError extends Error {}

/** A fresh key pair as PEM text. */
export function newKeyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** The private key in `pem` (read from `source`, named in errors). */
export function privateKeyFromPem(pem: string, source = "the key"): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new KeyError(`${source} is not a private key in PEM form (make one with 'mote keys new')`);
  }
  if (key.asymmetricKeyType !== "ed25519") throw new KeyError(`${source} is a ${key.asymmetricKeyType} key; mote signs with Ed25519 keys (make one with 'mote keys new')`);
  return key;
}

/** The public key in `pem`, which may hold the public key or the private key it derives from. */
export function publicKeyFromPem(pem: string, source = "the key"): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new KeyError(`${source} holds no public or private key in PEM form`);
  }
  if (key.asymmetricKeyType !== "ed25519") throw new KeyError(`${source} is a ${key.asymmetricKeyType} key; mote images are signed with Ed25519`);
  return key;
}

/** The public key as DER SubjectPublicKeyInfo (44 bytes for Ed25519). */
export function publicKeyDer(key: KeyObject): Uint8Array {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return new Uint8Array(pub.export({ type: "spki", format: "der" }));
}

/** The KEYHASH TLV value: SHA-256 of the DER SubjectPublicKeyInfo, as imgtool computes it. */
export function keyHash(key: KeyObject): Uint8Array {
  return new Uint8Array(createHash("sha256").update(publicKeyDer(key)).digest());
}
