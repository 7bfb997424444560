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
// masks and shifts below: no boxing, no overflow checks. For rotations a word is also seen
// through two 30-bit windows: low = (high's low 14 bits, low), whose bits n..n+15 are the low
// half of ROTR^n for n <= 14, and high = (low's low 14 bits, high), the high half likewise;
// a rotation by 16 + n swaps the windows. Xors are taken on the windows, masked once.

import { addressOf, BARE, peek32 } from "mote/intrinsics";
import { sha256Compress } from "../rt/port.ts";
import { BlockHash } from "./block-hash.ts";
import { uint16Table } from "./tables.ts";

/** A typed array holds the address of its first element at this offset (sdk/lib/rt/layout.ts). */
const TYPED_DATA = 8;

/** Round constants K0..K63 (FIPS 180-4 §4.2.2), each as its high and low halves. */
const ROUND_CONSTANTS = roundConstants();

function roundConstants(): Uint16Array {
  // `if`, not `?:`: only a constant `if` drops the string from the bare profile's image.
  if (BARE) return new Uint16Array(0);
  return uint16Table(
    "\u428a\u2f98\u7137\u4491\ub5c0\ufbcf\ue9b5\udba5\u3956\uc25b\u59f1\u11f1\u923f\u82a4\uab1c\u5ed5" +
    "\ud807\uaa98\u1283\u5b01\u2431\u85be\u550c\u7dc3\u72be\u5d74\u80de\ub1fe\u9bdc\u06a7\uc19b\uf174" +
    "\ue49b\u69c1\uefbe\u4786\u0fc1\u9dc6\u240c\ua1cc\u2de9\u2c6f\u4a74\u84aa\u5cb0\ua9dc\u76f9\u88da" +
    "\u983e\u5152\ua831\uc66d\ub003\u27c8\ubf59\u7fc7\uc6e0\u0bf3\ud5a7\u9147\u06ca\u6351\u1429\u2967" +
    "\u27b7\u0a85\u2e1b\u2138\u4d2c\u6dfc\u5338\u0d13\u650a\u7354\u766a\u0abb\u81c2\uc92e\u9272\u2c85" +
    "\ua2bf\ue8a1\ua81a\u664b\uc24b\u8b70\uc76c\u51a3\ud192\ue819\ud699\u0624\uf40e\u3585\u106a\ua070" +
    "\u19a4\uc116\u1e37\u6c08\u2748\u774c\u34b0\ubcb5\u391c\u0cb3\u4ed8\uaa4a\u5b9c\uca4f\u682e\u6ff3" +
    "\u748f\u82ee\u78a5\u636f\u84c8\u7814\u8cc7\u0208\u90be\ufffa\ua450\u6ceb\ubef9\ua3f7\uc671\u78f2",
  );
}

/** The initial hash value H(0) (FIPS 180-4 §5.3.3), as halves. */
const INITIAL_STATE = uint16Table("\u6a09\ue667\ubb67\uae85\u3c6e\uf372\ua54f\uf53a\u510e\u527f\u9b05\u688c\u1f83\ud9ab\u5be0\ucd19");

export const SHA256_DIGEST_BYTES = 32;

/** An incremental SHA-256 computation; see the top of the file. */
export class Sha256 extends BlockHash {
  /** The message schedule W0..W63, as halves. */
  private readonly schedule = new Uint16Array(128);

  constructor() {
    super(64, INITIAL_STATE, "Sha256");
  }

  protected compressBlock(data: Uint8Array, offset: number): void {
    // mote-boot (the bare profile): the port's routine, a tenth of the instructions and size.
    if (BARE) sha256Compress(peek32(addressOf(this.state) + TYPED_DATA), peek32(addressOf(data) + TYPED_DATA) + offset);
    else compress(this.state, this.schedule, data, offset);
  }
}

/** SHA-256 of data[start..end) (the whole array by default), 32 bytes. */
export function sha256(data: Uint8Array, start: number = 0, end: number = data.length): Uint8Array {
  const hash = new Sha256();
  hash.update(data, start, end);
  return hash.digest();
}

/** One block (FIPS 180-4 §6.2.2): data[offset..offset + 64) into the state. Indices into the
 *  halves step by 2 (j = 2t) rather than being computed from t, and Maj(a, b, c) is
 *  b ^ ((a ^ b) & (b ^ c)) with b ^ c kept from the round before (it was that round's a ^ b). */
