// What SHA-256 and SHA-512 share (FIPS 180-4 §5.1, §5.3): buffering bytes into blocks, the
// message length, and the padding. A subclass hashes one block (compressBlock), starts its
// state (resetState) and writes its digest (writeDigest).

/** The byte count is kept as (high, low) with low below 2^24, so it never leaves the small
 *  integers: the length in bits is high * 2^27 + low * 8. */
const LOW_COUNT_LIMIT = 0x1000000;

export class BlockHash {
  /** Bytes of a block not yet complete. */
  private readonly pending: Uint8Array;
  private pendingBytes = 0;
  private countHigh = 0;
  private countLow = 0;

  /** `blockBytes`: 64 or 128 (the length field is an eighth of it); `name`: the class, for
   *  error messages. */
  constructor(private readonly blockBytes: number, private readonly digestBytes: number, private readonly name: string) {
    this.pending = new Uint8Array(blockBytes);
  }

  /** Starts a new message. */
  reset(): void {
    this.resetState();
    this.pendingBytes = 0;
    this.countHigh = 0;
    this.countLow = 0;
  }

  /** Adds data[start..end) to the message (the whole array by default). */
  update(data: Uint8Array, start: number = 0, end: number = data.length): void {
    if (!(start >= 0 && start <= end && end <= data.length && (start | 0) === start && (end | 0) === end)) {
      throw new RangeError(`${this.name}.update: the range ${start}..${end} is not inside the ${data.length} bytes given (integers, 0 <= start <= end <= length)`);
    }
    const length = end - start;
    this.countHigh += length >> 24;
    this.countLow += length & 0xffffff;
    if (this.countLow >= LOW_COUNT_LIMIT) {
      this.countLow -= LOW_COUNT_LIMIT;
      this.countHigh++;
    }
    const blockBytes = this.blockBytes, pending = this.pending;
    let at = start;
    let filled = this.pendingBytes;
    if (filled > 0) {
      while (filled < blockBytes && at < end) pending[filled++] = data[at++];
      if (filled < blockBytes) {
        this.pendingBytes = filled;
        return;
      }
      this.compressBlock(pending, 0);
      filled = 0;
    }
    while (end - at >= blockBytes) {
      this.compressBlock(data, at);
      at += blockBytes;
    }
    while (at < end) pending[filled++] = data[at++];
    this.pendingBytes = filled;
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
      throw new RangeError(`${this.name}.digestInto: ${this.digestBytes} bytes at ${offset} do not fit the ${out.length} bytes given`);
    }
    // Padding: a 1 bit, zeros, and the length in bits in the block's last 8 bytes (SHA-512's
    // 16-byte length field has zeros above them).
    const blockBytes = this.blockBytes, pending = this.pending;
    let filled = this.pendingBytes;
    pending[filled++] = 0x80;
    if (filled > blockBytes - (blockBytes >> 3)) {
      while (filled < blockBytes) pending[filled++] = 0;
      this.compressBlock(pending, 0);
      filled = 0;
    }
    while (filled < blockBytes) pending[filled++] = 0;
    const high = this.countHigh, low = this.countLow, end = blockBytes - 8;
    pending[end + 1] = (high >> 21) & 0xff;
    pending[end + 2] = (high >> 13) & 0xff;
    pending[end + 3] = (high >> 5) & 0xff;
    pending[end + 4] = ((high << 3) | (low >> 21)) & 0xff;
    pending[end + 5] = (low >> 13) & 0xff;
    pending[end + 6] = (low >> 5) & 0xff;
    pending[end + 7] = (low << 3) & 0xff;
    this.compressBlock(pending, 0);
    this.writeDigest(out, offset);
    this.reset();
  }

  /** Hashes data[offset..offset + blockBytes) into the state. */
  protected compressBlock(_data: Uint8Array, _offset: number): void {}

  protected resetState(): void {}

  /** The state as the digest's bytes, into out[offset..). */
  protected writeDigest(_out: Uint8Array, _offset: number): void {}
}
