// What SHA-256 and SHA-512 share (FIPS 180-4 §5.1, §5.3): buffering bytes into blocks, the
// message length, the padding, and the state as 16-bit halves, most significant first, which
// starts from the initial hash value and is the digest at the end. A subclass hashes one
// block into the state (compressBlock).

import { BARE } from "mote/intrinsics";

/** The byte count is kept as (high, low) with low below 2^24, so it never leaves the small
 *  integers: the length in bits is high * 2^27 + low * 8. */
const LOW_COUNT_LIMIT = 0x1000000;

/** The padding's 1 bit and zeros (FIPS 180-4 §5.1), as many as SHA-512 can need (136, when
 *  its length field's upper half would hold the 1 bit), and the length field of the message
 *  being finished (digestInto is never reentered). */
const PADDING = new Uint8Array(136);
PADDING[0] = 0x80;
const LENGTH_FIELD = new Uint8Array(8);

export class BlockHash {
  /** Bytes of a block not yet complete. */
  private readonly pending: Uint8Array;
  private pendingBytes = 0;
  private countHigh = 0;
  private countLow = 0;

  /** `blockBytes`: 64 or 128 (the length field is an eighth of it); `name`: the class, for
   *  error messages. */
  /** The hash value H, 16 bits an element, most significant first. */
  protected readonly state: Uint16Array;
  private readonly digestBytes: number;

  /** `blockBytes`: 64 or 128 (the length field is an eighth of it); `initialState`: H(0) as
   *  the state holds it (the digest is as long); `name`: the class, for error messages. */
  constructor(private readonly blockBytes: number, private readonly initialState: Uint16Array, private readonly name: string) {
    this.pending = new Uint8Array(blockBytes);
    this.state = new Uint16Array(initialState.length);
    this.digestBytes = 2 * initialState.length;
    this.reset();
  }

  /** Starts a new message. */
  reset(): void {
    const state = this.state, initial = this.initialState;
    for (let i = 0; i < state.length; i++) state[i] = initial[i];
    this.pendingBytes = 0;
    this.countHigh = 0;
    this.countLow = 0;
  }

  /** Adds data[start..end) to the message (the whole array by default). */
  update(data: Uint8Array, start: number = 0, end: number = data.length): void {
    if (!(start >= 0 && start <= end && end <= data.length && (start | 0) === start && (end | 0) === end)) {
      // mote-boot (the bare profile) passes only ranges it made: no number printing for this.
      if (BARE) throw new RangeError("BlockHash.update: the range is not inside the bytes given");
      throw new RangeError(`${this.name}.update: the range ${start}..${end} is not inside the ${data.length} bytes given (integers, 0 <= start <= end <= length)`);
    }
    const length = end - start;
    this.countHigh += length >> 24;
    this.countLow += length & 0xffffff;
    if (this.countLow >= LOW_COUNT_LIMIT) {
      this.countLow -= LOW_COUNT_LIMIT;
      this.countHigh++;
    }
    const blockBytes = this.blockBytes;
    let at = start;
    while (at < end) {
      if (this.pendingBytes === 0 && end - at >= blockBytes) {
        this.compressBlock(data, at);
        at += blockBytes;
      } else {
        at = this.buffer(data, at, end);
      }
    }
  }

  /** Copies data[at..end) into the pending block until it is full, and then hashes it;
   *  returns where it stopped. */
  private buffer(data: Uint8Array, at: number, end: number): number {
    const blockBytes = this.blockBytes, pending = this.pending;
    let filled = this.pendingBytes;
    while (filled < blockBytes && at < end) pending[filled++] = data[at++];
    if (filled === blockBytes) {
      this.compressBlock(pending, 0);
      filled = 0;
    }
    this.pendingBytes = filled;
    return at;
  }

  /** The digest of the message so far; then starts a new message. */
  digest(): Uint8Array {
    const out = new Uint8Array(this.digestBytes);
    this.digestInto(out, 0);
    return out;
  }

  /** Writes the digest to out[offset..) instead of a new array (nothing to collect); then
   *  starts a new message. */
  digestInto(out: Uint8Array, offset: number): void {
    if (!(offset >= 0 && offset + this.digestBytes <= out.length && (offset | 0) === offset)) {
      if (BARE) throw new RangeError("BlockHash.digestInto: the digest does not fit the bytes given");
      throw new RangeError(`${this.name}.digestInto: ${this.digestBytes} bytes at ${offset} do not fit the ${out.length} bytes given`);
    }
    // Padding: a 1 bit, zeros, and the length in bits in the block's last 8 bytes (SHA-512's
    // 16-byte length field has zeros above them), hashed as more of the message.
    const high = this.countHigh, low = this.countLow;
    const blockBytes = this.blockBytes, filled = this.pendingBytes;
    let zeros = blockBytes - 8 - filled;
    if (filled >= blockBytes - (blockBytes >> 3)) zeros += blockBytes;
    this.update(PADDING, 0, zeros);
    // high * 2^27 + low * 8, big-endian.
    let value = low << 3;
    for (let i = 7; i >= 0; i--) {
      if (i === 4) value |= high << 3;
      LENGTH_FIELD[i] = value & 0xff;
      value >>= 8;
    }
    this.update(LENGTH_FIELD, 0, 8);
    const state = this.state;
    for (let i = 0; i < state.length; i++) {
      out[offset + 2 * i] = state[i] >> 8;
      out[offset + 2 * i + 1] = state[i] & 0xff;
    }
    this.reset();
  }

  /** Hashes data[offset..offset + blockBytes) into the state. */
  protected compressBlock(_data: Uint8Array, _offset: number): void {}
}
