// mote/crypto on the host port against node:crypto: the same source the device runs
// (sdk/lib/crypto), fed seeded random messages, keys, split points and tampered signatures.
// MOTE_FUZZ_SEED=<n> runs another sequence; a failure names the seed and the case.

import { describe, expect, it, vi } from "vitest";

// As the host port bundles it: Node's intrinsics.
vi.mock("mote/intrinsics", () => import("../../ports/host/intrinsics.ts"));

import { createHash, randomBytes } from "node:crypto";
import { ed25519Verify, Sha256, sha256, Sha512 } from "../../sdk/lib/crypto.ts";
import { scalarReduce } from "../../sdk/lib/crypto/scalar25519.ts";
import { mulberry32 } from "../unit/mulberry32.ts";
import {
  ORDER, RFC8032_VECTORS, flipBit, fromHex, keyPairFromSeed, nodeVerify, nonCanonicalY, signWith, toHex, withSPlusOrder,
} from "./helpers.ts";

const DEFAULT_SEED = 0xc0ffee25;
const SEED = process.env.MOTE_FUZZ_SEED === undefined ? DEFAULT_SEED : Number(process.env.MOTE_FUZZ_SEED);
const SIGNATURES = 300;
const HASHES = 400;

function randomMessage(next: () => number, maxLength: number): Uint8Array {
  const length = next() % (maxLength + 1);
  return Uint8Array.from({ length }, () => next() & 0xff);
}

