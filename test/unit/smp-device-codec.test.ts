// The device's SMP code (sdk/lib/smp) run on Node: its frames byte-exact with the spec's
// vectors (../shared/PROTOCOLS.md "SMP") and with the host's encoder (flash-tool/smp), its
// base64 equal to Node's, its reader taking the host's frames in pieces of any size between
// console text, and its server's answers to the spec's requests. The end-to-end tests
// (test/e2e/smp.test.ts) run the same code compiled for the boards.

import { describe, expect, it, vi } from "vitest";

vi.mock("mote/intrinsics", () => import("../../ports/host/intrinsics.ts"));
vi.mock("../../sdk/lib/rt/latin1.ts", () => import("../../ports/host/rt/latin1.ts"));

import { decodeBase64, decodedLength, encodeBase64, encodedLength } from "../../sdk/lib/smp/base64.ts";
import { encodeSerialFrame as deviceFrame, SerialFrameReader } from "../../sdk/lib/smp/serial-transport.ts";
import { SmpServer } from "../../sdk/lib/smp/server.ts";
import { DeviceIdentity, OsGroup } from "../../sdk/lib/smp/os-group.ts";
import { SmpStats, StatsGroup } from "../../sdk/lib/smp/stats-group.ts";
import {
  decodeBody, decodePacket, encodeBody, encodePacket, encodeSerialFrame as hostFrame, SerialFrameDecoder, SmpGroup, SmpOp,
} from "../../flash-tool/smp/index.ts";
import { crc16 } from "../../sdk/lib/link/crc16.ts";
import { mulberry32 } from "./mulberry32.ts";

const ascii = (text: string) => new TextEncoder().encode(text);
const frameOf = (text: string) => Uint8Array.from([0x06, 0x09, ...ascii(text), 0x0a]);
const HELLO = frameOf("ABMCAAAJAAAAAKFhZGVoZWxsbyVv");

/** A reader, a server with the OS and statistics groups, and what the server sent. */
function device(bufferSize = 512) {
  const sent: Uint8Array[] = [];
  const server = new SmpServer((frame) => sent.push(frame));
  const reader = new SerialFrameReader((packet) => server.receive(packet), bufferSize);
  let resets = 0;
  server.register(SmpGroup.OS, new OsGroup(new DeviceIdentity("test-device", "1.2.3", "test-board"), bufferSize, () => { resets++; }));
  server.register(SmpGroup.STATS, new StatsGroup([new SmpStats(reader, server)]));
  return { server, reader, sent, resets: () => resets };
}

/** The packets in what the device sent, read by the host's decoder. */
function answers(sent: Uint8Array[]) {
  const decoder = new SerialFrameDecoder();
  const packets = sent.flatMap((frame) => decoder.push(frame));
  expect(decoder.counters).toMatchObject({ badBase64: 0, badCrc: 0, badLength: 0, oversizedLine: 0 });
  return packets.map((p) => {
    const { header, body } = decodePacket(p);
    return { header, body: decodeBody(body) };
  });
}

