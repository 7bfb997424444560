// The key/value storage's format in flash (README, "The mote API"): the settings area
// (boards/flash-layout.ts) is a ring of 4 KB sectors, each a sector header followed by records
// appended one after another. Everything is little-endian; the checks are CRC-16/XMODEM
// (sdk/lib/link/crc16.ts, the link's and SMP's check). Pure functions over bytes in RAM, so
// that the host can test them (test/unit/storage-format.test.ts); sdk/lib/storage/log.ts
// reads and writes the flash.
//
// Sector header, SECTOR_HEADER_BYTES:
//   0  u32  SECTOR_MAGIC ("mkv1")
//   4  u24  sequence: one more than the sector opened before it; the highest is where
//           records are appended, and the order of sequences is the order of the records
//   7  u8   0xFF
//   8  u16  CRC over bytes 0-7
//  10  u8   retired: 0xFF while the sector holds records, 0x00 once its live records have
//           been copied on (compaction): from then on it is free, to be erased when reused
//  11  u8   0xFF
//
// Record, RECORD_HEADER_BYTES then the key's and the value's bytes:
//   0  u16  data length: key bytes + value bytes
//   2  u16  the data length with every bit inverted, so that a length half programmed when
//           the power went (in whatever order the chip programs) never reads as valid
//   4  u8   key length, 1 to MAX_KEY_BYTES
//   5  u8   kind: KIND_DELETED (a tombstone: no value), KIND_STRING (UTF-8), KIND_BYTES
//   6  u16  CRC over bytes 0-5, the key and the value
//   8  u8   commit: 0xFF as programmed with the rest, then programmed to 0x00 on its own
//           once everything before it is in flash. A record counts only when committed and
//           its CRC matches: a power cut before the commit leaves the key's previous record
//           the latest, one after leaves the new one (programming one byte is atomic on the
//           boards' NOR flash).

import { crc16 } from "../link/crc16.ts";

export const SECTOR_MAGIC = 0x31766b6d;
export const SECTOR_HEADER_BYTES = 12;
export const SECTOR_CRC = 8;
export const SECTOR_RETIRED = 10;
/** Sequences are 24-bit: 16 M sector openings, far past the flash's erase endurance. */
export const SEQUENCE_LIMIT = 0x1000000;

export const RECORD_HEADER_BYTES = 9;
export const RECORD_KEY_LENGTH = 4;
export const RECORD_KIND = 5;
export const RECORD_CRC = 6;
export const RECORD_COMMIT = 8;

export const KIND_DELETED = 0;
export const KIND_STRING = 1;
export const KIND_BYTES = 2;

/** A committed byte (commit, retired); erased flash reads ERASED. */
export const MARKED = 0x00;
export const ERASED = 0xff;

/** The longest key, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 64;
/** The largest value, in bytes (a string's UTF-8 bytes). */
export const MAX_VALUE_BYTES = 1024;
/** The largest record. */
export const MAX_RECORD_BYTES = RECORD_HEADER_BYTES + MAX_KEY_BYTES + MAX_VALUE_BYTES;

/** Writes a sector header for `sequence` at the start of `into` (retired: 0xFF). */
export function writeSectorHeader(into: Uint8Array, sequence: number): void {
  writeWord(into, 0, SECTOR_MAGIC);
  into[4] = sequence & 0xff;
  into[5] = (sequence >> 8) & 0xff;
  into[6] = (sequence >> 16) & 0xff;
  into[7] = ERASED;
  const crc = crc16(into, 0, SECTOR_CRC);
  into[SECTOR_CRC] = crc & 0xff;
  into[SECTOR_CRC + 1] = crc >> 8;
  into[SECTOR_RETIRED] = ERASED;
  into[SECTOR_RETIRED + 1] = ERASED;
}

/** The sequence of the sector header in `bytes`, or -1 when it is not one (erased, partly
 *  erased or programmed, or anything else). Retirement is read apart: bytes[SECTOR_RETIRED]. */
export function sectorSequence(bytes: Uint8Array): number {
  if (readWord(bytes, 0) !== SECTOR_MAGIC || bytes[7] !== ERASED) return -1;
  if (crc16(bytes, 0, SECTOR_CRC) !== (bytes[SECTOR_CRC] | (bytes[SECTOR_CRC + 1] << 8))) return -1;
  return bytes[4] | (bytes[5] << 8) | (bytes[6] << 16);
}

/** Writes a record header into `into`[0, RECORD_HEADER_BYTES) for `keyLength` + `valueLength`
 *  bytes of data, with the CRC started (crc16 of bytes 0-5): the caller continues it over
 *  the key and the value and stores it with setRecordCrc. The commit byte is left ERASED. */
export function writeRecordHeader(into: Uint8Array, kind: number, keyLength: number, valueLength: number): number {
  const length = keyLength + valueLength;
  into[0] = length & 0xff;
  into[1] = length >> 8;
  into[2] = ~length & 0xff;
  into[3] = (~length >> 8) & 0xff;
  into[RECORD_KEY_LENGTH] = keyLength;
  into[RECORD_KIND] = kind;
  into[RECORD_COMMIT] = ERASED;
  return crc16(into, 0, RECORD_CRC);
}

export function setRecordCrc(into: Uint8Array, crc: number): void {
  into[RECORD_CRC] = crc & 0xff;
  into[RECORD_CRC + 1] = crc >> 8;
}

/** The record header in `header` as read back: its data length when the length and its
 *  inverse agree and the header describes a record mote writes (else -1: the bytes are no
 *  record, or one the power cut while its header was programmed). A record with a length
 *  can be stepped over even when it does not count (not committed, CRC wrong). */
export function recordDataLength(header: Uint8Array): number {
  const length = header[0] | (header[1] << 8);
  const inverse = header[2] | (header[3] << 8);
  if ((length ^ inverse) !== 0xffff) return -1;
  const keyLength = header[RECORD_KEY_LENGTH];
  const kind = header[RECORD_KIND];
  if (keyLength < 1 || keyLength > MAX_KEY_BYTES || length < keyLength || length > MAX_KEY_BYTES + MAX_VALUE_BYTES) return -1;
  if (kind === KIND_DELETED ? length !== keyLength : kind !== KIND_STRING && kind !== KIND_BYTES) return -1;
  return length;
}

/** Whether `header` is free flash: nothing was ever programmed where a record would start. */
export function isErasedHeader(header: Uint8Array): boolean {
  for (let i = 0; i < RECORD_HEADER_BYTES; i++) if (header[i] !== ERASED) return false;
  return true;
}

/** The CRC the header says its record has. */
export function recordCrc(header: Uint8Array): number {
  return header[RECORD_CRC] | (header[RECORD_CRC + 1] << 8);
}

function writeWord(into: Uint8Array, at: number, value: number): void {
  into[at] = value & 0xff;
  into[at + 1] = (value >> 8) & 0xff;
  into[at + 2] = (value >> 16) & 0xff;
  into[at + 3] = (value >> 24) & 0xff;
}

function readWord(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);
}
