// SHA-256 (FIPS 180-4 §6.2), incremental and one-shot, for devices and the host alike.
//
//   const hash = new Sha256();
//   hash.update(header, 0, 32);
//   hash.update(body, 0, body.length);
//   const digest = hash.digest();       // 32 bytes; the object is ready for a new message
//   sha256(bytes)                        // the same in one call
//
// A device number is a tagged 31-bit integer (sdk/compiler/values.ts): a 32-bit word would be
// boxed as a double on every operation. So each word is two 16-bit halves, high and low, and
// every intermediate stays below 2^30, which the compiler's range analysis proves from the
// masks and shifts below: no boxing, no overflow checks. A rotation of (high, low) by n < 16
// takes each half's bits shifted right by n and the other half's low n bits shifted up to the
// top; a rotation by 16 + n swaps the halves first. Shifted-up bits beyond 16 are left in
// place until a final `& 0xffff`, as xor and or keep the low bits apart.

/** Round constants K0..K63 (FIPS 180-4 §4.2.2), each as its high and low halves. */
const ROUND_CONSTANTS = new Uint16Array([
  0x428a, 0x2f98, 0x7137, 0x4491, 0xb5c0, 0xfbcf, 0xe9b5, 0xdba5, 0x3956, 0xc25b, 0x59f1, 0x11f1, 0x923f, 0x82a4, 0xab1c, 0x5ed5,
  0xd807, 0xaa98, 0x1283, 0x5b01, 0x2431, 0x85be, 0x550c, 0x7dc3, 0x72be, 0x5d74, 0x80de, 0xb1fe, 0x9bdc, 0x06a7, 0xc19b, 0xf174,
  0xe49b, 0x69c1, 0xefbe, 0x4786, 0x0fc1, 0x9dc6, 0x240c, 0xa1cc, 0x2de9, 0x2c6f, 0x4a74, 0x84aa, 0x5cb0, 0xa9dc, 0x76f9, 0x88da,
  0x983e, 0x5152, 0xa831, 0xc66d, 0xb003, 0x27c8, 0xbf59, 0x7fc7, 0xc6e0, 0x0bf3, 0xd5a7, 0x9147, 0x06ca, 0x6351, 0x1429, 0x2967,
  0x27b7, 0x0a85, 0x2e1b, 0x2138, 0x4d2c, 0x6dfc, 0x5338, 0x0d13, 0x650a, 0x7354, 0x766a, 0x0abb, 0x81c2, 0xc92e, 0x9272, 0x2c85,
  0xa2bf, 0xe8a1, 0xa81a, 0x664b, 0xc24b, 0x8b70, 0xc76c, 0x51a3, 0xd192, 0xe819, 0xd699, 0x0624, 0xf40e, 0x3585, 0x106a, 0xa070,
  0x19a4, 0xc116, 0x1e37, 0x6c08, 0x2748, 0x774c, 0x34b0, 0xbcb5, 0x391c, 0x0cb3, 0x4ed8, 0xaa4a, 0x5b9c, 0xca4f, 0x682e, 0x6ff3,
  0x748f, 0x82ee, 0x78a5, 0x636f, 0x84c8, 0x7814, 0x8cc7, 0x0208, 0x90be, 0xfffa, 0xa450, 0x6ceb, 0xbef9, 0xa3f7, 0xc671, 0x78f2,
]);

/** The initial hash value H(0) (FIPS 180-4 §5.3.3), as halves. */
const INITIAL_STATE = new Uint16Array([
  0x6a09, 0xe667, 0xbb67, 0xae85, 0x3c6e, 0xf372, 0xa54f, 0xf53a, 0x510e, 0x527f, 0x9b05, 0x688c, 0x1f83, 0xd9ab, 0x5be0, 0xcd19,
]);

const BLOCK_BYTES = 64;
export const SHA256_DIGEST_BYTES = 32;
/** The byte count is kept as (high, low) with low below 2^24, so it never leaves the small integers. */
const LOW_COUNT_LIMIT = 0x1000000;

