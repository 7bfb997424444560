// The settings area as a log of records (format: ./format.ts) in a ring of sectors, kept safe
// across power cuts at any instruction. Records are appended to the active sector, the one
// with the highest sequence; a key's latest record is the last one in the order of the
// sectors' sequences and, within a sector, of their offsets.
//
// When a record does not fit, the log advances: it erases the next sector in the ring, opens
// it (a header with the next sequence), and compacts the sector after that, the oldest,
// which the ring is about to reach: the oldest sector's live records (those the index says
// are their keys' latest) are copied into the new sector, then the oldest is retired (one
// byte programmed) and is free from then on. Tombstones in the oldest sector are dropped: no
// older record of their key is left anywhere. So the sector after the active one is always
// free, and a compaction needs no RAM beyond one 256-byte buffer, whatever the area's size.
//
// Power cuts: the header is programmed after the erase, so a sector cut while being erased or
// opened has no valid header and is free. A record cut before its commit byte is not
// counted. A compaction cut before the oldest sector is retired leaves the oldest sector
// whole: at mount, a valid unretired sector right after the active one means exactly that,
// and the active one, which then holds only copies, is erased (the compaction is discarded;
// the next advance redoes it). A sector whose records end in bytes that are no record (a cut
// while a header was being programmed) takes no more records: the next one advances.

import { FLASH_PAGE_BYTES, type Flash } from "../flash.ts";
import { peek8 } from "mote/intrinsics";
import { crc16 } from "../link/crc16.ts";
import {
  ERASED, MARKED, MAX_KEY_BYTES, MAX_RECORD_BYTES, RECORD_COMMIT, RECORD_HEADER_BYTES, RECORD_KEY_LENGTH, RECORD_KIND, KIND_DELETED,
  SECTOR_HEADER_BYTES, SECTOR_RETIRED, SEQUENCE_LIMIT, isErasedHeader, recordCrc, recordDataLength, sectorSequence,
  writeSectorHeader,
} from "./format.ts";
import { KeyIndex, keyHash } from "./key-index.ts";

/** Bytes copied or checked at a time: a flash page (FLASH_PAGE_BYTES, sdk/lib/flash.ts). */
const CHUNK_BYTES = FLASH_PAGE_BYTES;
/** No sector is active yet (an empty or unformatted area). */
const NONE = -1;

export class RecordLog {
  index = new KeyIndex();
  /** Bytes of the records the index points to: what a compaction keeps. */
  liveBytes = 0;
  /** The most live data the log takes: with it, some sector always has room for one more
   *  record after at most one turn of the ring (compaction keeps one sector free, and a
   *  sector can end with up to a record's worth of unusable space). */
  readonly capacity: number;
  private readonly sectorCount: number;
  private readonly sectorBytes: number;
  /** Each sector's sequence, or -1 when it is free (erased, retired or garbage). */
  private readonly sequences: number[] = [];
  private active = NONE;
  /** Where the next record goes in the active sector (an offset in the flash). */
  private writeAt = 0;
  private readonly chunk = new Uint8Array(CHUNK_BYTES);
  private readonly header = new Uint8Array(RECORD_HEADER_BYTES);
  private readonly key = new Uint8Array(MAX_KEY_BYTES);
  private readonly commit = new Uint8Array(1);

  /** The log in flash offsets [start, start + size), whole sectors. */
  constructor(private readonly flash: Flash, private readonly start: number, size: number) {
    this.sectorBytes = flash.sectorSize;
    this.sectorCount = (size / this.sectorBytes) | 0;
    this.capacity = (this.sectorCount - 2) * (this.sectorBytes - SECTOR_HEADER_BYTES - MAX_RECORD_BYTES);
    this.commit[0] = MARKED;
  }

  /** Reads the area: sector headers, an interrupted compaction undone, then the records into
   *  the index. The CRCs of the records the index keeps are checked after the scan, not those
   *  of every record (reading each record's bytes is most of a mount's time): a committed
   *  record is complete, since its commit byte is programmed after it, so only corrupted
   *  flash fails a check, and then the records are read again, each checked, so that the
   *  key's record before the corrupted one counts. */
  mount(): void {
    const count = this.sectorCount;
    for (let s = 0; s < count; s++) this.sequences.push(this.headerSequence(s));
    this.active = this.newest();
    if (this.active !== NONE) {
      const after = (this.active + 1) % count;
      if (this.sequences[after] >= 0 && this.sequences[after] === this.oldestSequence()) {
        // The active sector is a compaction's destination the power cut before the oldest
        // sector (`after`) was retired: it holds copies only, and the originals are whole.
        this.flash.erase(this.sectorOffset(this.active));
        this.sequences[this.active] = -1;
        this.active = this.newest();
      }
    }
    this.readRecords(false);
    for (const offset of this.index.offsets) {
      if (!this.checksOut(offset)) {
        this.index = new KeyIndex();
        this.liveBytes = 0;
        this.readRecords(true);
        break;
      }
    }
  }

