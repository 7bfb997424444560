// MCUboot images (flash-tool/image): signing with a key made by node:crypto, parsing every
// field back, verifying, and each kind of damage refused with its own message. The slot
// trailer's layout against MCUboot's documented offsets.

import { createHash, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { board as microbit } from "../../boards/microbit/board.ts";
import { board as mps2 } from "../../boards/mps2-an385/board.ts";
import { board as pico } from "../../boards/pico/board.ts";
import {
  BOOT_MAGIC, decodeHeader, decodeTrailer, encodeTrailer, fieldWrite, formatVersion, headerSizeFor, IMAGE_MAGIC, ImageFlags,
  keyHash, parseImage, parseVersion, publicKeyDer, signImage, SwapType, TLV_INFO_MAGIC, trailerLayout, TlvType, verifyImage,
  findTlv, encodeTlvArea, TLV_PROTECTED_INFO_MAGIC,
} from "../../flash-tool/image/index.ts";
import { mulberry32 } from "./mulberry32.ts";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const other = generateKeyPairSync("ed25519");
const body = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7 + 3) & 0xff);
const version = parseVersion("1.2.3+45");

function signed(options: Partial<Parameters<typeof signImage>[1]> = {}) {
  return signImage(body, { key: privateKey, version, headerSize: 0x200, loadAddress: 0x10000000, ...options });
}

describe("versions", () => {
  it("parses major.minor.revision+build and prints it back", () => {
    expect(parseVersion("1.2.3")).toEqual({ major: 1, minor: 2, revision: 3, build: 0 });
    expect(parseVersion("1.2.3+45")).toEqual({ major: 1, minor: 2, revision: 3, build: 45 });
    expect(parseVersion("2")).toEqual({ major: 2, minor: 0, revision: 0, build: 0 });
    expect(formatVersion(parseVersion("1.2.3"))).toBe("1.2.3");
    expect(formatVersion(parseVersion("255.255.65535+4294967295"))).toBe("255.255.65535+4294967295");
  });
  it("refuses what the header cannot hold, saying why", () => {
    expect(() => parseVersion("1.2.x")).toThrow(/not a version/);
    expect(() => parseVersion("256.0.0")).toThrow(/major 256 is larger than 255/);
    expect(() => parseVersion("1.0.65536")).toThrow(/revision 65536 is larger than 65535/);
    expect(() => parseVersion("1.2.3+4294967296")).toThrow(/build/);
    expect(() => parseVersion("")).toThrow(/not a version/);
  });
});