/** An incremental SHA-256 computation; see the top of the file. */
export class Sha256 {
  /** H0..H7 as 16 halves, high first. */
  private readonly state = new Uint16Array(16);
  /** The message schedule W0..W63, as halves. */
  private readonly schedule = new Uint16Array(128);
  /** Bytes of a block not yet complete. */
  private readonly pending = new Uint8Array(BLOCK_BYTES);
  private pendingBytes = 0;
  /** Message length in bytes: countHigh * 2^24 + countLow. */
  private countHigh = 0;
  private countLow = 0;

  constructor() {
    this.reset();
  }

  /** Starts a new message. */
  reset(): void {
    for (let i = 0; i < 16; i++) this.state[i] = INITIAL_STATE[i];
    this.pendingBytes = 0;
    this.countHigh = 0;
    this.countLow = 0;
  }

  /** Adds data[start..end) to the message (the whole array by default). */
  update(data: Uint8Array, start: number = 0, end: number = data.length): void {
    if (!(start >= 0 && start <= end && end <= data.length)) {
      throw new RangeError(`Sha256.update: the range ${start}..${end} is not inside the ${data.length} bytes given (0 <= start <= end <= length)`);
    }
    const length = end - start;
    this.countHigh += length >> 24;
    this.countLow += length & 0xffffff;
    if (this.countLow >= LOW_COUNT_LIMIT) {
      this.countLow -= LOW_COUNT_LIMIT;
      this.countHigh++;
    }
    let at = start;
    const pending = this.pending;
    if (this.pendingBytes > 0) {
      let filled = this.pendingBytes;
      while (filled < BLOCK_BYTES && at < end) pending[filled++] = data[at++];
      this.pendingBytes = filled;
      if (filled < BLOCK_BYTES) return;
      compress(this.state, this.schedule, pending, 0);
      this.pendingBytes = 0;
    }
    while (end - at >= BLOCK_BYTES) {
      compress(this.state, this.schedule, data, at);
      at += BLOCK_BYTES;
    }
    let filled = 0;
    while (at < end) pending[filled++] = data[at++];
    this.pendingBytes = filled;
  }

  /** The digest of the message so far (32 bytes); then starts a new message. */
  digest(): Uint8Array {
    const pending = this.pending;
    let filled = this.pendingBytes;
    // Padding (FIPS 180-4 §5.1.1): a 1 bit, zeros, and the length in bits as 64 bits.
    pending[filled++] = 0x80;
    if (filled > BLOCK_BYTES - 8) {
      while (filled < BLOCK_BYTES) pending[filled++] = 0;
      compress(this.state, this.schedule, pending, 0);
      filled = 0;
    }
    while (filled < BLOCK_BYTES - 8) pending[filled++] = 0;
    // bits = countHigh * 2^27 + countLow * 8, big-endian.
    const high = this.countHigh, low = this.countLow;
    pending[56] = 0;
    pending[57] = (high >> 21) & 0xff;
    pending[58] = (high >> 13) & 0xff;
    pending[59] = (high >> 5) & 0xff;
    pending[60] = ((high << 3) | (low >> 21)) & 0xff;
    pending[61] = (low >> 13) & 0xff;
    pending[62] = (low >> 5) & 0xff;
    pending[63] = (low << 3) & 0xff;
    compress(this.state, this.schedule, pending, 0);
    const out = new Uint8Array(SHA256_DIGEST_BYTES);
    for (let i = 0; i < 16; i++) {
      const half = this.state[i];
      out[2 * i] = half >> 8;
      out[2 * i + 1] = half & 0xff;
    }
    this.reset();
    return out;
  }
}

/** SHA-256 of data[start..end) (the whole array by default), 32 bytes. */
export function sha256(data: Uint8Array, start: number = 0, end: number = data.length): Uint8Array {
  const hash = new Sha256();
  hash.update(data, start, end);
  return hash.digest();
}

