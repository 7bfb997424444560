// mote/cbor (sdk/lib/cbor.ts) run directly under Node: every RFC 8949 Appendix A vector both
// ways, the writer's and reader's edges, bad input, and cross-checks with cbor-x, the host's
// CBOR library: cbor-x decodes what mote/cbor encodes to the same values, and mote/cbor decodes
// what cbor-x encodes. Bytes are compared too, where both use preferred serialization.

import { describe, expect, it, vi } from "vitest";
import { Decoder, Encoder } from "cbor-x";

vi.mock("mote/intrinsics", () => import("../../ports/host/intrinsics.ts"));

import { CborError, CborReader, CborSimple, CborTag, CborWriter, decode, decodeFirst, encode } from "../../sdk/lib/cbor.ts";
import { fromHex, halfValue, hex, sameValue, valueGenerator } from "./cbor-values.ts";

const SEED = 0x0c0b0d09;
const CROSS_CHECKS = 5000;

/**
 * RFC 8949 Appendix A: diagnostic value, encoding, and how encode() relates to it:
 * "exact" the value encodes to these bytes; "integer" a float vector whose value is an
 * integer, which encode() writes as an integer (§4.2.2 lets a JavaScript number do so);
 * "decode" decode-only (a non-preferred encoding: a longer float, indefinite lengths, or a
 * 64-bit integer past 2^53 that decodes to the nearest number).
 */
const APPENDIX_A: Array<[value: unknown, hex: string, direction: "exact" | "integer" | "decode"]> = [
  [0, "00", "exact"], [1, "01", "exact"], [10, "0a", "exact"], [23, "17", "exact"], [24, "1818", "exact"],
  [25, "1819", "exact"], [100, "1864", "exact"], [1000, "1903e8", "exact"], [1000000, "1a000f4240", "exact"],
  [1000000000000, "1b000000e8d4a51000", "exact"],
  [18446744073709551615, "1bffffffffffffffff", "decode"], // 2^64 - 1: the nearest number is 2^64
  [new CborTag(2, fromHex("010000000000000000")), "c249010000000000000000", "exact"],
  [-18446744073709551616, "3bffffffffffffffff", "exact"], // -2^64 is a double exactly
  [new CborTag(3, fromHex("010000000000000000")), "c349010000000000000000", "exact"],
  [-1, "20", "exact"], [-10, "29", "exact"], [-100, "3863", "exact"], [-1000, "3903e7", "exact"],
  [0, "f90000", "integer"], [-0, "f98000", "exact"], [1, "f93c00", "integer"], [1.1, "fb3ff199999999999a", "exact"],
  [1.5, "f93e00", "exact"], [65504, "f97bff", "integer"], [100000, "fa47c35000", "integer"],
  [3.4028234663852886e38, "fa7f7fffff", "exact"], [1.0e300, "fb7e37e43c8800759c", "exact"],
  [5.960464477539063e-8, "f90001", "exact"], [0.00006103515625, "f90400", "exact"], [-4, "f9c400", "integer"],
  [-4.1, "fbc010666666666666", "exact"],
  [Infinity, "f97c00", "exact"], [NaN, "f97e00", "exact"], [-Infinity, "f9fc00", "exact"],
  [Infinity, "fa7f800000", "decode"], [NaN, "fa7fc00000", "decode"], [-Infinity, "faff800000", "decode"],
  [Infinity, "fb7ff0000000000000", "decode"], [NaN, "fb7ff8000000000000", "decode"], [-Infinity, "fbfff0000000000000", "decode"],
  [false, "f4", "exact"], [true, "f5", "exact"], [null, "f6", "exact"], [undefined, "f7", "exact"],
  [new CborSimple(16), "f0", "exact"], [new CborSimple(255), "f8ff", "exact"],
  [new CborTag(0, "2013-03-21T20:04:00Z"), "c074323031332d30332d32315432303a30343a30305a", "exact"],
  [new CborTag(1, 1363896240), "c11a514b67b0", "exact"],
  [new CborTag(1, 1363896240.5), "c1fb41d452d9ec200000", "exact"],
  [new CborTag(23, fromHex("01020304")), "d74401020304", "exact"],
  [new CborTag(24, fromHex("6449455446")), "d818456449455446", "exact"],
  [new CborTag(32, "http://www.example.com"), "d82076687474703a2f2f7777772e6578616d706c652e636f6d", "exact"],
  [new Uint8Array(0), "40", "exact"], [fromHex("01020304"), "4401020304", "exact"],
  ["", "60", "exact"], ["a", "6161", "exact"], ["IETF", "6449455446", "exact"], ["\"\\", "62225c", "exact"],
  ["\u00fc", "62c3bc", "exact"], ["\u6c34", "63e6b0b4", "exact"], ["\ud800\udd51", "64f0908591", "exact"],
  [[], "80", "exact"], [[1, 2, 3], "83010203", "exact"], [[1, [2, 3], [4, 5]], "8301820203820405", "exact"],
  [Array.from({ length: 25 }, (_, i) => i + 1), "98190102030405060708090a0b0c0d0e0f101112131415161718181819", "exact"],
  [{}, "a0", "exact"],
  [{ 1: 2, 3: 4 }, "a201020304", "decode"], // integer keys become property names "1", "3"
  [{ a: 1, b: [2, 3] }, "a26161016162820203", "exact"], [["a", { b: "c" }], "826161a161626163", "exact"],
  [{ a: "A", b: "B", c: "C", d: "D", e: "E" }, "a56161614161626142616361436164614461656145", "exact"],
  [fromHex("0102030405"), "5f42010243030405ff", "decode"], ["streaming", "7f657374726561646d696e67ff", "decode"],
  [[], "9fff", "decode"], [[1, [2, 3], [4, 5]], "9f018202039f0405ffff", "decode"],
  [[1, [2, 3], [4, 5]], "9f01820203820405ff", "decode"], [[1, [2, 3], [4, 5]], "83018202039f0405ff", "decode"],
  [[1, [2, 3], [4, 5]], "83019f0203ff820405", "decode"],
  [Array.from({ length: 25 }, (_, i) => i + 1), "9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff", "decode"],
  [{ a: 1, b: [2, 3] }, "bf61610161629f0203ffff", "decode"], [["a", { b: "c" }], "826161bf61626163ff", "decode"],
  [{ Fun: true, Amt: -2 }, "bf6346756ef563416d7421ff", "decode"],
];