function compress(state: Uint16Array, w: Uint16Array, data: Uint8Array, offset: number): void {
  for (let j = 0, at = offset; j < 32; j += 2, at += 4) {
    w[j] = (data[at] << 8) | data[at + 1];
    w[j + 1] = (data[at + 2] << 8) | data[at + 3];
  }
  // W[t-2] is the word made two steps before and W[t-15] is next step's W[t-16]: both are
  // carried in locals instead of read again.
  let xh = w[28], xl = w[29], nextH = w[30], nextL = w[31];
  let yh = w[2], yl = w[3], oldH = w[0], oldL = w[1];
  // odd = j + 1 as a variable of its own: w[j + 1] = … here ran the compiler out of scratch
  // registers ("internal: out of scratch registers", a typed store with a computed index).
  for (let j = 32, odd = 33; j < 128; j += 2, odd += 2) {
    // σ1(W[t-2]) = ROTR17 ^ ROTR19 ^ SHR10; σ0(W[t-15]) = ROTR7 ^ ROTR18 ^ SHR3.
    const xLow = ((xh & 0x3fff) << 16) | xl, xHigh = ((xl & 0x3fff) << 16) | xh;
    const yLow = ((yh & 0x3fff) << 16) | yl, yHigh = ((yl & 0x3fff) << 16) | yh;
    const low = (((xHigh >> 1) ^ (xHigh >> 3) ^ (xLow >> 10)) & 0xffff)
      + (((yLow >> 7) ^ (yHigh >> 2) ^ (yLow >> 3)) & 0xffff)
      + w[j - 13] + oldL;
    const newL = low & 0xffff;
    const newH = ((((xLow >> 1) ^ (xLow >> 3) ^ (xh >> 10)) & 0xffff)
      + (((yHigh >> 7) ^ (yLow >> 2) ^ (yh >> 3)) & 0xffff)
      + w[j - 14] + oldH + (low >> 16)) & 0xffff;
    w[j] = newH;
    w[odd] = newL;
    xh = nextH;
    xl = nextL;
    nextH = newH;
    nextL = newL;
    oldH = yh;
    oldL = yl;
    yh = w[j - 28];
    yl = w[j - 27];
  }
  const roundConstants = ROUND_CONSTANTS;
  let ah = state[0], al = state[1], bh = state[2], bl = state[3], ch = state[4], cl = state[5], dh = state[6], dl = state[7];
  let eh = state[8], el = state[9], fh = state[10], fl = state[11], gh = state[12], gl = state[13], hh = state[14], hl = state[15];
  let bcH = bh ^ ch, bcL = bl ^ cl;
  for (let j = 0; j < 128; j += 2) {
    // T1 = h + Σ1(e) + Ch(e, f, g) + K + W; Σ1 = ROTR6 ^ ROTR11 ^ ROTR25; Ch = g ^ (e & (f ^ g)).
    const eLow = ((eh & 0x3fff) << 16) | el, eHigh = ((el & 0x3fff) << 16) | eh;
    const t1l = hl + (((eLow >> 6) ^ (eLow >> 11) ^ (eHigh >> 9)) & 0xffff)
      + (gl ^ (el & (fl ^ gl))) + roundConstants[j + 1] + w[j + 1];
    const t1h = hh + (((eHigh >> 6) ^ (eHigh >> 11) ^ (eLow >> 9)) & 0xffff)
      + (gh ^ (eh & (fh ^ gh))) + roundConstants[j] + w[j];
    // T2 = Σ0(a) + Maj(a, b, c); Σ0 = ROTR2 ^ ROTR13 ^ ROTR22.
    const aLow = ((ah & 0x3fff) << 16) | al, aHigh = ((al & 0x3fff) << 16) | ah;
    const abH = ah ^ bh, abL = al ^ bl;
    const t2l = (((aLow >> 2) ^ (aLow >> 13) ^ (aHigh >> 6)) & 0xffff) + (bl ^ (abL & bcL));
    const t2h = (((aHigh >> 2) ^ (aHigh >> 13) ^ (aLow >> 6)) & 0xffff) + (bh ^ (abH & bcH));
    bcH = abH;
    bcL = abL;
    hh = gh; hl = gl;
    gh = fh; gl = fl;
    fh = eh; fl = el;
    el = dl + t1l;
    eh = (dh + t1h + (el >> 16)) & 0xffff;
    el &= 0xffff;
    dh = ch; dl = cl;
    ch = bh; cl = bl;
    bh = ah; bl = al;
    al = t1l + t2l;
    ah = (t1h + t2h + (al >> 16)) & 0xffff;
    al &= 0xffff;
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