/** One block (FIPS 180-4 §6.2.2): data[offset..offset + 64) into the state. */
function compress(state: Uint16Array, w: Uint16Array, data: Uint8Array, offset: number): void {
  for (let t = 0; t < 16; t++) {
    const at = offset + 4 * t;
    w[2 * t] = (data[at] << 8) | data[at + 1];
    w[2 * t + 1] = (data[at + 2] << 8) | data[at + 3];
  }
  for (let t = 16; t < 64; t++) {
    // σ1(W[t-2]) = ROTR17 ^ ROTR19 ^ SHR10; σ0(W[t-15]) = ROTR7 ^ ROTR18 ^ SHR3.
    const xh = w[2 * t - 4], xl = w[2 * t - 3];
    const s1h = (((xl >> 1) | ((xh & 1) << 15)) ^ ((xl >> 3) | (xh << 13)) ^ (xh >> 10)) & 0xffff;
    const s1l = (((xh >> 1) | ((xl & 1) << 15)) ^ ((xh >> 3) | (xl << 13)) ^ ((xl >> 10) | (xh << 6))) & 0xffff;
    const yh = w[2 * t - 30], yl = w[2 * t - 29];
    const s0h = (((yh >> 7) | (yl << 9)) ^ ((yl >> 2) | (yh << 14)) ^ (yh >> 3)) & 0xffff;
    const s0l = (((yl >> 7) | (yh << 9)) ^ ((yh >> 2) | (yl << 14)) ^ ((yl >> 3) | (yh << 13))) & 0xffff;
    const low = s1l + w[2 * t - 13] + s0l + w[2 * t - 31];
    w[2 * t + 1] = low & 0xffff;
    w[2 * t] = (s1h + w[2 * t - 14] + s0h + w[2 * t - 32] + (low >> 16)) & 0xffff;
  }
  let ah = state[0], al = state[1], bh = state[2], bl = state[3], ch = state[4], cl = state[5], dh = state[6], dl = state[7];
  let eh = state[8], el = state[9], fh = state[10], fl = state[11], gh = state[12], gl = state[13], hh = state[14], hl = state[15];
  for (let t = 0; t < 64; t++) {
    // Σ1(e) = ROTR6 ^ ROTR11 ^ ROTR25; Ch(e, f, g) = g ^ (e & (f ^ g)).
    const sum1h = (((eh >> 6) | (el << 10)) ^ ((eh >> 11) | (el << 5)) ^ ((el >> 9) | (eh << 7))) & 0xffff;
    const sum1l = (((el >> 6) | (eh << 10)) ^ ((el >> 11) | (eh << 5)) ^ ((eh >> 9) | (el << 7))) & 0xffff;
    const t1l = hl + sum1l + (gl ^ (el & (fl ^ gl))) + ROUND_CONSTANTS[2 * t + 1] + w[2 * t + 1];
    const t1h = hh + sum1h + (gh ^ (eh & (fh ^ gh))) + ROUND_CONSTANTS[2 * t] + w[2 * t];
    // Σ0(a) = ROTR2 ^ ROTR13 ^ ROTR22; Maj(a, b, c) = (a & b) | (c & (a | b)).
    const sum0h = (((ah >> 2) | (al << 14)) ^ ((ah >> 13) | (al << 3)) ^ ((al >> 6) | (ah << 10))) & 0xffff;
    const sum0l = (((al >> 2) | (ah << 14)) ^ ((al >> 13) | (ah << 3)) ^ ((ah >> 6) | (al << 10))) & 0xffff;
    const t2l = sum0l + ((al & bl) | (cl & (al | bl)));
    const t2h = sum0h + ((ah & bh) | (ch & (ah | bh)));
    hh = gh; hl = gl;
    gh = fh; gl = fl;
    fh = eh; fl = el;
    const newEl = dl + t1l;
    eh = (dh + t1h + (newEl >> 16)) & 0xffff;
    el = newEl & 0xffff;
    dh = ch; dl = cl;
    ch = bh; cl = bl;
    bh = ah; bl = al;
    const newAl = t1l + t2l;
    ah = (t1h + t2h + (newAl >> 16)) & 0xffff;
    al = newAl & 0xffff;
  }
  addWord(state, 0, ah, al);
  addWord(state, 2, bh, bl);
  addWord(state, 4, ch, cl);
  addWord(state, 6, dh, dl);
  addWord(state, 8, eh, el);
  addWord(state, 10, fh, fl);
  addWord(state, 12, gh, gl);
  addWord(state, 14, hh, hl);
}

/** state[at..at + 2) += (high, low), modulo 2^32. */
function addWord(state: Uint16Array, at: number, high: number, low: number): void {
  const sum = state[at + 1] + low;
  state[at + 1] = sum & 0xffff;
  state[at] = (state[at] + high + (sum >> 16)) & 0xffff;
}