/** Decoded values with CborTag/CborSimple compared by their fields. */
function sameDecoded(a: unknown, b: unknown): boolean {
  if (a instanceof CborTag && b instanceof CborTag) return a.tag === b.tag && sameDecoded(a.value, b.value);
  if (a instanceof CborSimple && b instanceof CborSimple) return a.value === b.value;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameDecoded(x, b[i]));
  return sameValue(a, b);
}

function decodeError(input: string): CborError {
  try {
    decode(fromHex(input));
  } catch (error) {
    if (error instanceof CborError) return error;
    throw error;
  }
  throw new Error(`decoding ${input} did not fail`);
}

describe("RFC 8949 Appendix A", () => {
  it("decodes every vector to its value", () => {
    for (const [value, vector] of APPENDIX_A) expect(sameDecoded(decode(fromHex(vector)), value), vector).toBe(true);
  });

  it("encodes every preferred-serialization vector to exactly its bytes", () => {
    for (const [value, vector, direction] of APPENDIX_A) if (direction === "exact") expect(hex(encode(value)), vector).toBe(vector);
  });

  it("encodes floats that are integers as integers, and decode gives back the number", () => {
    for (const [value, vector, direction] of APPENDIX_A) {
      if (direction !== "integer") continue;
      const bytes = encode(value);
      expect(bytes[0] >> 5, vector).toBeLessThan(2);
      expect(decode(bytes)).toBe(value);
    }
  });

  it("64-bit integers past 2^53 decode to the nearest number", () => {
    expect(decode(fromHex("1bffffffffffffffff"))).toBe(2 ** 64);
    expect(decode(fromHex("1b001fffffffffffff"))).toBe(2 ** 53 - 1);
    expect(decode(fromHex("1b0020000000000001"))).toBe(2 ** 53); // ties to even
    expect(decode(fromHex("3b0020000000000000"))).toBe(-(2 ** 53)); // -1 - 2^53: ties to even
    expect(decode(fromHex("3b0020000000000002"))).toBe(-(2 ** 53) - 4); // -1 - (2^53 + 2): ties to even
    expect(decode(fromHex("3b001ffffffffffffe"))).toBe(-(2 ** 53) + 1);
    expect(decode(fromHex("1a80000000"))).toBe(2 ** 31);
    expect(decode(fromHex("3a7fffffff"))).toBe(-(2 ** 31));
    expect(decode(fromHex("3affffffff"))).toBe(-(2 ** 32));
  });

  it("simple(24), f818, is not well-formed under RFC 8949 §3.3 (RFC 7049 listed it)", () => {
    expect(decodeError("f818").message).toMatch(/simple value 24 in two bytes at offset 0/);
  });
});

