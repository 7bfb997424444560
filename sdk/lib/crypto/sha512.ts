// SHA-512 (FIPS 180-4 §6.4), which Ed25519 uses to hash R || A || M (RFC 8032 §5.1.7).
// A 64-bit word is four 16-bit limbs (most significant first in the arrays), so that every
// intermediate stays a small integer on the device; rotations take each limb from a 30-bit
// window over two limbs, as sha256.ts does with its halves.
//
//   const hash = new Sha512();
//   hash.update(bytes, 0, bytes.length);
//   const digest = hash.digest();   // 64 bytes; the object is ready for a new message

import { addressOf, BARE, peek32 } from "mote/intrinsics";
import { sha512Compress } from "../rt/port.ts";
import { BlockHash } from "./block-hash.ts";
import { uint16Table } from "./tables.ts";

/** A typed array holds the address of its first element at this offset (sdk/lib/rt/layout.ts). */
const TYPED_DATA = 8;

/** Round constants K0..K79 (FIPS 180-4 §4.2.3), four limbs each; the bare profile's port
 *  routine has its own (so the string is not linked there). */
const ROUND_CONSTANTS = roundConstants();

function roundConstants(): Uint16Array {
  // `if`, not `?:`: only a constant `if` drops the string from the bare profile's image.
  if (BARE) return new Uint16Array(0);
  return uint16Table(
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
}

/** H(0) (FIPS 180-4 §5.3.5). */
const INITIAL_STATE = uint16Table(
  "\u6a09\ue667\uf3bc\uc908\ubb67\uae85\u84ca\ua73b\u3c6e\uf372\ufe94\uf82b\ua54f\uf53a\u5f1d\u36f1" +
  "\u510e\u527f\uade6\u82d1\u9b05\u688c\u2b3e\u6c1f\u1f83\ud9ab\ufb41\ubd6b\u5be0\ucd19\u137e\u2179",
);

export const SHA512_DIGEST_BYTES = 64;

/** An incremental SHA-512 computation. */
export class Sha512 extends BlockHash {
  /** W0..W79. */
  private readonly schedule = new Uint16Array(320);

  constructor() {
    super(128, INITIAL_STATE, "Sha512");
  }

  protected compressBlock(data: Uint8Array, offset: number): void {
    // mote-boot (the bare profile): the port's routine, ~0.9 KB instead of ~5.8 KB.
    if (BARE) sha512Compress(peek32(addressOf(this.state) + TYPED_DATA), peek32(addressOf(data) + TYPED_DATA) + offset);
    else compress(this.state, this.schedule, data, offset);
  }
}

/** One block (FIPS 180-4 §6.4.2). Words are four 16-bit limbs, x0 the least significant, in
 *  locals; a rotation by 16q + r (r <= 14 for all of SHA-512's) takes limb k from window
 *  k + q, x{k+q} under the low 14 bits of x{k+q+1} (sha256.ts explains the windows). */
function compress(state: Uint16Array, w: Uint16Array, data: Uint8Array, offset: number): void {
  for (let i = 0, at = offset; i < 64; i++, at += 2) w[i] = (data[at] << 8) | data[at + 1];
  for (let j = 64; j < 320; j += 4) {
    // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16]; σ0 = ROTR1 ^ ROTR8 ^ SHR7, σ1 = ROTR19 ^ ROTR61 ^ SHR6.
    const x0 = w[j - 5], x1 = w[j - 6], x2 = w[j - 7], x3 = w[j - 8];
    const y0 = w[j - 57], y1 = w[j - 58], y2 = w[j - 59], y3 = w[j - 60];
    const xW0 = ((x1 & 0x3fff) << 16) | x0;
    const xW1 = ((x2 & 0x3fff) << 16) | x1;
    const xW2 = ((x3 & 0x3fff) << 16) | x2;
    const xW3 = ((x0 & 0x3fff) << 16) | x3;
    const yW0 = ((y1 & 0x3fff) << 16) | y0;
    const yW1 = ((y2 & 0x3fff) << 16) | y1;
    const yW2 = ((y3 & 0x3fff) << 16) | y2;
    const yW3 = ((y0 & 0x3fff) << 16) | y3;
    const s0 = (((xW1 >> 3) ^ (xW3 >> 13) ^ (xW0 >> 6)) & 0xffff) + w[j - 25] + (((yW0 >> 1) ^ (yW0 >> 8) ^ (yW0 >> 7)) & 0xffff) + w[j - 61];
    const s1 = (((xW2 >> 3) ^ (xW0 >> 13) ^ (xW1 >> 6)) & 0xffff) + w[j - 26] + (((yW1 >> 1) ^ (yW1 >> 8) ^ (yW1 >> 7)) & 0xffff) + w[j - 62] + (s0 >> 16);
    const s2 = (((xW3 >> 3) ^ (xW1 >> 13) ^ (xW2 >> 6)) & 0xffff) + w[j - 27] + (((yW2 >> 1) ^ (yW2 >> 8) ^ (yW2 >> 7)) & 0xffff) + w[j - 63] + (s1 >> 16);
    const s3 = (((xW0 >> 3) ^ (xW2 >> 13) ^ (x3 >> 6)) & 0xffff) + w[j - 28] + (((yW3 >> 1) ^ (yW3 >> 8) ^ (y3 >> 7)) & 0xffff) + w[j - 64] + (s2 >> 16);
    w[j + 3] = s0 & 0xffff;
    w[j + 2] = s1 & 0xffff;
    w[j + 1] = s2 & 0xffff;
    w[j + 0] = s3 & 0xffff;
  }
  let a0 = state[3], a1 = state[2], a2 = state[1], a3 = state[0], b0 = state[7], b1 = state[6], b2 = state[5], b3 = state[4], c0 = state[11], c1 = state[10], c2 = state[9], c3 = state[8], d0 = state[15], d1 = state[14], d2 = state[13], d3 = state[12];
  let e0 = state[19], e1 = state[18], e2 = state[17], e3 = state[16], f0 = state[23], f1 = state[22], f2 = state[21], f3 = state[20], g0 = state[27], g1 = state[26], g2 = state[25], g3 = state[24], h0 = state[31], h1 = state[30], h2 = state[29], h3 = state[28];
  const roundConstants = ROUND_CONSTANTS;
  for (let j = 0; j < 320; j += 4) {
    // T1 = h + Σ1(e) + Ch(e, f, g) + K + W, Σ1 = ROTR14 ^ ROTR18 ^ ROTR41; T2 = Σ0(a) + Maj(a, b, c),
    // Σ0 = ROTR28 ^ ROTR34 ^ ROTR39.
    const eW0 = ((e1 & 0x3fff) << 16) | e0;
    const eW1 = ((e2 & 0x3fff) << 16) | e1;
    const eW2 = ((e3 & 0x3fff) << 16) | e2;
    const eW3 = ((e0 & 0x3fff) << 16) | e3;
    const aW0 = ((a1 & 0x3fff) << 16) | a0;
    const aW1 = ((a2 & 0x3fff) << 16) | a1;
    const aW2 = ((a3 & 0x3fff) << 16) | a2;
    const aW3 = ((a0 & 0x3fff) << 16) | a3;
    const t0 = h0 + (((eW0 >> 14) ^ (eW1 >> 2) ^ (eW2 >> 9)) & 0xffff) + (g0 ^ (e0 & (f0 ^ g0))) + roundConstants[j + 3] + w[j + 3];
    const t1 = h1 + (((eW1 >> 14) ^ (eW2 >> 2) ^ (eW3 >> 9)) & 0xffff) + (g1 ^ (e1 & (f1 ^ g1))) + roundConstants[j + 2] + w[j + 2] + (t0 >> 16);
    const t2 = h2 + (((eW2 >> 14) ^ (eW3 >> 2) ^ (eW0 >> 9)) & 0xffff) + (g2 ^ (e2 & (f2 ^ g2))) + roundConstants[j + 1] + w[j + 1] + (t1 >> 16);
    const t3 = h3 + (((eW3 >> 14) ^ (eW0 >> 2) ^ (eW1 >> 9)) & 0xffff) + (g3 ^ (e3 & (f3 ^ g3))) + roundConstants[j + 0] + w[j + 0] + (t2 >> 16);
    const u0 = (((aW1 >> 12) ^ (aW2 >> 2) ^ (aW2 >> 7)) & 0xffff) + ((a0 & b0) | (c0 & (a0 | b0)));
    const u1 = (((aW2 >> 12) ^ (aW3 >> 2) ^ (aW3 >> 7)) & 0xffff) + ((a1 & b1) | (c1 & (a1 | b1))) + (u0 >> 16);
    const u2 = (((aW3 >> 12) ^ (aW0 >> 2) ^ (aW0 >> 7)) & 0xffff) + ((a2 & b2) | (c2 & (a2 | b2))) + (u1 >> 16);
    const u3 = (((aW0 >> 12) ^ (aW1 >> 2) ^ (aW1 >> 7)) & 0xffff) + ((a3 & b3) | (c3 & (a3 | b3))) + (u2 >> 16);
    h0 = g0; h1 = g1; h2 = g2; h3 = g3;
    g0 = f0; g1 = f1; g2 = f2; g3 = f3;
    f0 = e0; f1 = e1; f2 = e2; f3 = e3;
    e0 = d0 + (t0 & 0xffff);
    e1 = d1 + (t1 & 0xffff) + (e0 >> 16);
    e2 = d2 + (t2 & 0xffff) + (e1 >> 16);
    e3 = d3 + (t3 & 0xffff) + (e2 >> 16);
    e0 &= 0xffff; e1 &= 0xffff; e2 &= 0xffff; e3 &= 0xffff;
    d0 = c0; d1 = c1; d2 = c2; d3 = c3;
    c0 = b0; c1 = b1; c2 = b2; c3 = b3;
    b0 = a0; b1 = a1; b2 = a2; b3 = a3;
    a0 = (t0 & 0xffff) + (u0 & 0xffff);
    a1 = (t1 & 0xffff) + (u1 & 0xffff) + (a0 >> 16);
    a2 = (t2 & 0xffff) + (u2 & 0xffff) + (a1 >> 16);
    a3 = (t3 & 0xffff) + (u3 & 0xffff) + (a2 >> 16);
    a0 &= 0xffff; a1 &= 0xffff; a2 &= 0xffff; a3 &= 0xffff;
  }
  addWord(state, 0, a3, a2, a1, a0);
  addWord(state, 4, b3, b2, b1, b0);
  addWord(state, 8, c3, c2, c1, c0);
  addWord(state, 12, d3, d2, d1, d0);
  addWord(state, 16, e3, e2, e1, e0);
  addWord(state, 20, f3, f2, f1, f0);
  addWord(state, 24, g3, g2, g1, g0);
  addWord(state, 28, h3, h2, h1, h0);
}

/** state[at..at + 4) += the word (x3 the most significant limb), modulo 2^64. */
function addWord(state: Uint16Array, at: number, x3: number, x2: number, x1: number, x0: number): void {
  const s0 = state[at + 3] + x0;
  const s1 = state[at + 2] + x1 + (s0 >> 16);
  const s2 = state[at + 1] + x2 + (s1 >> 16);
  state[at] = (state[at] + x3 + (s2 >> 16)) & 0xffff;
  state[at + 1] = s2 & 0xffff;
  state[at + 2] = s1 & 0xffff;
  state[at + 3] = s0 & 0xffff;
}