  /** Reads every sector's records in sequence order: the last record of a key seen is its
   *  latest. Tombstones are checked as they are read (they are small), the other records
   *  only if `checkAll`. */
  private readRecords(checkAll: boolean): void {
    const count = this.sectorCount;
    let previous = -1;
    for (;;) {
      let next = NONE;
      for (let s = 0; s < count; s++) {
        const sequence = this.sequences[s];
        if (sequence > previous && (next === NONE || sequence < this.sequences[next])) next = s;
      }
      if (next === NONE) break;
      previous = this.sequences[next];
      const end = this.scan(next, checkAll);
      // Records go on after the active sector's last one only if nothing half programmed
      // follows it, which a new record would be ANDed with.
      if (next === this.active) this.writeAt = end >= 0 && this.erasedFrom(end, this.sectorEnd(next)) ? end : this.sectorEnd(next);
    }
  }

  /** The offset of the key's latest record (a tombstone never is one), or -1. */
  find(key: Uint8Array, keyLength: number): number {
    const found = this.index.find(keyHash(key, keyLength), (offset) => this.keyAt(offset, key, keyLength));
    return found < 0 ? -1 : this.index.offsets[found];
  }

  /** The data length of the record at `offset`. */
  dataLength(offset: number): number {
    return this.byte(offset) | (this.byte(offset + 1) << 8);
  }

  /** The byte at a flash offset. */
  byte(offset: number): number {
    return peek8(this.flash.address + offset);
  }

  /**
   * Appends a record: `header` (RECORD_HEADER_BYTES, from writeRecordHeader with its CRC set),
   * `key`'s first `keyLength` bytes, and the value's `valueLength` bytes (none for a
   * tombstone), then commits it and points the index at it (a tombstone removes the key).
   * The caller has checked that the live data stays within `capacity`.
   */
  append(header: Uint8Array, key: Uint8Array, keyLength: number, value: Uint8Array, valueLength: number): void {
    const size = RECORD_HEADER_BYTES + keyLength + valueLength;
    if (this.active === NONE) this.open(0, 1);
    for (let turns = 0; this.writeAt + size > this.sectorEnd(this.active); turns++) {
      // Capacity leaves room within a turn of the ring; more would be a broken area.
      if (turns > this.sectorCount) throw new Error(`storage: no sector has room for a ${size}-byte record (the settings area at ${this.start} is full)`);
      this.advance();
    }
    const at = this.writeAt;
    // Header, key and value gathered a page at a time: one program operation per page
    // touched (on the pico each waits about 0.4 ms for the chip, whatever its length).
    const chunk = this.chunk;
    const keyEnd = RECORD_HEADER_BYTES + keyLength;
    let from = at;
    let filled = 0;
    for (let i = 0; i < size; i++) {
      chunk[filled++] = i < RECORD_HEADER_BYTES ? header[i] : i < keyEnd ? key[i - RECORD_HEADER_BYTES] : value[i - keyEnd];
      if ((from + filled) % CHUNK_BYTES === 0 || i === size - 1) {
        this.flash.program(from, chunk, filled);
        from += filled;
        filled = 0;
      }
    }
    this.flash.program(at + RECORD_COMMIT, this.commit);
    this.writeAt = at + size;
    this.indexRecord(header[RECORD_KIND] === KIND_DELETED ? -1 : at, keyHash(key, keyLength), key, keyLength);
  }

  /** Opens the next sector of the ring and compacts the oldest into it. */
  private advance(): void {
    const count = this.sectorCount;
    const next = (this.active + 1) % count;
    const sequence = this.sequences[this.active] + 1;
    if (sequence >= SEQUENCE_LIMIT) throw new Error(`storage: the settings area has been rewritten ${SEQUENCE_LIMIT} times; it is worn out`);
    this.open(next, sequence);
    const oldest = (next + 1) % count;
    if (this.sequences[oldest] < 0) return;
    const from = this.sectorOffset(oldest);
    const to = from + this.sectorBytes;
    const offsets = this.index.offsets;
    for (let i = 0; i < offsets.length; i++) {
      const offset = offsets[i];
      if (offset >= from && offset < to) offsets[i] = this.copy(offset);
    }
    this.flash.program(from + SECTOR_RETIRED, this.commit);
    this.sequences[oldest] = -1;
  }

  /** Erases sector `s` and makes it the active one with `sequence`. */
  private open(s: number, sequence: number): void {
    const at = this.sectorOffset(s);
    this.flash.erase(at);
    writeSectorHeader(this.chunk, sequence);
    this.flash.program(at, this.chunk, SECTOR_HEADER_BYTES);
    this.sequences[s] = sequence;
    this.active = s;
    this.writeAt = at + SECTOR_HEADER_BYTES;
  }

