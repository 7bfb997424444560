// SHA-512 (FIPS 180-4 §6.4), which Ed25519 uses to hash R || A || M (RFC 8032 §5.1.7).
// Written for size: mote-boot hashes 96 bytes with it per image. A 64-bit word is four
// 16-bit limbs, most significant first, so that every intermediate stays a small integer
// on the device (see sha256.ts); the rotations and shifts work a limb at a time.
//
//   const hash = new Sha512();
//   hash.update(bytes, 0, bytes.length);
//   const digest = hash.digest();   // 64 bytes; the object is ready for a new message

/** Round constants K0..K79 (FIPS 180-4 §4.2.3), four limbs each. Built from four literals of
 *  20 constants, each in its own function: one literal of 320 elements overflows the
 *  compiler's stack frame (each element is a temporary of the function that holds it). */
const ROUND_CONSTANTS = joinConstants(roundConstants0(), roundConstants1(), roundConstants2(), roundConstants3());

function joinConstants(a: Uint16Array, b: Uint16Array, c: Uint16Array, d: Uint16Array): Uint16Array {
  const all = new Uint16Array(320);
  for (let i = 0; i < 80; i++) {
    all[i] = a[i];
    all[80 + i] = b[i];
    all[160 + i] = c[i];
    all[240 + i] = d[i];
  }
  return all;
}

function roundConstants0(): Uint16Array {
  return new Uint16Array([
    0x428a, 0x2f98, 0xd728, 0xae22, 0x7137, 0x4491, 0x23ef, 0x65cd, 0xb5c0, 0xfbcf, 0xec4d, 0x3b2f, 0xe9b5, 0xdba5, 0x8189, 0xdbbc,
    0x3956, 0xc25b, 0xf348, 0xb538, 0x59f1, 0x11f1, 0xb605, 0xd019, 0x923f, 0x82a4, 0xaf19, 0x4f9b, 0xab1c, 0x5ed5, 0xda6d, 0x8118,
    0xd807, 0xaa98, 0xa303, 0x0242, 0x1283, 0x5b01, 0x4570, 0x6fbe, 0x2431, 0x85be, 0x4ee4, 0xb28c, 0x550c, 0x7dc3, 0xd5ff, 0xb4e2,
    0x72be, 0x5d74, 0xf27b, 0x896f, 0x80de, 0xb1fe, 0x3b16, 0x96b1, 0x9bdc, 0x06a7, 0x25c7, 0x1235, 0xc19b, 0xf174, 0xcf69, 0x2694,
    0xe49b, 0x69c1, 0x9ef1, 0x4ad2, 0xefbe, 0x4786, 0x384f, 0x25e3, 0x0fc1, 0x9dc6, 0x8b8c, 0xd5b5, 0x240c, 0xa1cc, 0x77ac, 0x9c65,
  ]);
}

function roundConstants1(): Uint16Array {
  return new Uint16Array([
    0x2de9, 0x2c6f, 0x592b, 0x0275, 0x4a74, 0x84aa, 0x6ea6, 0xe483, 0x5cb0, 0xa9dc, 0xbd41, 0xfbd4, 0x76f9, 0x88da, 0x8311, 0x53b5,
    0x983e, 0x5152, 0xee66, 0xdfab, 0xa831, 0xc66d, 0x2db4, 0x3210, 0xb003, 0x27c8, 0x98fb, 0x213f, 0xbf59, 0x7fc7, 0xbeef, 0x0ee4,
    0xc6e0, 0x0bf3, 0x3da8, 0x8fc2, 0xd5a7, 0x9147, 0x930a, 0xa725, 0x06ca, 0x6351, 0xe003, 0x826f, 0x1429, 0x2967, 0x0a0e, 0x6e70,
    0x27b7, 0x0a85, 0x46d2, 0x2ffc, 0x2e1b, 0x2138, 0x5c26, 0xc926, 0x4d2c, 0x6dfc, 0x5ac4, 0x2aed, 0x5338, 0x0d13, 0x9d95, 0xb3df,
    0x650a, 0x7354, 0x8baf, 0x63de, 0x766a, 0x0abb, 0x3c77, 0xb2a8, 0x81c2, 0xc92e, 0x47ed, 0xaee6, 0x9272, 0x2c85, 0x1482, 0x353b,
  ]);
}

