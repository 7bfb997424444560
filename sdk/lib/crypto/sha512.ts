// SHA-512 (FIPS 180-4 §6.4), which Ed25519 uses to hash R || A || M (RFC 8032 §5.1.7).
// Written for size: mote-boot hashes 96 bytes with it per image. A 64-bit word is four
// 16-bit limbs, most significant first, so that every intermediate stays a small integer
// on the device (see sha256.ts); the rotations and shifts work a limb at a time.
//
//   const hash = new Sha512();
//   hash.update(bytes, 0, bytes.length);
//   const digest = hash.digest();   // 64 bytes; the object is ready for a new message

import { uint16Table } from "./tables.ts";

/** Round constants K0..K79 (FIPS 180-4 §4.2.3), four limbs each. */
const ROUND_CONSTANTS = uint16Table(
  "\u428a\u2f98\ud728\uae22\u7137\u4491\u23ef\u65cd\ub5c0\ufbcf\uec4d\u3b2f\ue9b5\udba5\u8189\udbbc" +
  "\u3956\uc25b\uf348\ub538\u59f1\u11f1\ub605\ud019\u923f\u82a4\uaf19\u4f9b\uab1c\u5ed5\uda6d\u8118" +
  "\ud807\uaa98\ua303\u0242\u1283\u5b01\u4570\u6fbe\u2431\u85be\u4ee4\ub28c\u550c\u7dc3\ud5ff\ub4e2" +
  "\u72be\u5d74\uf27b\u896f\u80de\ub1fe\u3b16\u96b1\u9bdc\u06a7\u25c7\u1235\uc19b\uf174\ucf69\u2694" +
  "\ue49b\u69c1\u9ef1\u4ad2\uefbe\u4786\u384f\u25e3\u0fc1\u9dc6\u8b8c\ud5b5\u240c\ua1cc\u77ac\u9c65" +
  "\u2de9\u2c6f\u592b\u0275\u4a74\u84aa\u6ea6\ue483\u5cb0\ua9dc\ubd41\ufbd4\u76f9\u88da\u8311\u53b5" +
  "\u983e\u5152\uee66\udfab\ua831\uc66d\u2db4\u3210\ub003\u27c8\u98fb\u213f\ubf59\u7fc7\ubeef\u0ee4" +
  "\uc6e0\u0bf3\u3da8\u8fc2\ud5a7\u9147\u930a\ua725\u06ca\u6351\ue003\u826f\u1429\u2967\u0a0e\u6e70" +
  "\u27b7\u0a85\u46d2\u2ffc\u2e1b\u2138\u5c26\uc926\u4d2c\u6dfc\u5ac4\u2aed\u5338\u0d13\u9d95\ub3df" +
  "\u650a\u7354\u8baf\u63de\u766a\u0abb\u3c77\ub2a8\u81c2\uc92e\u47ed\uaee6\u9272\u2c85\u1482\u353b" +
  "\ua2bf\ue8a1\u4cf1\u0364\ua81a\u664b\ubc42\u3001\uc24b\u8b70\ud0f8\u9791\uc76c\u51a3\u0654\ube30" +
  "\ud192\ue819\ud6ef\u5218\ud699\u0624\u5565\ua910\uf40e\u3585\u5771\u202a\u106a\ua070\u32bb\ud1b8" +
  "\u19a4\uc116\ub8d2\ud0c8\u1e37\u6c08\u5141\uab53\u2748\u774c\udf8e\ueb99\u34b0\ubcb5\ue19b\u48a8" +
  "\u391c\u0cb3\uc5c9\u5a63\u4ed8\uaa4a\ue341\u8acb\u5b9c\uca4f\u7763\ue373\u682e\u6ff3\ud6b2\ub8a3" +
  "\u748f\u82ee\u5def\ub2fc\u78a5\u636f\u4317\u2f60\u84c8\u7814\ua1f0\uab72\u8cc7\u0208\u1a64\u39ec" +
  "\u90be\ufffa\u2363\u1e28\ua450\u6ceb\ude82\ubde9\ubef9\ua3f7\ub2c6\u7915\uc671\u78f2\ue372\u532b" +
  "\uca27\u3ece\uea26\u619c\ud186\ub8c7\u21c0\uc207\ueada\u7dd6\ucde0\ueb1e\uf57d\u4f7f\uee6e\ud178" +
  "\u06f0\u67aa\u7217\u6fba\u0a63\u7dc5\ua2c8\u98a6\u113f\u9804\ubef9\u0dae\u1b71\u0b35\u131c\u471b" +
  "\u28db\u77f5\u2304\u7d84\u32ca\uab7b\u40c7\u2493\u3c9e\ube0a\u15c9\ubebc\u431d\u67c4\u9c10\u0d4c" +
  "\u4cc5\ud4be\ucb3e\u42b6\u597f\u299c\ufc65\u7e2a\u5fcb\u6fab\u3ad6\ufaec\u6c44\u198c\u4a47\u5817",
);

/** H(0) (FIPS 180-4 §5.3.5). */
const INITIAL_STATE = uint16Table(
  "\u6a09\ue667\uf3bc\uc908\ubb67\uae85\u84ca\ua73b\u3c6e\uf372\ufe94\uf82b\ua54f\uf53a\u5f1d\u36f1" +
  "\u510e\u527f\uade6\u82d1\u9b05\u688c\u2b3e\u6c1f\u1f83\ud9ab\ufb41\ubd6b\u5be0\ucd19\u137e\u2179",
);

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
    const out = new Uint8Array(SHA512_DIGEST_BYTES);
    this.digestInto(out, 0);
    return out;
  }

  /** Writes the digest to out[offset..offset + 64) instead of a new array; then starts a new message. */
  digestInto(out: Uint8Array, offset: number): void {
    if (!(offset >= 0 && offset + SHA512_DIGEST_BYTES <= out.length)) {
      throw new RangeError(`Sha512.digestInto: 64 bytes at ${offset} do not fit the ${out.length} bytes given`);
    }
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
    for (let i = 0; i < 32; i++) {
      out[offset + 2 * i] = this.state[i] >> 8;
      out[offset + 2 * i + 1] = this.state[i] & 0xff;
    }
    this.reset();
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