describe("encode", () => {
  it("writes the shortest head and the shortest exact float", () => {
    const cases: Array<[unknown, string]> = [
      [23, "17"], [24, "1818"], [255, "18ff"], [256, "190100"], [65535, "19ffff"], [65536, "1a00010000"],
      [2 ** 31, "1a80000000"], [2 ** 32 - 1, "1affffffff"], [2 ** 32, "1b0000000100000000"], [2 ** 53, "1b0020000000000000"],
      [2 ** 63, "1b8000000000000000"], [2 ** 64, "fa5f800000"], [-(2 ** 31), "3a7fffffff"], [-(2 ** 32) - 1, "3b0000000100000000"],
      [-(2 ** 30) - 1, "3a40000000"], [2 ** 30, "1a40000000"], [-(2 ** 65), "fae0000000"], [-(2 ** 64) - 4096, "fbc3f0000000000001"],
      [23.5, "f94de0"], [-0.5, "f9b800"], [65504.5, "fa477fe080"], [0.1, "fb3fb999999999999a"],
      [2 ** -24, "f90001"], [2 ** -25, "fa33000000"], [2 ** -14 * 1.5, "f90600"], [1 / 3, "fb3fd5555555555555"],
      [2 ** -149, "fa00000001"], [2 ** -150, "fb3690000000000000"], [5e-324, "fb0000000000000001"],
      [3.4028235677973366e38, "fb47effffff0000000"], [-Infinity, "f9fc00"],
    ];
    for (const [value, expected] of cases) expect(hex(encode(value)), String(value)).toBe(expected);
  });

  it("writes UTF-8, with surrogate pairs as one 4-byte sequence and a lone surrogate as U+FFFD", () => {
    for (const s of ["", "dev-1", "é", "\u07ff", "\u0800", "\uffff", "😀", "a\ud83d\ude00b", "\u00e9\u6c34\ud800\udd51"]) {
      expect(hex(encode(s))).toBe(hex(new Encoder({ useRecords: false }).encode(s)));
    }
    expect(hex(encode("\ud800"))).toBe("63efbfbd");
    expect(hex(encode("x\udc00\ud800"))).toBe("6778efbfbdefbfbd");
    const long = "ü".repeat(200);
    expect(hex(encode(long).subarray(0, 3))).toBe("790190");
    expect(decode(encode(long))).toBe(long);
  });

  it("maps keep insertion order; a class instance encodes its fields", () => {
    expect(hex(encode({ t: 23.5, h: 41, id: "dev-1" }))).toBe("a36174f94de061681829626964656465762d31");
    class Reading { constructor(readonly seq: number, readonly v: number) {} }
    expect(hex(encode(new Reading(1, 2)))).toBe("a263736571016176" + "02");
  });

  it("refuses what has no encoding, and a cycle, with a CborError", () => {
    expect(() => encode(() => 1)).toThrow(CborError);
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(() => encode(cycle)).toThrow(/nesting deeper than 64/);
    expect(() => encode(new CborTag(-1, 0))).toThrow(CborError);
    expect(() => encode(new CborTag(1.5, 0))).toThrow(CborError);
    expect(() => encode(new CborSimple(24))).toThrow(CborError);
    expect(() => encode(new CborSimple(20))).toThrow(CborError);
  });
});

describe("CborWriter", () => {
  it("builds a telemetry payload in place, and is empty and reusable after finish()", () => {
    const writer = new CborWriter(4);
    for (let seq = 0; seq < 3; seq++) {
      writer.map(3);
      writer.text("seq"); writer.uint(seq);
      writer.text("t"); writer.uint(123456 + seq);
      writer.text("v"); writer.number(21.5 + seq);
      const bytes = writer.finish();
      expect(writer.length).toBe(0);
      expect(decode(bytes)).toEqual({ seq, t: 123456 + seq, v: 21.5 + seq });
      expect(hex(bytes)).toBe(`a3637365710${seq}61741a0001e24${seq}6176f94${["d60", "da0", "de0"][seq]}`);
    }
  });

  it("writes every kind of item, and checks integer arguments", () => {
    const writer = new CborWriter();
    writer.array(9);
    writer.int(-500); writer.uint(2 ** 40); writer.bytes(fromHex("beef")); writer.boolean(true); writer.boolean(false);
    writer.nullValue(); writer.undefinedValue(); writer.tag(2 ** 33); writer.text("x"); writer.simple(32);
    expect(hex(writer.finish())).toBe("893901f31b000001000000000042beeff5f4f6f7db000000020000000061781820".replace("1820", "f820"));
    expect(() => writer.uint(-1)).toThrow(CborError);
    expect(() => writer.uint(2 ** 64)).toThrow(CborError);
    expect(() => writer.uint(0.5)).toThrow(CborError);
    expect(() => writer.int(NaN)).toThrow(CborError);
    expect(() => writer.int(-0)).toThrow(CborError);
    expect(() => writer.map(-1)).toThrow(CborError);
  });
});

