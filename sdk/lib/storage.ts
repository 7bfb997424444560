// Key/value storage in the board's flash, as device code sees it: `import { storage } from
// "mote"` (issue 10). What a device keeps across resets and updates (calibration, a device id,
// credentials), in the flash layout's settings area (boards/flash-layout.ts), which no image
// update touches. A log of records with a CRC each, compacted a sector at a time
// (sdk/lib/storage/log.ts, format in sdk/lib/storage/format.ts): a power cut at any point of a
// set, a delete or a compaction leaves each key with its old value or its new one.
// Boards without a flash layout have no `storage` (a compile error naming the board).

import type { Flash } from "./flash.ts";
import { latin1String } from "./rt/latin1.ts";
import { utf8Decode, utf8Length, utf8Write } from "./mqtt/utf8.ts";
import { crc16 } from "./link/crc16.ts";
import {
  KIND_BYTES, KIND_DELETED, KIND_STRING, MAX_KEY_BYTES, MAX_VALUE_BYTES, RECORD_HEADER_BYTES, RECORD_KEY_LENGTH, RECORD_KIND,
  setRecordCrc, writeRecordHeader,
} from "./storage/format.ts";
import { RecordLog } from "./storage/log.ts";

/** What a key holds. */
export type StorageValue = string | Uint8Array;

export class Storage {
  private mounted: RecordLog | undefined;
  /** The key being looked up, as UTF-8. */
  private readonly key = new Uint8Array(MAX_KEY_BYTES);
  private readonly header = new Uint8Array(RECORD_HEADER_BYTES);

  /** The settings area: `size` bytes at flash offset `offset`, whole sectors. */
  constructor(private readonly flash: Flash, private readonly offset: number, private readonly size: number) {}

  /**
   * The value last set for `key`: a string or a Uint8Array (a fresh copy, as it was given),
   * or `undefined` when the key was never set or has been deleted.
   */
  get(key: string): StorageValue | undefined {
    const log = this.log();
    const keyLength = this.encodeKey("get", key);
    const at = log.find(this.key, keyLength);
    if (at < 0) return undefined;
    const from = at + RECORD_HEADER_BYTES + keyLength;
    const bytes = new Uint8Array(log.dataLength(at) - keyLength);
    if (bytes.length > 0) this.flash.read(from, bytes);
    if (log.byte(at + RECORD_KIND) === KIND_BYTES) return bytes;
    return decodeText(bytes);
  }

  /** Whether `key` has a value. */
  has(key: string): boolean {
    const log = this.log();
    return log.find(this.key, this.encodeKey("has", key)) >= 0;
  }

  /**
   * Stores `value` (a string, kept as UTF-8, or a Uint8Array's bytes) under `key`. When it
   * returns, the value is in flash; a power cut before then leaves the key's previous value.
   * Setting the value a key already has writes nothing.
   * @throws TypeError when the key is not a string or the value neither a string nor a
   *   Uint8Array; RangeError when the key is empty, longer than STORAGE_MAX_KEY_BYTES (64)
   *   bytes of UTF-8 or holds U+0000 or a lone surrogate, when the value is longer than
   *   STORAGE_MAX_VALUE_BYTES (1024) bytes, or when the storage is full.
   */
  set(key: string, value: StorageValue): void {
    const log = this.log();
    const keyLength = this.encodeKey("set", key);
    let bytes: Uint8Array;
    let kind: number;
    if (typeof value === "string") {
      bytes = new Uint8Array(utf8Length(value));
      utf8Write(value, bytes, 0);
      kind = KIND_STRING;
    } else if (value instanceof Uint8Array) {
      bytes = value;
      kind = KIND_BYTES;
    } else {
      throw new TypeError(`storage.set("${key}"): the value must be a string or a Uint8Array, got ${kindOf(value)}`);
    }
    if (bytes.length > MAX_VALUE_BYTES) {
      throw new RangeError(`storage.set("${key}"): the value is ${bytes.length} bytes; values are at most ${MAX_VALUE_BYTES} bytes`);
    }
    const at = log.find(this.key, keyLength);
    if (at >= 0 && this.holds(log, at, kind, keyLength, bytes)) return;
    const replaced = at < 0 ? 0 : RECORD_HEADER_BYTES + log.dataLength(at);
    const live = log.liveBytes - replaced + RECORD_HEADER_BYTES + keyLength + bytes.length;
    if (live > log.capacity) {
      throw new RangeError(`storage.set("${key}"): the storage is full (${log.liveBytes} of ${log.capacity} bytes in use, this needs ${live - log.liveBytes + replaced}); delete keys first`);
    }
    this.write(log, kind, keyLength, bytes);
  }