  /** Copies the committed record at `offset` to the end of the active sector, committing it
   *  last as append does; returns where it now is. */
  private copy(offset: number): number {
    const size = RECORD_HEADER_BYTES + this.dataLength(offset);
    const at = this.writeAt;
    for (let done = 0; done < size;) {
      // Up to the destination's next page boundary: one program operation per page.
      const room = CHUNK_BYTES - ((at + done) % CHUNK_BYTES);
      const length = size - done < room ? size - done : room;
      this.flash.read(offset + done, this.chunk, length);
      if (done <= RECORD_COMMIT && RECORD_COMMIT < done + length) this.chunk[RECORD_COMMIT - done] = ERASED;
      this.flash.program(at + done, this.chunk, length);
      done += length;
    }
    this.flash.program(at + RECORD_COMMIT, this.commit);
    this.writeAt = at + size;
    return at;
  }

  /** Reads the records of sector `s` into the index; returns where they end, or -1 when they
   *  end in bytes that are no record (the sector can take no more). */
  private scan(s: number, checkAll: boolean): number {
    const end = this.sectorEnd(s);
    const header = this.header;
    const key = this.key;
    let at = this.sectorOffset(s) + SECTOR_HEADER_BYTES;
    while (at + RECORD_HEADER_BYTES <= end) {
      this.flash.read(at, header, RECORD_HEADER_BYTES);
      if (isErasedHeader(header)) return at;
      const length = recordDataLength(header);
      if (length < 0 || at + RECORD_HEADER_BYTES + length > end) return -1;
      const deleted = header[RECORD_KIND] === KIND_DELETED;
      if (header[RECORD_COMMIT] === MARKED && (!(checkAll || deleted) || this.checksOut(at))) {
        const keyLength = header[RECORD_KEY_LENGTH];
        this.flash.read(at + RECORD_HEADER_BYTES, key, keyLength);
        this.indexRecord(deleted ? -1 : at, keyHash(key, keyLength), key, keyLength);
      }
      at += RECORD_HEADER_BYTES + length;
    }
    return at;
  }

  /** Makes the record at `offset` (-1: a tombstone) the key's latest. */
  private indexRecord(offset: number, hash: number, key: Uint8Array, keyLength: number): void {
    const index = this.index;
    const found = index.find(hash, (other) => this.keyAt(other, key, keyLength));
    if (found >= 0) {
      this.liveBytes -= RECORD_HEADER_BYTES + this.dataLength(index.offsets[found]);
      if (offset < 0) index.remove(found);
      else index.offsets[found] = offset;
    } else if (offset >= 0) {
      index.add(hash, offset);
    }
    if (offset >= 0) this.liveBytes += RECORD_HEADER_BYTES + this.dataLength(offset);
  }

  /** Whether the CRC of the record at `at` (header bytes 0-5, key, value) matches, read a
   *  chunk at a time. */
  private checksOut(at: number): boolean {
    const header = this.header;
    this.flash.read(at, header, RECORD_HEADER_BYTES);
    const length = recordDataLength(header);
    const expected = recordCrc(header);
    let crc = crc16(header, 0, RECORD_KIND + 1);
    const data = at + RECORD_HEADER_BYTES;
    for (let done = 0; done < length; done += CHUNK_BYTES) {
      const part = length - done < CHUNK_BYTES ? length - done : CHUNK_BYTES;
      this.flash.read(data + done, this.chunk, part);
      crc = crc16(this.chunk, 0, part, crc);
    }
    return crc === expected;
  }

  /** Whether the record at `offset` has `key`. */
  private keyAt(offset: number, key: Uint8Array, keyLength: number): boolean {
    if (this.byte(offset + RECORD_KEY_LENGTH) !== keyLength) return false;
    const at = this.flash.address + offset + RECORD_HEADER_BYTES;
    for (let i = 0; i < keyLength; i++) if (peek8(at + i) !== key[i]) return false;
    return true;
  }

  /** Whether flash [from, end) is all erased: nothing half programmed that a record written
   *  there would be ANDed with. */
  private erasedFrom(from: number, end: number): boolean {
    const base = this.flash.address;
    for (let at = end - 1; at >= from; at--) if (peek8(base + at) !== ERASED) return false;
    return true;
  }

  private headerSequence(s: number): number {
    const at = this.sectorOffset(s);
    this.flash.read(at, this.chunk, SECTOR_HEADER_BYTES);
    if (this.chunk[SECTOR_RETIRED] !== ERASED) return -1;
    return sectorSequence(this.chunk);
  }

  /** The sector with the highest sequence, or NONE. */
  private newest(): number {
    let newest = NONE;
    for (let s = 0; s < this.sectorCount; s++) {
      if (this.sequences[s] >= 0 && (newest === NONE || this.sequences[s] > this.sequences[newest])) newest = s;
    }
    return newest;
  }

  private oldestSequence(): number {
    let oldest = -1;
    for (const sequence of this.sequences) if (sequence >= 0 && (oldest < 0 || sequence < oldest)) oldest = sequence;
    return oldest;
  }

  private sectorOffset(s: number): number {
    return this.start + s * this.sectorBytes;
  }

  private sectorEnd(s: number): number {
    return this.sectorOffset(s) + this.sectorBytes;
  }
}