describe("decode", () => {
  it("maps: text keys as properties, number/boolean/null keys as JavaScript names them, later duplicates win", () => {
    expect(decode(fromHex("a401020304f56174f66178"))).toEqual({ 1: 2, 3: 4, true: "t", null: "x" });
    expect(decode(fromHex("a2fb3ff800000000000000616101"))).toEqual({ 1.5: 0, a: 1 });
    expect(decode(fromHex("a2616101616102"))).toEqual({ a: 2 });
  });

  it("decodeFirst and CborReader read a sequence", () => {
    const bytes = fromHex("01616180");
    expect(decodeFirst(bytes)).toEqual({ value: 1, offset: 1 });
    expect(decodeFirst(bytes, 1)).toEqual({ value: "a", offset: 3 });
    expect(() => decodeFirst(bytes, 5)).toThrow(CborError);
    const reader = new CborReader(bytes);
    const items: unknown[] = [];
    while (!reader.done) items.push(reader.read());
    expect(items).toEqual([1, "a", []]);
    expect(reader.offset).toBe(4);
  });

  it("an SMP echo request with an indefinite-length map (PROTOCOLS.md)", () => {
    expect(decode(fromHex("bf616465686500000000ff".replace("65686500000000", "6568656c6c6f")))).toEqual({ d: "hello" });
  });
});

describe("bad input is a CborError naming the offset", () => {
  const cases: Array<[string, RegExp]> = [
    ["", /ends where an item was expected at offset 0/],
    ["18", /ends where an item was expected at offset 1/],
    ["19ff", /2 bytes needed, 1 left\) at offset 0/],
    ["1b00000000000000", /8 bytes needed, 7 left/],
    ["8201", /a length beyond the 1 bytes left at offset 0/], // no array is allocated
    ["82010101", /1 bytes after the end of the item at offset 3/],
    ["8301820102", /ends where an item was expected at offset 5/],
    ["0102", /1 bytes after the end of the item at offset 1/],
    ["1c", /reserved additional information 28 at offset 0/],
    ["5d", /reserved additional information 29/],
    ["fe", /reserved additional information 30 in major type 7/],
    ["ff", /a break outside an indefinite-length item at offset 0/],
    ["1f", /indefinite length on an integer or tag/],
    ["df00", /indefinite length on an integer or tag/],
    ["3f", /indefinite length on an integer or tag/],
    ["5a7fffffff00", /a length beyond the 1 bytes left at offset 0/],
    ["5bffffffffffffffff", /a length beyond the 0 bytes left/],
    ["9b0000000100000000", /a length beyond the 0 bytes left/],
    ["9a0000ffff00", /a length beyond the 1 bytes left/],
    ["a20102", /a length beyond the 2 bytes left/],
    ["9f01", /the input ends inside an indefinite-length item at offset 2/],
    ["5f4101", /the input ends inside an indefinite-length item/],
    ["5f6161ff", /not a definite string of its type at offset 1/],
    ["7f5f", /not a definite string of its type/],
    ["bf61610161ff", /.*/],
    ["bf6161ff", /a break where a map value was expected at offset 3/],
    ["a1", /a length beyond the 0 bytes left/],
    ["9f", /the input ends inside an indefinite-length item at offset 1/],
    ["62c328", /invalid UTF-8 in a text string at offset 1/],
    ["62c0af", /invalid UTF-8/], // overlong
    ["63eda080", /invalid UTF-8/], // a surrogate
    ["64f4908080", /invalid UTF-8/], // past U+10FFFF
    ["62e6b0", /cut off/],
    ["61ff", /invalid UTF-8/],
    ["a1406161", /a map key that is not text/],
    ["a18000", /a map key that is not text/],
    ["a1695f5f70726f746f5f5f00", /"__proto__"/],
    ["f800", /simple value 0 in two bytes/],
    ["f81f", /simple value 31 in two bytes/],
    ["f9", /2 bytes needed, 0 left/],
    ["fa0000", /4 bytes needed, 2 left/],
    ["fb00000000000000", /8 bytes needed/],
  ];
  for (const [input, message] of cases) {
    it(input === "" ? "(empty)" : input, () => {
      expect(decodeError(input).message).toMatch(message);
    });
  }

  it("nesting beyond maxDepth", () => {
    const deep = "81".repeat(40) + "00";
    expect(decodeError(deep).message).toMatch(/nesting deeper than 32 at offset 32/);
    expect(decode(fromHex(deep), { maxDepth: 40 })).toBeDefined();
    expect(() => decode(fromHex("c1".repeat(33) + "00"))).toThrow(/nesting deeper than 32/);
  });
});