function roundConstants2(): Uint16Array {
  return new Uint16Array([
    0xa2bf, 0xe8a1, 0x4cf1, 0x0364, 0xa81a, 0x664b, 0xbc42, 0x3001, 0xc24b, 0x8b70, 0xd0f8, 0x9791, 0xc76c, 0x51a3, 0x0654, 0xbe30,
    0xd192, 0xe819, 0xd6ef, 0x5218, 0xd699, 0x0624, 0x5565, 0xa910, 0xf40e, 0x3585, 0x5771, 0x202a, 0x106a, 0xa070, 0x32bb, 0xd1b8,
    0x19a4, 0xc116, 0xb8d2, 0xd0c8, 0x1e37, 0x6c08, 0x5141, 0xab53, 0x2748, 0x774c, 0xdf8e, 0xeb99, 0x34b0, 0xbcb5, 0xe19b, 0x48a8,
    0x391c, 0x0cb3, 0xc5c9, 0x5a63, 0x4ed8, 0xaa4a, 0xe341, 0x8acb, 0x5b9c, 0xca4f, 0x7763, 0xe373, 0x682e, 0x6ff3, 0xd6b2, 0xb8a3,
    0x748f, 0x82ee, 0x5def, 0xb2fc, 0x78a5, 0x636f, 0x4317, 0x2f60, 0x84c8, 0x7814, 0xa1f0, 0xab72, 0x8cc7, 0x0208, 0x1a64, 0x39ec,
  ]);
}

function roundConstants3(): Uint16Array {
  return new Uint16Array([
    0x90be, 0xfffa, 0x2363, 0x1e28, 0xa450, 0x6ceb, 0xde82, 0xbde9, 0xbef9, 0xa3f7, 0xb2c6, 0x7915, 0xc671, 0x78f2, 0xe372, 0x532b,
    0xca27, 0x3ece, 0xea26, 0x619c, 0xd186, 0xb8c7, 0x21c0, 0xc207, 0xeada, 0x7dd6, 0xcde0, 0xeb1e, 0xf57d, 0x4f7f, 0xee6e, 0xd178,
    0x06f0, 0x67aa, 0x7217, 0x6fba, 0x0a63, 0x7dc5, 0xa2c8, 0x98a6, 0x113f, 0x9804, 0xbef9, 0x0dae, 0x1b71, 0x0b35, 0x131c, 0x471b,
    0x28db, 0x77f5, 0x2304, 0x7d84, 0x32ca, 0xab7b, 0x40c7, 0x2493, 0x3c9e, 0xbe0a, 0x15c9, 0xbebc, 0x431d, 0x67c4, 0x9c10, 0x0d4c,
    0x4cc5, 0xd4be, 0xcb3e, 0x42b6, 0x597f, 0x299c, 0xfc65, 0x7e2a, 0x5fcb, 0x6fab, 0x3ad6, 0xfaec, 0x6c44, 0x198c, 0x4a47, 0x5817,
  ]);
}

/** H(0) (FIPS 180-4 §5.3.5). */
const INITIAL_STATE = new Uint16Array([
  0x6a09, 0xe667, 0xf3bc, 0xc908, 0xbb67, 0xae85, 0x84ca, 0xa73b, 0x3c6e, 0xf372, 0xfe94, 0xf82b, 0xa54f, 0xf53a, 0x5f1d, 0x36f1,
  0x510e, 0x527f, 0xade6, 0x82d1, 0x9b05, 0x688c, 0x2b3e, 0x6c1f, 0x1f83, 0xd9ab, 0xfb41, 0xbd6b, 0x5be0, 0xcd19, 0x137e, 0x2179,
]);