describe("CRC-16/XMODEM, byte at a time (sdk/lib/link/crc16.ts)", () => {
  /** The definition: eight shift-and-xor steps a byte. */
  function bitwise(bytes: Uint8Array): number {
    let crc = 0;
    for (const byte of bytes) {
      crc ^= byte << 8;
      for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
    return crc;
  }

  it("equals the bitwise definition on 2,000 random inputs, and continues from a CRC", () => {
    expect(crc16(ascii("123456789"), 0, 9)).toBe(0x31c3);
    const next = mulberry32(3);
    for (let n = 0; n < 2000; n++) {
      const bytes = Uint8Array.from({ length: next() % 80 }, () => next() & 0xff);
      expect(crc16(bytes, 0, bytes.length)).toBe(bitwise(bytes));
      const cut = bytes.length >> 1;
      expect(crc16(bytes, cut, bytes.length, crc16(bytes, 0, cut))).toBe(bitwise(bytes));
    }
  });
});

describe("the device's base64 (sdk/lib/smp/base64.ts)", () => {
  it("encodes and decodes as Node's Buffer does, every length to 100", () => {
    const next = mulberry32(7);
    for (let length = 0; length <= 100; length++) {
      const bytes = Uint8Array.from({ length }, () => next() & 0xff);
      const out = new Uint8Array(encodedLength(length));
      expect(encodeBase64(bytes, 0, length, out, 0)).toBe(out.length);
      expect(Buffer.from(out).toString()).toBe(Buffer.from(bytes).toString("base64"));
      expect(decodedLength(out, 0, out.length)).toBe(length);
      const back = new Uint8Array(length);
      expect(decodeBase64(out, 0, out.length, back, 0)).toBe(length);
      expect(back).toEqual(bytes);
    }
  });

  it("refuses what is not base64", () => {
    for (const text of ["A", "AB=", "AB*D", "A===", "====", "AB=C", "=ABC", "AB C", "QUJD\n", "QQ==QUJD", "QUJ=QUJD"]) {
      const bytes = ascii(text);
      const length = decodedLength(bytes, 0, bytes.length);
      expect(length < 0 || decodeBase64(bytes, 0, bytes.length, new Uint8Array(Math.max(0, length)), 0) < 0, text).toBe(true);
    }
    expect(decodedLength(ascii("QQ=="), 0, 4)).toBe(1);
    expect(decodedLength(ascii(""), 0, 0)).toBe(0);
  });
});

describe("the device's serial frames (sdk/lib/smp/serial-transport.ts)", () => {
  it("frames echo \"hello\" as the spec's vector: 06 09 ABMCAAAJAAAAAKFhZGVoZWxsbyVv 0a", () => {
    const packet = encodePacket({ version: 0, op: SmpOp.WRITE, group: SmpGroup.OS, command: 0, sequence: 0 }, encodeBody({ d: "hello" }));
    expect(deviceFrame(packet)).toEqual(HELLO);
  });

  it("frames every packet size to 1,000 bytes as the host does: lines of at most 127 bytes", () => {
    const next = mulberry32(11);
    for (let size = 0; size <= 1000; size += 1 + (size >> 5)) {
      const packet = Uint8Array.from({ length: size }, () => next() & 0xff);
      const frame = deviceFrame(packet);
      expect(frame).toEqual(hostFrame(packet));
      for (const line of Buffer.from(frame).toString("latin1").split("\n").slice(0, -1)) expect(line.length + 1).toBeLessThanOrEqual(127);
    }
  });

  it("reads the host's frames in pieces of any size, between console text, CR line ends too", () => {
    const next = mulberry32(13);
    const packets: Uint8Array[] = [];
    const reader = new SerialFrameReader((packet) => packets.push(packet), 512);
    const expected: Uint8Array[] = [];
    const stream: number[] = [];
    for (let i = 0; i < 300; i++) {
      const packet = Uint8Array.from({ length: next() % 500 }, () => next() & 0xff);
      expected.push(packet);
      let frame = [...hostFrame(packet)];
      if (i % 7 === 0) frame = frame.flatMap((b) => (b === 0x0a ? [0x0d, 0x0a] : [b]));
      if (i % 3 === 0) stream.push(...ascii(`console text ${i}${i % 2 ? "\n" : ""}`));
      stream.push(...frame);
    }
    for (let at = 0; at < stream.length;) {
      const end = Math.min(stream.length, at + 1 + (next() % 40));
      reader.push(Uint8Array.from(stream.slice(at, end)));
      at = end;
    }
    expect(packets).toEqual(expected);
    expect(reader).toMatchObject({ frames: 300, badCrc: 0, badBase64: 0, oversize: 0, broken: 0 });
  });

  it("reads the indefinite-length echo a real client sends", () => {
    const packets: Uint8Array[] = [];
    new SerialFrameReader((packet) => packets.push(packet), 512).push(frameOf("ABQCAAAKAAAAAL9hZGVoZWxsb/9LcA=="));
    expect(decodeBody(decodePacket(packets[0]).body)).toEqual({ d: "hello" });
  });

  it("drops and counts damaged frames by what is wrong with them", () => {
    const { reader } = device(256);
    const good = [...HELLO];
    const crc = [...good];
    crc[12] = crc[12] === 0x41 ? 0x42 : 0x41;
    const cut = good.slice(0, 10); // a line cut short by the next one
    const big = [...hostFrame(new Uint8Array(300))]; // longer than the 256-byte buffer
    const long = [0x06, 0x09, ...new Array(130).fill(0x41), 0x0a];
    const orphan = [0x04, 0x14, ...ascii("AAAA"), 0x0a];
    const base64 = [0x06, 0x09, ...ascii("AB*D"), 0x0a];
    const tooMany = [...good.slice(0, -1), ...ascii("AAAA"), 0x0a]; // more bytes than its length field
    reader.push(Uint8Array.from([...orphan, ...crc, ...cut, ...good, ...big, ...long, ...base64, ...tooMany, ...good]));
    expect(reader).toMatchObject({ frames: 2, badCrc: 1, badBase64: 1, oversize: 2, broken: 3 });
  });
});

describe("the device's SMP server (sdk/lib/smp/server.ts) on Node", () => {
  it("answers the spec's echo request with the same frame the host would make", () => {
    const { reader, sent } = device();
    reader.push(HELLO);
    const answer = encodePacket({ version: 0, op: SmpOp.WRITE_RESPONSE, group: SmpGroup.OS, command: 0, sequence: 0 }, encodeBody({ r: "hello" }));
    expect(sent).toEqual([hostFrame(answer)]);
  });

  it("answers params, OS info, stats; ENOTSUP, EINVAL and ENOENT as {rc}; v2 requests with v2 headers", () => {
    const { reader, sent, resets } = device();
    const ask = (op: number, group: number, command: number, body: Uint8Array, version = 0, sequence = 7) =>
      reader.push(hostFrame(encodePacket({ version, op, group, command, sequence }, body)));
    ask(SmpOp.READ, SmpGroup.OS, 6, encodeBody({}));
    ask(SmpOp.READ, SmpGroup.OS, 7, encodeBody({ format: "a" }));
    ask(SmpOp.READ, SmpGroup.OS, 7, encodeBody({ format: "q" }));
    ask(SmpOp.READ, SmpGroup.STATS, 1, encodeBody({}));
    ask(SmpOp.READ, SmpGroup.STATS, 0, encodeBody({ name: "smp" }));
    ask(SmpOp.READ, SmpGroup.STATS, 0, encodeBody({ name: "none" }));
    ask(SmpOp.READ, 77, 0, encodeBody({}));
    ask(SmpOp.WRITE, SmpGroup.OS, 0, Uint8Array.from([0xa1, 0x61, 0x64])); // truncated CBOR
    ask(SmpOp.WRITE, SmpGroup.OS, 0, Uint8Array.from([0x83, 1, 2, 3])); // not a map
    ask(SmpOp.WRITE, SmpGroup.OS, 0, encodeBody({ d: "v2" }), 1, 200);
    ask(SmpOp.READ, SmpGroup.OS, 0, new Uint8Array(0)); // empty body: a map with no "d"
    ask(SmpOp.WRITE_RESPONSE, SmpGroup.OS, 0, encodeBody({ r: "x" })); // a response: no answer
    ask(SmpOp.WRITE, SmpGroup.OS, 5, encodeBody({}));
    const got = answers(sent);
    expect(got.map((a) => a.body)).toEqual([
      { buf_size: 512, buf_count: 1 },
      { output: "mote test-device 1.2.3 1.2.3 unknown arm unknown test-board mote" },
      { rc: 3 },
      { stat_list: ["smp"] },
      { name: "smp", fields: { frames: 5, bad_crc: 0, bad_base64: 0, oversize: 0, broken: 0, requests: 4, errors: 1, dropped: 0 } },
      { rc: 5 }, { rc: 8 }, { rc: 3 }, { rc: 3 },
      { r: "v2" },
      { rc: 3 },
      {},
    ]);
    expect(got[0].header).toMatchObject({ op: SmpOp.READ_RESPONSE, group: 0, command: 6, sequence: 7, version: 0 });
    expect(got[9].header).toMatchObject({ op: SmpOp.WRITE_RESPONSE, version: 1, sequence: 200 });
    expect(got[11].header).toMatchObject({ op: SmpOp.WRITE_RESPONSE, group: 0, command: 5 });
    return new Promise<void>((resolve) => setTimeout(() => { expect(resets()).toBe(1); resolve(); }, 100));
  });
});
