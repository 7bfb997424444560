// The key/value storage's record and sector formats (sdk/lib/storage/format.ts) on the host:
// what a mount takes for a record or a sector header, and what it refuses, above all every
// way a power cut can leave a header half programmed. The device tests (test/boards/storage*)
// are the proof that it works; this pins the format down byte for byte.

import { describe, expect, it } from "vitest";
import {
  ERASED, KIND_BYTES, KIND_DELETED, KIND_STRING, MAX_KEY_BYTES, MAX_VALUE_BYTES, RECORD_COMMIT, RECORD_HEADER_BYTES, SECTOR_HEADER_BYTES,
  isErasedHeader, recordCrc, recordDataLength, sectorSequence, setRecordCrc, writeRecordHeader, writeSectorHeader,
} from "../../sdk/lib/storage/format.ts";
import { crc16 } from "../../sdk/lib/link/crc16.ts";
import { stringRecord } from "../boards/storage-area.ts";

function header(kind: number, keyLength: number, valueLength: number): Uint8Array {
  const bytes = new Uint8Array(RECORD_HEADER_BYTES);
  writeRecordHeader(bytes, kind, keyLength, valueLength);
  return bytes;
}

describe("storage record format", () => {
  it("lays a record out as length, inverted length, key length, kind, CRC, commit", () => {
    const record = stringRecord("id", "mote");
    const crc = crc16(Buffer.from("idmote"), 0, 6, crc16(record, 0, 6));
    expect([...record]).toEqual([6, 0, 0xf9, 0xff, 2, KIND_STRING, crc & 0xff, crc >> 8, 0x00, ...Buffer.from("idmote")]);
    expect(recordDataLength(record)).toBe(6);
  });

  it("leaves the commit byte erased until it is programmed on its own", () => {
    expect(header(KIND_BYTES, 3, 10)[RECORD_COMMIT]).toBe(ERASED);
  });

  it("refuses a length whose inverse disagrees: any half-programmed length", () => {
    const good = header(KIND_STRING, 4, 300);
    expect(recordDataLength(good)).toBe(304);
    // Each of the four length bytes still erased while the others were programmed.
    for (let i = 0; i < 4; i++) {
      const cut = good.slice();
      cut[i] = ERASED;
      expect(recordDataLength(cut), `byte ${i} erased`).toBe(-1);
    }
  });

  it("refuses kinds, key lengths and sizes it never writes", () => {
    expect(recordDataLength(header(7, 4, 4))).toBe(-1);
    expect(recordDataLength(header(KIND_STRING, 0, 4))).toBe(-1);
    expect(recordDataLength(header(KIND_STRING, MAX_KEY_BYTES + 1, 0))).toBe(-1);
    expect(recordDataLength(header(KIND_BYTES, MAX_KEY_BYTES, MAX_VALUE_BYTES))).toBe(MAX_KEY_BYTES + MAX_VALUE_BYTES);
    expect(recordDataLength(header(KIND_BYTES, MAX_KEY_BYTES, MAX_VALUE_BYTES + 1))).toBe(-1);
    // A tombstone has no value.
    expect(recordDataLength(header(KIND_DELETED, 5, 0))).toBe(5);
    expect(recordDataLength(header(KIND_DELETED, 5, 1))).toBe(-1);
  });

  it("tells erased flash from a record", () => {
    expect(isErasedHeader(new Uint8Array(RECORD_HEADER_BYTES).fill(ERASED))).toBe(true);
    expect(isErasedHeader(header(KIND_STRING, 1, 0))).toBe(false);
  });

  it("keeps the CRC it is given", () => {
    const bytes = header(KIND_STRING, 1, 1);
    setRecordCrc(bytes, 0xbeef);
    expect(recordCrc(bytes)).toBe(0xbeef);
  });
});

describe("storage sector header", () => {
  it("round-trips its 24-bit sequence", () => {
    for (const sequence of [1, 255, 256, 65536, 0xffffff]) {
      const bytes = new Uint8Array(SECTOR_HEADER_BYTES);
      writeSectorHeader(bytes, sequence);
      expect(sectorSequence(bytes)).toBe(sequence);
    }
  });

  it("is no header when erased, zeroed, or any byte of it is off", () => {
    expect(sectorSequence(new Uint8Array(SECTOR_HEADER_BYTES).fill(ERASED))).toBe(-1);
    expect(sectorSequence(new Uint8Array(SECTOR_HEADER_BYTES))).toBe(-1);
    const bytes = new Uint8Array(SECTOR_HEADER_BYTES);
    writeSectorHeader(bytes, 42);
    for (let i = 0; i < 10; i++) {
      const cut = bytes.slice();
      cut[i] ^= 0x10;
      expect(sectorSequence(cut), `byte ${i}`).toBe(-1);
    }
  });
});
