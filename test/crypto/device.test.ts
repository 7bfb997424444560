// mote/crypto on devices (rp2040js and QEMU): programs built with the vectors in them hash
// and verify on the board, and print what node:crypto computes for the same bytes. The
// long message is made on both sides by the same 16-bit generator (makeLong).

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { findTlv, parseImage, signImage, TlvType } from "../../flash-tool/image/index.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { boot } from "../boards/boot.ts";
import {
  RFC8032_VECTORS, flipBit, keyPairFromSeed, nodeVerify, nonCanonicalY, signWith, toHex, withSPlusOrder,
} from "./helpers.ts";

const boards = ["pico", ...(qemuAvailable() ? ["mps2-an385"] : [])];
if (!qemuAvailable()) console.warn("NOTICE: qemu-system-arm not found; the crypto device tests run on pico only");

const LONG_BYTES = 65536;

/** Device source of the generator of the long message, and the same in Node. */
const MAKE_LONG = `
function makeLong(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 0x2545;
  for (let i = 0; i < length; i++) {
    state = (state * 75 + 74) % 65537;
    bytes[i] = state >> 8;
  }
  return bytes;
}`;
function makeLong(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 0x2545;
  for (let i = 0; i < length; i++) {
    state = (state * 75 + 74) % 65537;
    bytes[i] = state >> 8;
  }
  return bytes;
}

const HELPERS = `
function fromHex(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length >> 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (digit(text.charCodeAt(2 * i)) << 4) | digit(text.charCodeAt(2 * i + 1));
  return bytes;
}
function digit(c: number): number {
  return c <= 57 ? c - 48 : c - 87;
}
function hex(bytes: Uint8Array): string {
  const digits = "0123456789abcdef";
  let text = "";
  for (let i = 0; i < bytes.length; i++) text += digits[bytes[i] >> 4] + digits[bytes[i] & 15];
  return text;
}
${MAKE_LONG}`;

function program(body: string[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "mote-crypto-")), "app.ts");
  writeFileSync(file, [`import { ed25519Verify, Sha256, sha256 } from "mote/crypto";`, HELPERS, ...body, ""].join("\n"));
  return file;
}

const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const latin1 = (s: string) => Uint8Array.from(Buffer.from(s, "latin1"));