describe("SHA-256 on the host port", () => {
  it("gives FIPS 180-4's digests: empty, abc, the 448-bit message, a million 'a'", () => {
    const ascii = (s: string) => Uint8Array.from(Buffer.from(s, "latin1"));
    expect(toHex(sha256(new Uint8Array(0)))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(toHex(sha256(ascii("abc")))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(toHex(sha256(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))))
      .toBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    const hash = new Sha256();
    const thousand = new Uint8Array(1000).fill(0x61);
    for (let i = 0; i < 1000; i++) hash.update(thousand, 0, thousand.length);
    expect(toHex(hash.digest())).toBe("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  });

  it(`matches node:crypto on ${HASHES} random messages cut into random updates (seed ${SEED})`, () => {
    const next = mulberry32(SEED);
    for (let i = 0; i < HASHES; i++) {
      const message = randomMessage(next, i < HASHES / 2 ? 300 : 5000);
      const hash = new Sha256(), hash512 = new Sha512();
      let at = 0;
      while (at < message.length) {
        const end = Math.min(message.length, at + (next() % 200));
        hash.update(message, at, end);
        hash512.update(message, at, end);
        at = end;
      }
      const where = `seed ${SEED}, message ${i} (${message.length} bytes)`;
      expect(toHex(hash.digest()), where).toBe(createHash("sha256").update(message).digest("hex"));
      expect(toHex(hash512.digest()), where).toBe(createHash("sha512").update(message).digest("hex"));
      expect(toHex(sha256(message, 0, message.length)), where).toBe(createHash("sha256").update(message).digest("hex"));
    }
  });

  it("writes a digest into a given array, and refuses a range outside the array with a RangeError that names it", () => {
    const hash = new Sha256();
    const out = new Uint8Array(40).fill(0xee);
    hash.update(Uint8Array.of(0x61, 0x62, 0x63), 0, 3);
    hash.digestInto(out, 4);
    expect(toHex(out)).toBe(`eeeeeeee${createHash("sha256").update("abc").digest("hex")}eeeeeeee`);
    expect(() => hash.digestInto(out, 9)).toThrow(/Sha256\.digestInto: 32 bytes at 9 do not fit the 40 bytes given/);
    expect(() => new Sha512().digestInto(out, 0)).toThrow(RangeError);
    expect(() => hash.update(new Uint8Array(4), 2, 5)).toThrow(/Sha256\.update: the range 2\.\.5 is not inside the 4 bytes given/);
    expect(() => hash.update(new Uint8Array(4), 3, 1)).toThrow(RangeError);
    expect(() => hash.update(new Uint8Array(4), -1, 1)).toThrow(RangeError);
    expect(() => hash.update(new Uint8Array(4), 0.5, 2)).toThrow(RangeError);
    expect(() => hash.digestInto(new Uint8Array(40), 1.5)).toThrow(RangeError);
  });
});

describe("Ed25519 verification on the host port", () => {
  it("accepts RFC 8032's test vectors 1 to 3", () => {
    for (const v of RFC8032_VECTORS) expect(ed25519Verify(v.publicKey, v.message, v.signature), v.name).toBe(true);
  });

  it(`agrees with node:crypto on ${SIGNATURES} random keys and messages, valid and tampered (seed ${SEED})`, () => {
    const next = mulberry32(SEED ^ 0x5eed);
    let accepted = 0, refused = 0;
    for (let i = 0; i < SIGNATURES; i++) {
      const seed = Uint8Array.from({ length: 32 }, () => next() & 0xff);
      const { privateKey, publicKey } = keyPairFromSeed(seed);
      const message = randomMessage(next, 600);
      const signature = signWith(privateKey, message);
      const cases: Array<[string, Uint8Array, Uint8Array, Uint8Array]> = [["valid", publicKey, message, signature]];
      switch (next() % 6) {
        case 0: if (message.length > 0) cases.push(["message bit flipped", publicKey, flipBit(message, next() % (8 * message.length)), signature]); break;
        case 1: cases.push(["R bit flipped", publicKey, message, flipBit(signature, next() % 256)]); break;
        case 2: cases.push(["S bit flipped", publicKey, message, flipBit(signature, 256 + (next() % 256))]); break;
        case 3: cases.push(["key bit flipped", flipBit(publicKey, next() % 256), message, signature]); break;
        case 4: cases.push(["S + L", publicKey, message, withSPlusOrder(signature)]); break;
        default: cases.push(["other key", keyPairFromSeed(randomBytes(32)).publicKey, message, signature]); break;
      }
      for (const [what, key, text, sig] of cases) {
        const expected = nodeVerify(key, text, sig);
        const where = `seed ${SEED}, case ${i} (${what}): key ${toHex(key)}, message ${toHex(text)}, signature ${toHex(sig)}`;
        expect(ed25519Verify(key, text, sig), where).toBe(expected);
        if (expected) accepted++;
        else refused++;
      }
    }
    expect(accepted).toBeGreaterThanOrEqual(SIGNATURES);
    expect(refused).toBeGreaterThan(SIGNATURES / 2);
  });

  it("refuses malformed input with false: lengths, S >= L, keys that are no point or not canonical", () => {
    const v = RFC8032_VECTORS[0];
    expect(ed25519Verify(v.publicKey.subarray(0, 31), v.message, v.signature)).toBe(false);
    expect(ed25519Verify(v.publicKey, v.message, v.signature.subarray(0, 63))).toBe(false);
    expect(ed25519Verify(v.publicKey, v.message, new Uint8Array(65))).toBe(false);
    expect(ed25519Verify(v.publicKey, v.message, withSPlusOrder(v.signature))).toBe(false);
    const allOnes = Uint8Array.from(v.signature);
    allOnes.fill(0xff, 32);
    expect(ed25519Verify(v.publicKey, v.message, allOnes)).toBe(false);
    // y = p + 1 encodes y = 1 (the neutral element's y) without being canonical; y = 2 has no x.
    expect(ed25519Verify(nonCanonicalY(1), v.message, v.signature)).toBe(false);
    expect(ed25519Verify(fromHex("02".padEnd(64, "0")), v.message, v.signature)).toBe(false);
    // x = 0 with the sign bit set: y = 1 with bit 255.
    expect(ed25519Verify(fromHex("01".padEnd(62, "0") + "80"), v.message, v.signature)).toBe(false);
  });
});

describe("scalars modulo L on the host port", () => {
  const littleEndian = (n: bigint, length: number) => Uint8Array.from({ length }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));
  const reduce = (n: bigint) => {
    const out = new Uint8Array(32);
    scalarReduce(out, littleEndian(n, 64), 0, 64);
    return toHex(out);
  };
  it("reduces 512-bit numbers as BigInt does, also just above multiples of 2^252 (where the quotient estimate is one too many)", () => {
    const next = mulberry32(SEED ^ 0x0dd5);
    const values: bigint[] = [0n, 1n, ORDER - 1n, ORDER, ORDER + 1n, 2n ** 512n - 1n, 2n ** 252n, 2n ** 252n - 1n];
    for (let k = 1n; k < 300n; k += 7n) values.push(k * 2n ** 252n, k * 2n ** 252n + 5n, k * ORDER - 1n, k * ORDER, ((k * 2n ** 252n) << 250n) % 2n ** 512n);
    for (let i = 0; i < 200; i++) {
      let n = 0n;
      for (let w = 0; w < 16; w++) n = (n << 32n) | BigInt(next());
      values.push(n);
    }
    for (const n of values) expect(reduce(n), n.toString(16)).toBe(toHex(littleEndian(n % ORDER, 32)));
  });
});