describe("cross-checks with cbor-x", () => {
  const cborX = new Encoder({ useRecords: false, tagUint8Array: false, variableMapSize: true });
  const cborXDecoder = new Decoder({ useRecords: false });

  it(`cbor-x decodes ${CROSS_CHECKS} random device encodings to equal values; bytes equal except float widths`, () => {
    const generate = valueGenerator(SEED);
    let floatDifferences = 0;
    for (let i = 0; i < CROSS_CHECKS; i++) {
      const value = generate();
      const ours = encode(value);
      const back = cborXDecoder.decode(ours);
      if (!sameValue(back, value)) throw new Error(`value ${i}: cbor-x decoded ${hex(ours)} differently`);
      const theirs = cborX.encode(value);
      if (hex(theirs) !== hex(ours)) {
        // cbor-x writes a non-integral number as a float64 (or float32 with useFloat32) and
        // never as a half; mote/cbor writes the shortest exact width. Same value otherwise.
        // (cbor-x's -0 comes back as 0 from both decoders.)
        expect(sameValue(decode(theirs), cborXDecoder.decode(theirs)), `value ${i}`).toBe(true);
        floatDifferences++;
      }
    }
    expect(floatDifferences).toBeGreaterThan(0);
  });

  // Where the bytes differ, and why (cbor-x 1.x, configured as above):
  // - a number that is not an integer, NaN, ±Infinity: cbor-x writes a float64 (a float32
  //   with useFloat32), never a half; mote/cbor the shortest exact width (RFC 8949 §4.2.2);
  // - -0: cbor-x writes the integer 0 (the sign is lost), mote/cbor f98000;
  // - an integer of magnitude 2^32 or more: cbor-x writes a float64, mote/cbor an integer with
  //   an 8-byte argument (preferred serialization, §4.2.1); up to 2^53 both decode the same;
  // - a lone surrogate in a string: cbor-x writes it as three bytes that are not UTF-8,
  //   mote/cbor writes U+FFFD (what TextEncoder does).
  it("bytes are identical for values without those numbers", () => {
    const generate = valueGenerator(SEED + 1);
    let compared = 0;
    for (let i = 0; i < CROSS_CHECKS; i++) {
      const value = generate();
      const differs = (v: unknown) => typeof v === "number" && !(Number.isInteger(v) && !Object.is(v, -0) && v >= -(2 ** 32) && v < 2 ** 32);
      if (JSON.stringify(value, (_k, v) => (differs(v) ? "F" : v)).includes("\"F\"")) continue;
      expect(hex(encode(value)), `value ${i}`).toBe(hex(cborX.encode(value)));
      compared++;
    }
    expect(compared).toBeGreaterThan(CROSS_CHECKS / 2);
  });

  it(`mote/cbor decodes ${CROSS_CHECKS} random cbor-x encodings, also with float32 and indefinite lengths`, () => {
    const generate = valueGenerator(SEED + 2);
    const float32 = new Encoder({ useRecords: false, tagUint8Array: false, useFloat32: 1 });
    const indefinite = new Encoder({ useRecords: false, tagUint8Array: false, variableMapSize: false });
    for (let i = 0; i < CROSS_CHECKS; i++) {
      const value = generate();
      for (const encoder of [cborX, float32, indefinite]) {
        const bytes = encoder.encode(value);
        const expected = cborXDecoder.decode(bytes);
        if (!sameValue(decode(bytes), expected)) throw new Error(`value ${i}: decoded ${hex(bytes)} differently from cbor-x`);
      }
    }
  });

  it("half floats: every one of the 65,536 encodings decodes as cbor-x decodes it, and re-encodes to itself", () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const bytes = new Uint8Array([0xf9, bits >> 8, bits & 0xff]);
      const value = decode(bytes) as number;
      expect(Object.is(value, cborXDecoder.decode(bytes)) || (Number.isNaN(value) && Number.isNaN(cborXDecoder.decode(bytes))), hex(bytes)).toBe(true);
      if (!Number.isNaN(value)) expect(Object.is(value, halfValue(bits))).toBe(true);
      if (!Number.isInteger(value) || Object.is(value, -0)) {
        const again = encode(value);
        expect(hex(again)).toBe(Number.isNaN(value) ? "f97e00" : hex(bytes));
      }
    }
  });
});