/** SHA-256: the FIPS 180-4 messages, the long one whole and cut into updates at awkward places. */
function sha256Case(): { file: string; expected: string } {
  const long = makeLong(LONG_BYTES);
  const texts = ["", "abc", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"];
  const splits = [[1, 63, 64, 65, 127, 128, 129], [55, 56, 57, 119, 120], [4095, 4097, 60000], [32768]];
  const body: string[] = [`const long = makeLong(${LONG_BYTES});`];
  const expected: string[] = [];
  for (const text of texts) {
    body.push(`console.log("${text.length} bytes", hex(sha256(fromHex("${toHex(latin1(text))}"))));`);
    expected.push(`${text.length} bytes ${sha256Hex(latin1(text))}`);
  }
  body.push(`console.log("long", hex(sha256(long)));`);
  expected.push(`long ${sha256Hex(long)}`);
  body.push(`console.log("long 1000..50001", hex(sha256(long, 1000, 50001)));`);
  expected.push(`long 1000..50001 ${sha256Hex(long.subarray(1000, 50001))}`);
  for (const cuts of splits) {
    body.push(`{
  const hash = new Sha256();
  let at = 0;
  for (const cut of [${cuts.join(", ")}, ${LONG_BYTES}]) {
    hash.update(long, at, cut);
    at = cut;
  }
  console.log("long in updates at ${cuts.join(" ")}", hex(hash.digest()));
}`);
    expected.push(`long in updates at ${cuts.join(" ")} ${sha256Hex(long)}`);
  }
  // A digest starts a new message: the same object hashes "abc" next.
  body.push(`{
  const hash = new Sha256();
  hash.update(long, 0, 100);
  hash.digest();
  hash.update(fromHex("616263"), 0, 3);
  console.log("reused", hex(hash.digest()));
}`);
  expected.push(`reused ${sha256Hex(latin1("abc"))}`);
  return { file: program(body), expected: expected.join("\n") };
}

/** Ed25519: RFC 8032's vectors, node:crypto's signature over the long message, and
 *  rejections: a flipped bit in the message, R, S and the key; S + L; keys that are no
 *  point or not canonical. Each line's verdict is node:crypto's. */
function ed25519Case(): { file: string; expected: string } {
  const long = makeLong(LONG_BYTES);
  const { privateKey, publicKey } = keyPairFromSeed(latin1("mote crypto device test key 0001"));
  const signature = signWith(privateKey, long);
  const small = RFC8032_VECTORS[2];
  const body: string[] = [`const long = makeLong(${LONG_BYTES});`];
  const expected: string[] = [];
  /** `onDevice`: the message as a device expression (the long one is made there, not sent). */
  const check = (name: string, key: Uint8Array, message: Uint8Array, sig: Uint8Array, onDevice = `fromHex("${toHex(message)}")`) => {
    body.push(`console.log(${JSON.stringify(name)}, ed25519Verify(fromHex("${toHex(key)}"), ${onDevice}, fromHex("${toHex(sig)}")));`);
    expected.push(`${name} ${nodeVerify(key, message, sig)}`);
  };
  for (const v of RFC8032_VECTORS) check(v.name, v.publicKey, v.message, v.signature);
  check("node:crypto, 64 KB message", publicKey, long, signature, "long");
  body.push(`long[12345] ^= 0x10;`);
  check("64 KB message, bit flipped", publicKey, flipBit(long, 12345 * 8 + 4), signature, "long");
  body.push(`long[12345] ^= 0x10;`);
  check("R bit flipped", small.publicKey, small.message, flipBit(small.signature, 77));
  check("S bit flipped", small.publicKey, small.message, flipBit(small.signature, 300));
  check("key bit flipped", flipBit(small.publicKey, 9), small.message, small.signature);
  check("S + L", small.publicKey, small.message, withSPlusOrder(small.signature));
  check("key y = p + 1", nonCanonicalY(1), small.message, small.signature);
  check("key of 31 bytes", small.publicKey.subarray(0, 31), small.message, small.signature);
  check("signature of 63 bytes", small.publicKey, small.message, small.signature.subarray(0, 63));
  return { file: program(body), expected: expected.join("\n") };
}

/** What mote-boot will do with an image `mote build --sign` made (flash-tool/image/sign.ts):
 *  SHA-256 over header + body, compared with the SHA256 TLV, and the ED25519 TLV checked over
 *  that digest with the key; then the same with the body, the header or the key changed. The
 *  64 KB body is made on the device; the header and the TLVs come from the host. */
function signedImageCase(): { file: string; expected: string } {
  const body = makeLong(LONG_BYTES);
  const { privateKey, publicKey } = keyPairFromSeed(latin1("mote crypto device test key 0002"));
  const image = signImage(body, { key: privateKey, version: { major: 1, minor: 2, revision: 3, build: 4 }, headerSize: 0x20 });
  const parsed = parseImage(image.bytes);
  const hashTlv = findTlv(parsed, TlvType.SHA256)!, signatureTlv = findTlv(parsed, TlvType.ED25519)!;
  const header = image.bytes.subarray(0, 0x20);
  const otherKey = keyPairFromSeed(latin1("mote crypto device test key 0003")).publicKey;
  const body2 = Uint8Array.from(body);
  body2[40000] ^= 0x01;
  const header2 = Uint8Array.from(header);
  header2[20] ^= 0x01; // the version's major number
  const cases: Array<[name: string, header: Uint8Array, body: Uint8Array, key: Uint8Array, flip: boolean]> = [
    ["as signed", header, body, publicKey, false],
    ["body bit flipped", header, body2, publicKey, true],
    ["header changed", header2, body, publicKey, false],
    ["other key", header, body, otherKey, false],
  ];
  const source: string[] = [
    `const body = makeLong(${LONG_BYTES});`,
    `const hashTlv = fromHex("${toHex(hashTlv)}");`,
    `const signature = fromHex("${toHex(signatureTlv)}");`,
    `function check(name: string, header: Uint8Array, key: Uint8Array): void {
  const hash = new Sha256();
  hash.update(header, 0, header.length);
  hash.update(body, 0, body.length);
  const digest = hash.digest();
  let same = true;
  for (let i = 0; i < 32; i++) if (digest[i] !== hashTlv[i]) same = false;
  console.log(name, same, ed25519Verify(key, digest, signature));
}`,
  ];
  const expected: string[] = [];
  for (const [name, h, b, key, flip] of cases) {
    const digest = createHash("sha256").update(h).update(b).digest();
    if (flip) source.push(`body[40000] ^= 0x01;`);
    source.push(`check(${JSON.stringify(name)}, fromHex("${toHex(h)}"), fromHex("${toHex(key)}"));`);
    if (flip) source.push(`body[40000] ^= 0x01;`);
    expected.push(`${name} ${toHex(digest) === toHex(hashTlv)} ${nodeVerify(key, digest, signatureTlv)}`);
  }
  expect(expected[0]).toBe("as signed true true");
  return { file: program(source), expected: expected.join("\n") };
}

/** Runs a case's program on the board: it ends well and prints what node:crypto computed. */
async function expectOnDevice({ file, expected }: { file: string; expected: string }, boardId: string): Promise<void> {
  const { run, stdout } = await boot(file, boardId, {});
  expect(run.exitCode, stdout).toBe(0);
  expect(stdout.trim()).toBe(expected);
}

describe.each(boards)("mote/crypto on %s", (boardId) => {
  it("SHA-256 prints node:crypto's digests: FIPS 180-4 vectors and 64 KB in one go and in pieces", async () => {
    await expectOnDevice(sha256Case(), boardId);
  }, 120_000);

  it("checks an MCUboot image signed by flash-tool as mote-boot will, and refuses it changed", async () => {
    await expectOnDevice(signedImageCase(), boardId);
  }, 120_000);

  it("Ed25519 gives node:crypto's verdicts: RFC 8032 tests 1-3, a 64 KB message, tampered signatures and keys", async () => {
    await expectOnDevice(ed25519Case(), boardId);
  }, 120_000);
});

// mote-boot runs on the micro:bit too: 16 KB of RAM, 4 KB of it stack. One verification (RFC
// 8032 test 2, then a tampered copy) and a hash must fit beside the runtime.
describe.runIf(qemuAvailable())("mote/crypto on microbit", () => {
  it("verifies within the micro:bit's RAM", async () => {
    const v = RFC8032_VECTORS[1];
    const file = program([
      `const key = fromHex("${toHex(v.publicKey)}"), message = fromHex("${toHex(v.message)}"), signature = fromHex("${toHex(v.signature)}");`,
      `console.log(ed25519Verify(key, message, signature));`,
      `signature[40] ^= 0x20;`,
      `console.log(ed25519Verify(key, message, signature));`,
      `console.log(hex(sha256(message)));`,
    ]);
    const { run, stdout } = await boot(file, "microbit", {});
    expect(run.exitCode, stdout).toBe(0);
    expect(stdout.trim()).toBe(["true", "false", sha256Hex(v.message)].join("\n"));
  }, 120_000);
});