describe("signing and parsing", () => {
  it("writes the header imgtool writes and reads every field back", () => {
    const { bytes } = signed();
    const header = decodeHeader(bytes);
    expect(header).toEqual({
      magic: IMAGE_MAGIC, loadAddress: 0x10000000, headerSize: 0x200, protectedTlvSize: 0, imageSize: body.length,
      flags: ImageFlags.ROM_FIXED, version,
    });
    // Little-endian magic first, the header padded with zeros, the body right after it.
    expect([...bytes.subarray(0, 4)]).toEqual([0x3d, 0xb8, 0xf3, 0x96]);
    expect(bytes.subarray(32, 0x200).every((b) => b === 0)).toBe(true);
    expect(bytes.subarray(0x200, 0x200 + body.length)).toEqual(body);
  });

  it("ends with a TLV area holding SHA256 over header + body, KEYHASH and the signature", () => {
    const { bytes, hash } = signed();
    const image = parseImage(bytes);
    expect(image.tlvArea.magic).toBe(TLV_INFO_MAGIC);
    expect(image.tlvArea.entries.map((e) => e.type)).toEqual([TlvType.SHA256, TlvType.KEYHASH, TlvType.ED25519]);
    expect(image.tlvArea.totalSize).toBe(4 + (4 + 32) + (4 + 32) + (4 + 64));
    expect(image.tlvArea.offset + image.tlvArea.totalSize).toBe(bytes.length);
    const expected = createHash("sha256").update(bytes.subarray(0, 0x200 + body.length)).digest();
    expect(Buffer.from(hash)).toEqual(expected);
    expect(Buffer.from(findTlv(image, TlvType.SHA256)!)).toEqual(expected);
    expect(image.computedHash).toEqual(hash);
  });

  it("KEYHASH is SHA-256 of the DER SubjectPublicKeyInfo, as imgtool hashes Ed25519 keys", () => {
    const der = publicKeyDer(publicKey);
    expect(der.length).toBe(44);
    expect([...der.subarray(0, 12)]).toEqual([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);
    const image = parseImage(signed().bytes);
    expect(Buffer.from(findTlv(image, TlvType.KEYHASH)!)).toEqual(createHash("sha256").update(der).digest());
    expect(keyHash(privateKey)).toEqual(keyHash(publicKey));
  });

  it("covers the protected TLV area with the hash", () => {
    const counter = Uint8Array.of(7, 0, 0, 0);
    const { bytes, hash } = signed({ protectedTlvs: [{ type: TlvType.SEC_CNT, data: counter }] });
    const image = parseImage(bytes);
    expect(image.header.protectedTlvSize).toBe(12);
    expect(image.protectedArea!.magic).toBe(TLV_PROTECTED_INFO_MAGIC);
    expect(image.protectedArea!.entries[0].data).toEqual(counter);
    expect(Buffer.from(hash)).toEqual(createHash("sha256").update(bytes.subarray(0, 0x200 + body.length + 12)).digest());
    expect(verifyImage(bytes, { publicKey }).ok).toBe(true);
  });

  it("leaves load_addr 0 and no flag when no load address is given", () => {
    const header = decodeHeader(signed({ loadAddress: undefined, headerSize: 0x20 }).bytes);
    expect(header.loadAddress).toBe(0);
    expect(header.flags).toBe(0);
    expect(header.headerSize).toBe(0x20);
  });

  it("chooses a header that keeps the vector table aligned per board", () => {
    expect(headerSizeFor(pico.chip)).toBe(0x200); // Cortex-M0+ with VTOR
    expect(headerSizeFor(mps2.chip)).toBe(0x200); // Cortex-M3
    expect(headerSizeFor(microbit.chip)).toBe(0x20); // Cortex-M0: no VTOR
  });
});

describe("verifying", () => {
  const good = signed().bytes;
  const slot = { address: 0x10000000, size: 64 * 1024 };

  it("accepts a good image with its key, its public key, and its slot", () => {
    expect(verifyImage(good, { publicKey }).ok).toBe(true);
    expect(verifyImage(good, { publicKey: privateKey }).ok).toBe(true);
    expect(verifyImage(good, { publicKey, slot }).ok).toBe(true);
    expect(verifyImage(good).ok).toBe(true); // structure and hash only
  });

  function refused(bytes: Uint8Array, options: Parameters<typeof verifyImage>[1] = { publicKey }) {
    const result = verifyImage(bytes, options);
    if (result.ok) throw new Error("expected the image to be refused");
    return result;
  }
  const tampered = (at: number) => {
    const copy = good.slice();
    copy[at] ^= 0x01;
    return copy;
  };

  it("refuses a tampered body byte: hash mismatch", () => {
    const r = refused(tampered(0x200 + 500));
    expect(r.problem).toBe("hash-mismatch");
    expect(r.message).toMatch(/^hash mismatch: .*changed after signing/);
  });

  it("refuses a tampered header (version): hash mismatch", () => {
    expect(refused(tampered(20)).problem).toBe("hash-mismatch");
  });

  it("refuses another key: key hash mismatch", () => {
    const r = refused(good, { publicKey: other.publicKey });
    expect(r.problem).toBe("key-hash-mismatch");
    expect(r.message).toMatch(/^key hash mismatch: the image was signed by the key with hash [0-9a-f]{64}, not by this key/);
  });

  it("refuses a forged signature: bad signature", () => {
    const image = parseImage(good);
    const sig = image.tlvArea.entries.find((e) => e.type === TlvType.ED25519)!;
    const r = refused(tampered(sig.offset + 4 + 10));
    expect(r.problem).toBe("bad-signature");
    expect(r.message).toMatch(/^bad signature/);
  });

  it("refuses an image without ED25519 TLV: unsigned", () => {
    const image = parseImage(good);
    const hashOnly = encodeTlvArea(TLV_INFO_MAGIC, [{ type: TlvType.SHA256, data: image.computedHash }]);
    const unsigned = new Uint8Array([...good.subarray(0, image.tlvArea.offset), ...hashOnly]);
    expect(verifyImage(unsigned).ok).toBe(true); // well formed…
    const r = refused(unsigned);
    expect(r.problem).toBe("unsigned"); // …but not signed
    expect(r.message).toMatch(/^unsigned: the image has no ED25519 signature TLV/);
  });

  it("refuses a truncated image: truncated body, TLV area missing, past the end", () => {
    expect(refused(good.subarray(0, 20)).message).toMatch(/^truncated: 20 bytes, shorter than the 32-byte image header/);
    const r = refused(good.subarray(0, 0x200 + 100));
    expect(r.problem).toBe("truncated-body");
    expect(r.message).toMatch(/^truncated body: the header says 1000 bytes of body from byte 512, but the file ends at byte 612 \(900 bytes missing\)/);
    const noTlvs = refused(good.subarray(0, 0x200 + body.length));
    expect(noTlvs.problem).toBe("tlv-missing");
    expect(noTlvs.message).toMatch(/^TLV area missing: the image ends at byte 1512/);
    const cut = refused(good.subarray(0, good.length - 10));
    expect(cut.problem).toBe("tlv-out-of-bounds");
    expect(cut.message).toMatch(/TLV area at byte 1512: its length 144 runs past the end of the image/);
  });

  it("refuses a TLV entry whose length runs past the area", () => {
    const image = parseImage(good);
    const copy = good.slice();
    const keyHashEntry = image.tlvArea.entries[1];
    new DataView(copy.buffer).setUint16(keyHashEntry.offset + 2, 500, true);
    const r = refused(copy);
    expect(r.problem).toBe("tlv-out-of-bounds");
    expect(r.message).toMatch(/entry KEYHASH \(0x01\) at byte \d+ has length 500, past the area's end/);
  });

  it("refuses wrong magic", () => {
    const r = refused(tampered(0));
    expect(r.problem).toBe("bad-magic");
    expect(r.message).toMatch(/^bad magic: 0x96f3b83c where an MCUboot image has 0x96f3b83d/);
    expect(refused(body).problem).toBe("bad-magic"); // a raw binary
  });

  it("refuses every single-bit change anywhere in the image, and never throws", () => {
    const next = mulberry32(2024);
    for (let trial = 0; trial < 3000; trial++) {
      const copy = good.slice();
      const at = next() % copy.length;
      copy[at] ^= 1 << (next() % 8);
      let result: ReturnType<typeof verifyImage> | undefined;
      expect(() => { result = verifyImage(copy, { publicKey }); }, `bit flip at byte ${at}`).not.toThrow();
      expect(result!.ok, `bit flip at byte ${at}`).toBe(false);
    }
  });

  it("names the signer by PUBKEY when the image carries the whole key instead of its hash", () => {
    const image = parseImage(good);
    const entries = image.tlvArea.entries.map((e) => (e.type === TlvType.KEYHASH ? { type: TlvType.PUBKEY, data: publicKeyDer(publicKey) } : e));
    const withKey = new Uint8Array([...good.subarray(0, image.tlvArea.offset), ...encodeTlvArea(TLV_INFO_MAGIC, entries)]);
    expect(verifyImage(withKey, { publicKey }).ok).toBe(true);
    expect(refused(withKey, { publicKey: other.publicKey }).problem).toBe("key-hash-mismatch");
  });

  it("refuses an image for another address, or too large for the slot", () => {
    const r = refused(good, { publicKey, slot: { address: 0x10010000, size: 64 * 1024 } });
    expect(r.problem).toBe("wrong-load-address");
    expect(r.message).toMatch(/built to run at 0x10000000, this slot starts at 0x10010000/);
    expect(refused(good, { publicKey, slot: { address: 0x10000000, size: 1024 } }).problem).toBe("too-large-for-slot");
  });
});

describe("slot trailer", () => {
  it("places the fields where MCUboot does for an 8-byte max alignment", () => {
    const layout = trailerLayout(4);
    // design.md: swap status (128 sectors × 3 × 4), swap size, swap info, copy done, image ok, magic.
    expect(layout.size).toBe(128 * 3 * 4 + 4 * 8 + 16);
    expect(layout.maxAlign).toBe(8);
    expect(layout.size - layout.magic).toBe(16);
    expect(layout.size - layout.imageOk).toBe(16 + 8);
    expect(layout.size - layout.copyDone).toBe(16 + 16);
    expect(layout.size - layout.swapInfo).toBe(16 + 24);
    expect(layout.size - layout.swapSize).toBe(16 + 32);
    expect(layout.magicBytes).toEqual(BOOT_MAGIC);
  });

  it("encodes and decodes a test request, a confirmed image and an erased trailer", () => {
    const layout = trailerLayout(1, 64);
    const erased = decodeTrailer(layout, new Uint8Array(layout.size).fill(0xff));
    expect(erased).toEqual({ magic: "unset", imageOk: "unset", copyDone: "unset", swapType: undefined, imageNumber: undefined, swapSize: undefined });
    const test = encodeTrailer(layout, { magic: true, swapType: SwapType.TEST, swapSize: 0x1234 });
    expect(decodeTrailer(layout, test)).toEqual({ magic: "good", imageOk: "unset", copyDone: "unset", swapType: 2, imageNumber: 0, swapSize: 0x1234 });
    // The last 16 bytes of a slot ending with the trailer are the magic.
    const slotEnd = new Uint8Array([...new Uint8Array(100).fill(0xff), ...test]);
    expect(slotEnd.subarray(-16)).toEqual(BOOT_MAGIC);
    expect(decodeTrailer(layout, slotEnd).magic).toBe("good");
    const confirmed = encodeTrailer(layout, { magic: true, imageOk: true, copyDone: true, swapType: SwapType.PERM, imageNumber: 1 });
    const state = decodeTrailer(layout, confirmed);
    expect([state.imageOk, state.copyDone, state.swapType, state.imageNumber]).toEqual(["set", "set", 3, 1]);
    const garbage = confirmed.slice();
    garbage[layout.imageOk] = 0x00;
    garbage[layout.magic] ^= 1;
    expect([decodeTrailer(layout, garbage).imageOk, decodeTrailer(layout, garbage).magic]).toEqual(["bad", "bad"]);
  });

  it("gives each field its own aligned write, and the alignment-recording magic past 8 bytes", () => {
    const layout = trailerLayout(4);
    const write = fieldWrite(layout, "imageOk");
    expect(write).toEqual({ offset: layout.imageOk, bytes: Uint8Array.of(1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff) });
    const applied = new Uint8Array(layout.size).fill(0xff);
    for (const field of ["magic", "imageOk"] as const) {
      const { offset, bytes } = fieldWrite(layout, field);
      applied.set(bytes, offset);
    }
    expect(decodeTrailer(layout, applied)).toMatchObject({ magic: "good", imageOk: "set", copyDone: "unset" });
    const wide = trailerLayout(32);
    expect(wide.maxAlign).toBe(32);
    expect([...wide.magicBytes.subarray(0, 4)]).toEqual([32, 0, 0x2d, 0xe1]);
    expect(() => trailerLayout(3)).toThrow(/not one MCUboot supports/);
  });
});
