// Where each stored key's latest record is: what the storage keeps in RAM instead of reading
// the whole settings area on each get. Per key two numbers, the record's flash offset and a
// 16-bit hash of the key's bytes (8 bytes of RAM, the keys themselves stay in flash): a
// lookup compares hashes, then the key's bytes in flash only where the hash matches. A RAM
// map from key strings would cost each key's string too; scanning flash on every get would
// cost no RAM but a read of up to the whole area per call.

import { crc16 } from "../link/crc16.ts";

/** The hash the index files a key under (its UTF-8 bytes). */
export function keyHash(key: Uint8Array, length: number): number {
  return crc16(key, 0, length);
}

export class KeyIndex {
  /** Flash offsets of the keys' latest records. */
  readonly offsets: number[] = [];
  private readonly hashes: number[] = [];

  get size(): number {
    return this.offsets.length;
  }

  /** The entry whose key has `hash` and for which `sameKey(offset)` holds, or -1. */
  find(hash: number, sameKey: (offset: number) => boolean): number {
    const hashes = this.hashes;
    for (let i = 0; i < hashes.length; i++) {
      if (hashes[i] === hash && sameKey(this.offsets[i])) return i;
    }
    return -1;
  }

  add(hash: number, offset: number): void {
    this.hashes.push(hash);
    this.offsets.push(offset);
  }

  /** Drops entry `i` (the last entry takes its place: the order is of no meaning). */
  remove(i: number): void {
    const last = this.offsets.length - 1;
    this.offsets[i] = this.offsets[last];
    this.hashes[i] = this.hashes[last];
    this.offsets.pop();
    this.hashes.pop();
  }
}
