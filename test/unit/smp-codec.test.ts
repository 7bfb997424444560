// The SMP codec (flash-tool/smp): byte-exact against ../shared/PROTOCOLS.md's vectors, the
// 127-byte line rule, and a decoder that survives console text, arbitrary chunking and damage.

import { describe, expect, it } from "vitest";
import { crc16 } from "../../sdk/lib/link/crc16.ts";
import {
  decodeBody, decodePacket, encodeBody, encodePacket, encodeSerialFrame, errorIn, MAX_LINE_LENGTH, SerialFrameDecoder, SmpGroup, SmpOp,
  uploadBody, uploadChunkSize,
} from "../../flash-tool/smp/index.ts";
import { mulberry32 } from "./mulberry32.ts";

/** A seeded generator of numbers in [0, 1). */
const seeded = (seed: number) => {
  const next = mulberry32(seed);
  return () => next() / 2 ** 32;
};

const ascii = (text: string) => new TextEncoder().encode(text);
/** 06 09 <text> 0a, the way PROTOCOLS.md writes a frame. */
const frameOf = (text: string) => Uint8Array.from([0x06, 0x09, ...ascii(text), 0x0a]);

function lines(frame: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  frame.forEach((b, i) => {
    if (b === 0x0a) {
      out.push(frame.subarray(start, i + 1));
      start = i + 1;
    }
  });
  return out;
}

describe("CRC-16/XMODEM (sdk/lib/link/crc16.ts, shared with the device)", () => {
  it("gives the check value 0x31C3 for \"123456789\"", () => {
    expect(crc16(ascii("123456789"), 0, 9)).toBe(0x31c3);
    expect(crc16(new Uint8Array(0), 0, 0)).toBe(0);
  });
});

describe("the spec's vectors, byte for byte", () => {
  it("echo \"hello\" → 06 09 ABMCAAAJAAAAAKFhZGVoZWxsbyVv 0a", () => {
    const packet = encodePacket({ version: 0, op: SmpOp.WRITE, group: SmpGroup.OS, command: 0, sequence: 0 }, encodeBody({ d: "hello" }));
    expect(encodeSerialFrame(packet)).toEqual(frameOf("ABMCAAAJAAAAAKFhZGVoZWxsbyVv"));
  });

  it("image state read → 06 09 AAsAAAABAAEAAKCG/g== 0a", () => {
    const packet = encodePacket({ version: 0, op: SmpOp.READ, group: SmpGroup.IMAGE, command: 0, sequence: 0 }, encodeBody({}));
    expect(encodeSerialFrame(packet)).toEqual(frameOf("AAsAAAABAAEAAKCG/g=="));
  });

  it("decodes the indefinite-length echo request a real client sends, and re-encodes it exactly", () => {
    const decoder = new SerialFrameDecoder();
    const [packet] = decoder.push(frameOf("ABQCAAAKAAAAAL9hZGVoZWxsb/9LcA=="));
    const { header, body } = decodePacket(packet);
    expect(header).toEqual({ version: 0, op: SmpOp.WRITE, flags: 0, length: 10, group: 0, sequence: 0, command: 0 });
    expect([...body]).toEqual([0xbf, 0x61, 0x64, 0x65, ...ascii("hello"), 0xff]);
    expect(decodeBody(body)).toEqual({ d: "hello" });
    expect(encodeSerialFrame(packet)).toEqual(frameOf("ABQCAAAKAAAAAL9hZGVoZWxsb/9LcA=="));
  });

  it("reads the SMP version 2 bit and both error styles into one error", () => {
    const v2 = encodePacket({ version: 1, op: SmpOp.READ_RESPONSE, group: 1, command: 0, sequence: 7 }, new Uint8Array(0));
    expect(v2[0]).toBe(0x09);
    expect(decodePacket(v2).header).toMatchObject({ version: 1, op: 1, sequence: 7 });
    expect(errorIn({ rc: 0 }, "x")).toBeUndefined();
    expect(errorIn({ off: 10 }, "x")).toBeUndefined();
    expect(errorIn({ rc: 8 }, "image erase")!.message).toBe("image erase: the device answered error 8 (not supported)");
    expect(errorIn({ err: { group: 1, rc: 5 } }, "image test")!.message).toBe("image test: the device answered error 5 of the image group");
    expect(errorIn({ rc: 99 }, "echo")!.message).toMatch(/error 99 \(an error code SMP does not define\)/);
  });
});