  /** Removes `key` and its value; says whether it had one. A power cut leaves it either
   *  there or gone. */
  delete(key: string): boolean {
    const log = this.log();
    const keyLength = this.encodeKey("delete", key);
    if (log.find(this.key, keyLength) < 0) return false;
    this.write(log, KIND_DELETED, keyLength, this.key);
    return true;
  }

  /** The keys that have values, in no particular order. */
  list(): string[] {
    const log = this.log();
    const keys: string[] = [];
    for (const at of log.index.offsets) {
      const length = log.byte(at + RECORD_KEY_LENGTH);
      const bytes = new Uint8Array(length);
      this.flash.read(at + RECORD_HEADER_BYTES, bytes);
      keys.push(decodeText(bytes));
    }
    return keys;
  }

  /** Bytes the stored keys and values take, with their records' headers, and the most they
   *  may take (the settings area less what compaction needs to work). */
  get used(): number {
    return this.log().liveBytes;
  }

  get capacity(): number {
    return this.log().capacity;
  }

  /** Mounts the area at the first use. */
  private log(): RecordLog {
    let log = this.mounted;
    if (log === undefined) {
      if (this.offset < this.flash.freeStart) {
        throw new Error(`storage: the settings area (flash offset ${this.offset}) lies inside the image, which ends at ${this.flash.freeStart}: the image is too large for the board's flash layout`);
      }
      log = new RecordLog(this.flash, this.offset, this.size);
      log.mount();
      this.mounted = log;
    }
    return log;
  }

  /** Puts `key`'s UTF-8 into this.key after checking it; returns its length. */
  private encodeKey(call: string, key: string): number {
    // (Through `unknown`: on a parameter typed string the compiler would settle typeof
    // statically, and a value cast past the types would get through.)
    if (kindOf(key) !== "string") throw new TypeError(`storage.${call}: the key must be a string, got ${kindOf(key)}`);
    if (key.length === 0) throw new RangeError(`storage.${call}: the key is empty; keys are 1 to ${MAX_KEY_BYTES} bytes of UTF-8`);
    for (let i = 0; i < key.length; i++) {
      const unit = key.charCodeAt(i);
      if (unit === 0) throw new RangeError(`storage.${call}: the key holds U+0000, which keys may not`);
      if (unit >= 0xd800 && unit <= 0xdfff) {
        const pair = unit <= 0xdbff && i + 1 < key.length && key.charCodeAt(i + 1) >= 0xdc00 && key.charCodeAt(i + 1) <= 0xdfff;
        if (!pair) throw new RangeError(`storage.${call}: the key holds a lone surrogate (code unit ${unit}), which UTF-8 cannot keep`);
        i++;
      }
    }
    const length = utf8Length(key);
    if (length > MAX_KEY_BYTES) throw new RangeError(`storage.${call}: the key "${key}" is ${length} bytes of UTF-8; keys are 1 to ${MAX_KEY_BYTES} bytes`);
    utf8Write(key, this.key, 0);
    return length;
  }

  /** Whether the record at `at` already holds `kind` and `bytes` (a set that changes nothing). */
  private holds(log: RecordLog, at: number, kind: number, keyLength: number, bytes: Uint8Array): boolean {
    if (log.byte(at + RECORD_KIND) !== kind || log.dataLength(at) !== keyLength + bytes.length) return false;
    const from = at + RECORD_HEADER_BYTES + keyLength;
    for (let i = 0; i < bytes.length; i++) if (log.byte(from + i) !== bytes[i]) return false;
    return true;
  }

  private write(log: RecordLog, kind: number, keyLength: number, value: Uint8Array): void {
    const valueLength = kind === KIND_DELETED ? 0 : value.length;
    const header = this.header;
    let crc = writeRecordHeader(header, kind, keyLength, valueLength);
    crc = crc16(this.key, 0, keyLength, crc);
    crc = crc16(value, 0, valueLength, crc);
    setRecordCrc(header, crc);
    log.append(header, this.key, keyLength, value, valueLength);
  }
}

/** Stored UTF-8 as a string: ASCII in one allocation, anything else decoded, U+0000 included
 *  (set wrote it from a string, so it is well-formed; the CRC checked it at mount). */
function decodeText(bytes: Uint8Array): string {
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) ascii = false;
  if (ascii) return latin1String(bytes, 0, bytes.length);
  return utf8Decode(bytes, 0, bytes.length, true) ?? "";
}

/** typeof, and "null" for null. */
function kindOf(value: unknown): string {
  return value === null ? "null" : typeof value;
}