const BLOCK_BYTES = 128;
export const SHA512_DIGEST_BYTES = 64;
const LOW_COUNT_LIMIT = 0x1000000;

/** An incremental SHA-512 computation. */
export class Sha512 {
  /** H0..H7, four limbs each. */
  private readonly state = new Uint16Array(32);
  /** W0..W79. */
  private readonly schedule = new Uint16Array(320);
  /** The working variables a..h (rotated through by index, see compress) and T1. */
  private readonly work = new Uint16Array(36);
  private readonly pending = new Uint8Array(BLOCK_BYTES);
  private pendingBytes = 0;
  private countHigh = 0;
  private countLow = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    for (let i = 0; i < 32; i++) this.state[i] = INITIAL_STATE[i];
    this.pendingBytes = 0;
    this.countHigh = 0;
    this.countLow = 0;
  }

  /** Adds data[start..end) to the message. */
  update(data: Uint8Array, start: number = 0, end: number = data.length): void {
    if (!(start >= 0 && start <= end && end <= data.length)) {
      throw new RangeError(`Sha512.update: the range ${start}..${end} is not inside the ${data.length} bytes given (0 <= start <= end <= length)`);
    }
    const length = end - start;
    this.countHigh += length >> 24;
    this.countLow += length & 0xffffff;
    if (this.countLow >= LOW_COUNT_LIMIT) {
      this.countLow -= LOW_COUNT_LIMIT;
      this.countHigh++;
    }
    const pending = this.pending;
    let at = start;
    let filled = this.pendingBytes;
    while (at < end) {
      if (filled === 0 && end - at >= BLOCK_BYTES) {
        compress(this.state, this.schedule, this.work, data, at);
        at += BLOCK_BYTES;
        continue;
      }
      pending[filled++] = data[at++];
      if (filled === BLOCK_BYTES) {
        compress(this.state, this.schedule, this.work, pending, 0);
        filled = 0;
      }
    }
    this.pendingBytes = filled;
  }

  /** The digest (64 bytes); then starts a new message. */
  digest(): Uint8Array {
    const pending = this.pending;
    let filled = this.pendingBytes;
    pending[filled++] = 0x80;
    if (filled > BLOCK_BYTES - 16) {
      while (filled < BLOCK_BYTES) pending[filled++] = 0;
      compress(this.state, this.schedule, this.work, pending, 0);
      filled = 0;
    }
    while (filled < BLOCK_BYTES - 8) pending[filled++] = 0;
    const high = this.countHigh, low = this.countLow;
    pending[120] = 0;
    pending[121] = (high >> 21) & 0xff;
    pending[122] = (high >> 13) & 0xff;
    pending[123] = (high >> 5) & 0xff;
    pending[124] = ((high << 3) | (low >> 21)) & 0xff;
    pending[125] = (low >> 13) & 0xff;
    pending[126] = (low >> 5) & 0xff;
    pending[127] = (low << 3) & 0xff;
    compress(this.state, this.schedule, this.work, pending, 0);
    const out = new Uint8Array(SHA512_DIGEST_BYTES);
    for (let i = 0; i < 32; i++) {
      out[2 * i] = this.state[i] >> 8;
      out[2 * i + 1] = this.state[i] & 0xff;
    }
    this.reset();
    return out;
  }
}

/** Limb k (0 = most significant) of ROTR^n of the word at words[at..at + 4), 0 < n < 64:
 *  the limb q = n / 16 places up, shifted right by r = n % 16, under the low r bits of the
 *  limb above it. */
function rotate(words: Uint16Array, at: number, n: number, k: number): number {
  const q = n >> 4, r = n & 15;
  const high = words[at + ((k - q) & 3)], low = words[at + ((k - q - 1) & 3)];
  return ((high >> r) | ((low & ((1 << r) - 1)) << (16 - r))) & 0xffff;
}

/** Limb k of SHR^n of the word at words[at..at + 4), 0 < n < 16. */
function shift(words: Uint16Array, at: number, n: number, k: number): number {
  const above = k === 0 ? 0 : words[at + k - 1] & ((1 << n) - 1);
  return ((words[at + k] >> n) | (above << (16 - n))) & 0xffff;
}