describe("line splitting at 127 bytes", () => {
  // smp_transport.rst: "This 127-byte maximum applies to the entire frame, including header,
  // CRC, and terminating newline" — 2 marker bytes + ≤ 124 base64 characters + newline.
  for (const size of [256, 2048]) {
    it(`carries a ${size}-byte packet in lines of at most 127 bytes, and back`, () => {
      const random = seeded(size);
      const packet = Uint8Array.from({ length: size }, () => Math.floor(random() * 256));
      const frame = encodeSerialFrame(packet);
      const split = lines(frame);
      expect(split.length).toBe(Math.ceil((size + 4) / 93));
      split.forEach((line, i) => {
        expect(line.length).toBeLessThanOrEqual(MAX_LINE_LENGTH);
        expect([line[0], line[1]]).toEqual(i === 0 ? [0x06, 0x09] : [0x04, 0x14]);
        if (i < split.length - 1) expect(line.length).toBe(MAX_LINE_LENGTH); // full lines use all 127 bytes
      });
      const decoder = new SerialFrameDecoder();
      expect(decoder.push(frame)).toEqual([packet]);
    });
  }
});

describe("the stream decoder", () => {
  const packets = [16, 100, 256, 700].map((n, k) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + k) & 0xff));
  const console1 = ascii("boot: mote 1.2.3\n");
  const console2 = ascii("temperature 21.5 C\r\n");

  it("yields whole packets from pieces of any size, with console text between lines", () => {
    const random = seeded(7);
    const stream: number[] = [...console1];
    for (const p of packets) {
      for (const line of lines(encodeSerialFrame(p))) stream.push(...line, ...console2);
    }
    for (let trial = 0; trial < 20; trial++) {
      const consoleText: number[] = [];
      const decoder = new SerialFrameDecoder({ onConsole: (b) => consoleText.push(...b) });
      const got: Uint8Array[] = [];
      for (let at = 0; at < stream.length;) {
        const n = 1 + Math.floor(random() * 40);
        got.push(...decoder.push(Uint8Array.from(stream.slice(at, at + n))));
        at += n;
      }
      expect(got).toEqual(packets);
      const lineCount = packets.reduce((n, p) => n + lines(encodeSerialFrame(p)).length, 0);
      expect(new TextDecoder().decode(Uint8Array.from(consoleText))).toBe(new TextDecoder().decode(console1) + new TextDecoder().decode(console2).repeat(lineCount));
      expect(decoder.counters).toMatchObject({ packets: 4, badCrc: 0, badBase64: 0, badLength: 0 });
    }
  });

  it("passes on console text without a newline when a frame follows it", () => {
    const text: string[] = [];
    const decoder = new SerialFrameDecoder({ onConsole: (b) => text.push(new TextDecoder().decode(b)) });
    const got = decoder.push(Uint8Array.from([...ascii("> prompt"), ...encodeSerialFrame(packets[0])]));
    expect(got).toEqual([packets[0]]);
    expect(text.join("")).toBe("> prompt");
  });

  it("drops and counts a bad CRC, bad base64, a bad length, an orphan continuation and an overlong line", () => {
    const decoder = new SerialFrameDecoder();
    const good = encodeSerialFrame(packets[1]);
    const flipped = good.slice();
    flipped[10] = flipped[10] === 0x41 ? 0x42 : 0x41; // another base64 letter: the CRC catches it
    expect(decoder.push(flipped)).toEqual([]);
    expect(decoder.counters.badCrc).toBe(1);

    expect(decoder.push(frameOf("AB!CAAAJ"))).toEqual([]);
    expect(decoder.counters.badBase64).toBe(1);
    expect(decoder.push(frameOf("ABMCAAA"))).toEqual([]); // not a whole base64 quantum
    expect(decoder.counters.badBase64).toBe(2);

    // Length says 3 bytes, 4 follow.
    expect(decoder.push(frameOf(Buffer.from([0, 3, 1, 2, 3, 4]).toString("base64")))).toEqual([]);
    expect(decoder.counters.badLength).toBe(1);

    expect(decoder.push(Uint8Array.from([0x04, 0x14, ...ascii("AAAA"), 0x0a]))).toEqual([]);
    expect(decoder.counters.orphanContinuation).toBe(1);

    expect(decoder.push(frameOf("A".repeat(200)))).toEqual([]);
    expect(decoder.counters.oversizedLine).toBe(1);
    // An overlong line cut short by a new frame: the frame still gets through.
    expect(decoder.push(Uint8Array.from([0x06, 0x09, ...ascii("A".repeat(200)), ...good]))).toEqual([packets[1]]);
    expect(decoder.counters.oversizedLine).toBe(2);

    // A packet whose second line never came, then a new packet: the first is dropped.
    const big = lines(encodeSerialFrame(packets[2]));
    expect(decoder.push(big[0])).toEqual([]);
    expect(decoder.push(good)).toEqual([packets[1]]);
    expect(decoder.counters.badLength).toBe(2);

    // A line cut short by a new frame.
    expect(decoder.push(Uint8Array.from([...big[0].subarray(0, 50), ...good]))).toEqual([packets[1]]);
    expect(decoder.counters.interruptedLine).toBe(1);

    // Still in step after all that.
    expect(decoder.push(encodeSerialFrame(packets[3]))).toEqual([packets[3]]);
    expect(decoder.counters.packets).toBe(4);
  });

  it("never throws on random bytes", () => {
    const random = seeded(99);
    const decoder = new SerialFrameDecoder();
    for (let i = 0; i < 2000; i++) {
      const piece = Uint8Array.from({ length: 1 + Math.floor(random() * 64) }, () => {
        const r = random();
        return r < 0.05 ? 0x0a : r < 0.1 ? 0x06 : r < 0.15 ? 0x09 : r < 0.2 ? 0x04 : r < 0.25 ? 0x14 : 0x2b + Math.floor(random() * 80);
      });
      expect(() => decoder.push(piece)).not.toThrow();
    }
    expect(decoder.push(encodeSerialFrame(packets[0]))).toEqual([packets[0]]);
  });
});

describe("upload chunk sizing", () => {
  it("fills the device's buffer and no more", () => {
    const sha = new Uint8Array(32).fill(7);
    for (const bufSize of [128, 256, 384, 1024, 2048]) {
      for (const total of [1000, 70_000]) {
        for (const first of [true, false]) {
          const n = uploadChunkSize(bufSize, total, first);
          const size = (extra: number) => encodeSerialFramePayload(uploadBody({}, first ? 0 : total - 1, new Uint8Array(n + extra), total, sha));
          expect(size(0)).toBeLessThanOrEqual(bufSize);
          expect(size(1)).toBeGreaterThan(bufSize);
        }
      }
    }
    expect(() => uploadChunkSize(40, 1000, true)).toThrow(/too small to carry image data/);
  });
});

/** Packet + the serial frame's length and CRC fields: what the device's buffer must hold. */
function encodeSerialFramePayload(body: Record<string, unknown>): number {
  return encodePacket({ version: 0, op: SmpOp.WRITE, group: 1, command: 1, sequence: 0 }, encodeBody(body)).length + 4;
}