/** One block (FIPS 180-4 §6.4.2). The working variables live in work[0..32) as eight words
 *  in slots: in round t, variable j (a = 0 .. h = 7) is in slot (j - t) & 7, so a round writes
 *  only the new a (into h's slot) and the new e (into d's slot); T1 is in work[32..36). */
function compress(state: Uint16Array, w: Uint16Array, work: Uint16Array, data: Uint8Array, offset: number): void {
  for (let i = 0; i < 64; i++) w[i] = (data[offset + 2 * i] << 8) | data[offset + 2 * i + 1];
  for (let t = 16; t < 80; t++) {
    // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16]; σ0 = ROTR1 ^ ROTR8 ^ SHR7, σ1 = ROTR19 ^ ROTR61 ^ SHR6.
    let carry = 0;
    for (let k = 3; k >= 0; k--) {
      const sigma1 = rotate(w, 4 * t - 8, 19, k) ^ rotate(w, 4 * t - 8, 61, k) ^ shift(w, 4 * t - 8, 6, k);
      const sigma0 = rotate(w, 4 * t - 60, 1, k) ^ rotate(w, 4 * t - 60, 8, k) ^ shift(w, 4 * t - 60, 7, k);
      const sum = sigma1 + w[4 * t - 28 + k] + sigma0 + w[4 * t - 64 + k] + carry;
      w[4 * t + k] = sum & 0xffff;
      carry = (sum >> 16) & 7;
    }
  }
  for (let i = 0; i < 32; i++) work[i] = state[i];
  for (let t = 0; t < 80; t++) {
    const a = 4 * ((0 - t) & 7), b = 4 * ((1 - t) & 7), c = 4 * ((2 - t) & 7), d = 4 * ((3 - t) & 7);
    const e = 4 * ((4 - t) & 7), f = 4 * ((5 - t) & 7), g = 4 * ((6 - t) & 7), h = 4 * ((7 - t) & 7);
    // T1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t]; Σ1 = ROTR14 ^ ROTR18 ^ ROTR41.
    let carry = 0;
    for (let k = 3; k >= 0; k--) {
      const sum1 = rotate(work, e, 14, k) ^ rotate(work, e, 18, k) ^ rotate(work, e, 41, k);
      const choose = work[g + k] ^ (work[e + k] & (work[f + k] ^ work[g + k]));
      const sum = work[h + k] + sum1 + choose + ROUND_CONSTANTS[4 * t + k] + w[4 * t + k] + carry;
      work[32 + k] = sum & 0xffff;
      carry = (sum >> 16) & 7;
    }
    // T2 = Σ0(a) + Maj(a, b, c), Σ0 = ROTR28 ^ ROTR34 ^ ROTR39; new a = T1 + T2 into h's slot.
    carry = 0;
    let carryE = 0;
    for (let k = 3; k >= 0; k--) {
      const sum0 = rotate(work, a, 28, k) ^ rotate(work, a, 34, k) ^ rotate(work, a, 39, k);
      const majority = (work[a + k] & work[b + k]) | (work[c + k] & (work[a + k] | work[b + k]));
      const t1 = work[32 + k];
      const sum = t1 + sum0 + majority + carry;
      carry = (sum >> 16) & 3;
      const sumE = work[d + k] + t1 + carryE;
      carryE = (sumE >> 16) & 1;
      // Σ0 still needs limbs k - 1 .. 0 of a: h's slot is written only after the loop reads a.
      work[32 + k] = sum & 0xffff;
      work[d + k] = sumE & 0xffff;
    }
    for (let k = 0; k < 4; k++) work[h + k] = work[32 + k];
  }
  for (let i = 0; i < 8; i++) {
    let carry = 0;
    for (let k = 3; k >= 0; k--) {
      const sum = state[4 * i + k] + work[4 * i + k] + carry;
      state[4 * i + k] = sum & 0xffff;
      carry = sum >> 16;
    }
  }
}
