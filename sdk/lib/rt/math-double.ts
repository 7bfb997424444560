// Math functions on doubles, bit-identical to Node's. V8 computes Math.sin … Math.pow with its
// port of Sun's fdlibm (src/base/ieee754.cc, and src/numbers/ieee754.cc for pow's ECMAScript
// special cases); Math.hypot is its own scaled, compensated sum (src/builtins/math.tq). Each
// function below follows the same steps in the same order, because any reordering of the
// floating-point operations changes the last bit of some results. The thresholds compare high
// words (sign, exponent and top 20 fraction bits) as fdlibm does; the coefficients are the
// fdlibm ones, written as the shortest decimals that read back to the same doubles.
//
// Node 20 (V8 11.3) is the reference, and Node 22 computes the same: pow is fdlibm's there. From
// V8 13.2 (Node 23) Math.pow calls the C library's pow, and later V8s take sin, tan, cbrt and
// tanh from C libraries too, so those Nodes differ in the last bit for some inputs.

import { f64FromWords, f64High, f64Low } from "mote/intrinsics";

// --- Shared helpers ------------------------------------------------------------------------

/** |x|, with +0 for -0 (fdlibm's fabs). */
function magnitude(x: number): number {
  return x < 0 ? -x : x + 0;
}

/** x with the low 32 bits of its encoding cleared: its leading 21 significant bits, so that
 *  products of two such values are exact. */
function upperPart(x: number): number {
  return f64FromWords(f64High(x), 0);
}

/** x with its high word replaced. */
function withHighWord(x: number, high: number): number {
  return f64FromWords(high, f64Low(x));
}

/** 2^n for -1022 <= n <= 1023, exactly. */
function powerOfTwo(n: number): number {
  return f64FromWords((n + 1023) << 20, 0);
}

/** x * 2^n rounded once, for any integer n (C's scalbn). A subnormal result is reached from
 *  a normal intermediate value, so it is rounded only in the last multiplication. */
function scaleByPowerOfTwo(x: number, n: number): number {
  let y = x;
  let e = n;
  if (e > 1023) {
    y = y * powerOfTwo(1023);
    e -= 1023;
    if (e > 1023) {
      y = y * powerOfTwo(1023);
      e -= 1023;
      if (e > 1023) e = 1023;
    }
  } else if (e < -1022) {
    // 2^-969 = 2^-1022 * 2^53: keeps 53 bits of headroom above the subnormal range.
    y = y * powerOfTwo(-969);
    e += 969;
    if (e < -1022) {
      y = y * powerOfTwo(-969);
      e += 969;
      if (e < -1022) e = -1022;
    }
  }
  return y * powerOfTwo(e);
}

/** floor(x) for 0 <= x < 2^52: adding 2^52 rounds to an integer, which is then corrected
 *  down when it rounded up. */
function floorNonNegative(x: number): number {
  const rounded = (x + TWO52) - TWO52;
  return rounded > x ? rounded - 1 : rounded;
}

const TWO24 = 16777216;
const TWO_MINUS_24 = 5.9604644775390625e-8;
const TWO52 = 4503599627370496;
const TWO53 = 9007199254740992;
const TWO54 = 18014398509481984;

const PI = 3.141592653589793;
const PI_OVER_2 = 1.5707963267948966;
const PI_OVER_4 = 0.7853981633974483;
/** pi/2 - PI_OVER_2, and the same tail for pi/4 and pi. */
const PI_OVER_2_TAIL = 6.123233995736766e-17;
const PI_OVER_4_TAIL = 3.061616997868383e-17;
const PI_TAIL = 1.2246467991473532e-16;

const LN2 = 0.6931471805599453;
/** ln 2 split so that k * LN2_HIGH is exact for |k| < 2000. */
const LN2_HIGH = 0.6931471803691238;
const LN2_LOW = 1.9082149292705877e-10;
const INVERSE_LN2 = 1.4426950408889634;

// --- Reduction modulo pi/2 (fdlibm __ieee754_rem_pio2 and __kernel_rem_pio2) -----------------

/** The reduced argument x - n*pi/2 as a head and a tail: results of reduceByHalfPi. */
let reducedHead = 0;
let reducedTail = 0;

const TWO_OVER_PI_53 = 0.6366197723675814;
/** pi/2 in three 33-bit pieces, each with the rest of pi/2 after it (…TAIL). */
const PIO2_1 = 1.5707963267341256;
const PIO2_1_TAIL = 6.077100506506192e-11;
const PIO2_2 = 6.077100506303966e-11;
const PIO2_2_TAIL = 2.0222662487959506e-21;
const PIO2_3 = 2.0222662487111665e-21;
const PIO2_3_TAIL = 8.4784276603689e-32;

/** The binary digits of 2/pi after the point in hex, 6 digits (24 bits) per entry: enough for
 *  any double (the largest exponent reads about 45 entries; the rest covers rare long runs of
 *  zeros). A string stays in flash: no RAM and no start-up code. */
const TWO_OVER_PI_HEX =
  "a2f9836e4e441529fc2757d1f534ddc0db6295993c439041fe5163abdebbc561b7" +
  "246e3a424dd2e006492eea09d1921cfe1deb1cb129a73ee88235f52ebb4484e99c" +
  "7026b45f7e413991d639835339f49c845f8bbdf9283b1ff897ffde05980fef2f11" +
  "8b5a0a6d1f6d367ecf27cb09b74f463f669e5fea2d7527bac7ebe5f17b3d0739f7" +
  "8a5292ea6bfb5fb11f8d5d0856033046fc7b6babf0cfbc209af4361da9e391615e" +
  "e61b086599855f14a068408dffd8804d73273106061556ca73a8c960e27bc08c6b";

/** pi/2 in 24-bit pieces (only the first five are needed for 64-bit precision). */
const PIO2_PIECE_0 = 1.570796251296997;
const PIO2_PIECE_1 = 7.549789415861596e-8;
const PIO2_PIECE_2 = 5.390302529957765e-15;
const PIO2_PIECE_3 = 3.282003415807913e-22;
const PIO2_PIECE_4 = 1.270655753080676e-29;

function pio2Piece(k: number): number {
  switch (k) {
    case 0: return PIO2_PIECE_0;
    case 1: return PIO2_PIECE_1;
    case 2: return PIO2_PIECE_2;
    case 3: return PIO2_PIECE_3;
    default: return PIO2_PIECE_4;
  }
}

/** Reduces a finite x with |x| > pi/4: returns n and sets reducedHead + reducedTail to
 *  x - n*pi/2, which lies within [-pi/4, pi/4]. */
function reduceByHalfPi(x: number): number {
  const hx = f64High(x);
  const ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) {
    // |x| < 3pi/4: n is ±1. Near pi/2 itself, 33+53 bits of pi/2 are not enough.
    if (hx > 0) {
      let z = x - PIO2_1;
      if (ix !== 0x3ff921fb) {
        reducedHead = z - PIO2_1_TAIL;
        reducedTail = (z - reducedHead) - PIO2_1_TAIL;
      } else {
        z -= PIO2_2;
        reducedHead = z - PIO2_2_TAIL;
        reducedTail = (z - reducedHead) - PIO2_2_TAIL;
      }
      return 1;
    }
    let z = x + PIO2_1;
    if (ix !== 0x3ff921fb) {
      reducedHead = z + PIO2_1_TAIL;
      reducedTail = (z - reducedHead) + PIO2_1_TAIL;
    } else {
      z += PIO2_2;
      reducedHead = z + PIO2_2_TAIL;
      reducedTail = (z - reducedHead) + PIO2_2_TAIL;
    }
    return -1;
  }
  if (ix <= 0x413921fb) return reduceMedium(x, hx, ix);
  return reduceLarge(x, hx, ix);
}

/** |x| up to 2^19 * pi/2: n*pi/2 subtracted in up to three rounds of 33-bit pieces, the later
 *  rounds only when the earlier result cancelled many leading bits. */
function reduceMedium(x: number, hx: number, ix: number): number {
  const t = magnitude(x);
  const n = (t * TWO_OVER_PI_53 + 0.5) | 0;
  const fn = n;
  const product = fn * PIO2_1;
  let r = t - product;
  let w = fn * PIO2_1_TAIL;
  // For n < 32 fdlibm trusts the first round unless x shares its high word with n*pi/2 (it keeps
  // those high words in a table; they are the high words of fn * PIO2_1, checked for each n).
  if (n < 32 && ix !== f64High(product)) {
    reducedHead = r - w;
  } else {
    const exponent = ix >> 20;
    reducedHead = r - w;
    let lost = exponent - ((f64High(reducedHead) >> 20) & 0x7ff);
    if (lost > 16) {
      let before = r;
      w = fn * PIO2_2;
      r = before - w;
      w = fn * PIO2_2_TAIL - ((before - r) - w);
      reducedHead = r - w;
      lost = exponent - ((f64High(reducedHead) >> 20) & 0x7ff);
      if (lost > 49) {
        before = r;
        w = fn * PIO2_3;
        r = before - w;
        w = fn * PIO2_3_TAIL - ((before - r) - w);
        reducedHead = r - w;
      }
    }
  }
  reducedTail = (r - reducedHead) - w;
  if (hx < 0) {
    reducedHead = -reducedHead;
    reducedTail = -reducedTail;
    return -n;
  }
  return n;
}

/** Any larger |x|: x is cut into three 24-bit integers scaled by 2^e0, and multiplied by the
 *  digits of 2/pi that matter modulo 8 (fdlibm's __kernel_rem_pio2 at 64-bit precision). */
function reduceLarge(x: number, hx: number, ix: number): number {
  const e0 = (ix >> 20) - 1046;
  let z = f64FromWords(ix - (e0 << 20), f64Low(x));
  const x0 = z | 0;
  z = (z - x0) * TWO24;
  const x1 = z | 0;
  z = (z - x1) * TWO24;
  const x2 = z;
  const last = x2 !== 0 ? 2 : x1 !== 0 ? 1 : 0;
  const n = multiplyByTwoOverPi(x0, x1, x2, last, e0);
  if (hx < 0) {
    reducedHead = -reducedHead;
    reducedTail = -reducedTail;
    return -n;
  }
  return n;
}

/** Entry `index` of TWO_OVER_PI_HEX, zero before the point. */
function twoOverPiDigit(index: number): number {
  if (index < 0) return 0;
  let digit = 0;
  for (let i = 6 * index; i < 6 * index + 6; i++) {
    const c = TWO_OVER_PI_HEX.charCodeAt(i);
    digit = (digit << 4) | (c <= 0x39 ? c - 0x30 : c - 0x57);
  }
  return digit;
}

/** sum over j = 0..last of x_j * digit(first - j), in that order. */
function digitProduct(x0: number, x1: number, x2: number, last: number, first: number): number {
  let sum = 0.0;
  sum += x0 * twoOverPiDigit(first);
  if (last >= 1) sum += x1 * twoOverPiDigit(first - 1);
  if (last >= 2) sum += x2 * twoOverPiDigit(first - 2);
  return sum;
}

function multiplyByTwoOverPi(x0: number, x1: number, x2: number, last: number, e0: number): number {
  // Four more 24-bit products than the input has pieces: 64 bits of result (fdlibm's jk).
  const extra = 4;
  let skipped = ((e0 - 3) / 24) | 0;
  if (skipped < 0) skipped = 0;
  let q0 = e0 - 24 * (skipped + 1);
  const q = new Float64Array(20);
  const fq = new Float64Array(20);
  const iq = new Int32Array(20);
  for (let i = 0; i <= extra; i++) q[i] = digitProduct(x0, x1, x2, last, skipped + i);

  let jz = extra;
  let z = 0;
  let n = 0;
  let ih = 0;
  for (;;) {
    // Distill q[] into 24-bit integers iq[], lowest first.
    z = q[jz];
    for (let i = 0, j = jz; j > 0; i++, j--) {
      const fw = (TWO_MINUS_24 * z) | 0;
      iq[i] = (z - TWO24 * fw) | 0;
      z = q[j - 1] + fw;
    }
    z = scaleByPowerOfTwo(z, q0);
    z -= 8.0 * floorNonNegative(z * 0.125);
    n = z | 0;
    z -= n;
    ih = 0;
    if (q0 > 0) {
      const i = iq[jz - 1] >> (24 - q0);
      n += i;
      iq[jz - 1] -= i << (24 - q0);
      ih = iq[jz - 1] >> (23 - q0);
    } else if (q0 === 0) {
      ih = iq[jz - 1] >> 23;
    } else if (z >= 0.5) {
      ih = 2;
    }
    if (ih > 0) {
      // The fraction is at least 1/2: take 1 - fraction and count one more quarter turn.
      n += 1;
      let carry = 0;
      for (let i = 0; i < jz; i++) {
        const j = iq[i];
        if (carry === 0) {
          if (j !== 0) {
            carry = 1;
            iq[i] = 0x1000000 - j;
          }
        } else {
          iq[i] = 0xffffff - j;
        }
      }
      if (q0 === 1) iq[jz - 1] &= 0x7fffff;
      else if (q0 === 2) iq[jz - 1] &= 0x3fffff;
      if (ih === 2) {
        z = 1.0 - z;
        if (carry !== 0) z -= scaleByPowerOfTwo(1.0, q0);
      }
    }
    if (z !== 0) break;
    let bits = 0;
    for (let i = jz - 1; i >= extra; i--) bits |= iq[i];
    if (bits !== 0) break;
    // Every computed bit of the fraction is zero: bring in as many more digits as needed.
    let k = 1;
    while (k <= extra && iq[extra - k] === 0) k++;
    for (let i = jz + 1; i <= jz + k; i++) q[i] = digitProduct(x0, x1, x2, last, skipped + i);
    jz += k;
  }

  // Drop zero pieces, or split the fraction's integer part into one or two pieces.
  if (z === 0.0) {
    jz -= 1;
    q0 -= 24;
    while (iq[jz] === 0) {
      jz--;
      q0 -= 24;
    }
  } else {
    z = scaleByPowerOfTwo(z, -q0);
    if (z >= TWO24) {
      const fw = (TWO_MINUS_24 * z) | 0;
      iq[jz] = (z - TWO24 * fw) | 0;
      jz += 1;
      q0 += 24;
      iq[jz] = fw;
    } else {
      iq[jz] = z | 0;
    }
  }

  let fw = scaleByPowerOfTwo(1.0, q0);
  for (let i = jz; i >= 0; i--) {
    q[i] = fw * iq[i];
    fw *= TWO_MINUS_24;
  }
  for (let i = jz; i >= 0; i--) {
    let sum = 0.0;
    for (let k = 0; k <= extra && k <= jz - i; k++) sum += pio2Piece(k) * q[i + k];
    fq[jz - i] = sum;
  }
  let head = 0.0;
  for (let i = jz; i >= 0; i--) head += fq[i];
  let tail = fq[0] - head;
  for (let i = 1; i <= jz; i++) tail += fq[i];
  reducedHead = ih === 0 ? head : -head;
  reducedTail = ih === 0 ? tail : -tail;
  return n & 7;
}

// --- sin, cos, tan ---------------------------------------------------------------------------

const SIN_1 = -0.16666666666666632;
const SIN_2 = 0.00833333333332249;
const SIN_3 = -1.984126982985795e-4;
const SIN_4 = 2.7557313707070068e-6;
const SIN_5 = -2.5050760253406863e-8;
const SIN_6 = 1.58969099521155e-10;

/** sin(x + y) for |x| <= pi/4, y the tail of x (tailIsZero: y is 0). */
function sinKernel(x: number, y: number, tailIsZero: boolean): number {
  const ix = f64High(x) & 0x7fffffff;
  if (ix < 0x3e400000) return x;
  const z = x * x;
  const v = z * x;
  const r = SIN_2 + z * (SIN_3 + z * (SIN_4 + z * (SIN_5 + z * SIN_6)));
  if (tailIsZero) return x + v * (SIN_1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * SIN_1);
}

const COS_1 = 0.0416666666666666;
const COS_2 = -0.001388888888887411;
const COS_3 = 2.480158728947673e-5;
const COS_4 = -2.7557314351390663e-7;
const COS_5 = 2.087572321298175e-9;
const COS_6 = -1.1359647557788195e-11;

/** cos(x + y) for |x| <= pi/4, y the tail of x. */
function cosKernel(x: number, y: number): number {
  const ix = f64High(x) & 0x7fffffff;
  if (ix < 0x3e400000) return 1.0;
  const z = x * x;
  const r = z * (COS_1 + z * (COS_2 + z * (COS_3 + z * (COS_4 + z * (COS_5 + z * COS_6)))));
  if (ix < 0x3fd33333) return 1.0 - (0.5 * z - (z * r - x * y));
  // Above 0.3, 1 - x*x/2 is split as (1 - qx) - (x*x/2 - qx) with qx about |x|/4 in 21 bits:
  // 1 - qx is exact, and the second difference loses less to rounding.
  const qx = ix > 0x3fe90000 ? 0.28125 : f64FromWords(ix - 0x00200000, 0);
  const hz = 0.5 * z - qx;
  const a = 1.0 - qx;
  return a - (hz - (z * r - x * y));
}

const TAN_0 = 0.3333333333333341;
const TAN_1 = 0.13333333333320124;
const TAN_2 = 0.05396825397622605;
const TAN_3 = 0.021869488294859542;
const TAN_4 = 0.0088632398235993;
const TAN_5 = 0.0035920791075913124;
const TAN_6 = 0.0014562094543252903;
const TAN_7 = 5.880412408202641e-4;
const TAN_8 = 2.464631348184699e-4;
const TAN_9 = 7.817944429395571e-5;
const TAN_10 = 7.140724913826082e-5;
const TAN_11 = -1.8558637485527546e-5;
const TAN_12 = 2.590730518636337e-5;

/** -1 / (x + tail), with the division's error compensated; w is x + tail as computed. */
function negativeReciprocal(x: number, tail: number, w: number): number {
  const z = upperPart(w);
  const v = tail - (z - x);
  const a = -1.0 / w;
  const t = upperPart(a);
  const s = 1.0 + t * z;
  return t + a * (s + t * v);
}

/** tan(x + y) (sign 1) or -1/tan(x + y) (sign -1), for |x| <= pi/4. */
function tanKernel(x: number, y: number, sign: number): number {
  const hx = f64High(x);
  const ix = hx & 0x7fffffff;
  if (ix < 0x3e300000) {
    if (sign === -1 && ix === 0 && f64Low(x) === 0) return 1.0 / magnitude(x);
    if (sign === 1) return x;
    return negativeReciprocal(x, y, x + y);
  }
  let a = x;
  let b = y;
  const large = ix >= 0x3fe59428;
  if (large) {
    // Above 0.6744, tan(pi/4 - t) = (1 - tan t) / (1 + tan t) is more accurate.
    if (hx < 0) {
      a = -a;
      b = -b;
    }
    const z = PI_OVER_4 - a;
    const w = PI_OVER_4_TAIL - b;
    a = z + w;
    b = 0.0;
  }
  const z = a * a;
  const w = z * z;
  // x^5 times the series, split into odd and even powers of w = x^4.
  let r = TAN_1 + w * (TAN_3 + w * (TAN_5 + w * (TAN_7 + w * (TAN_9 + w * TAN_11))));
  const v = z * (TAN_2 + w * (TAN_4 + w * (TAN_6 + w * (TAN_8 + w * (TAN_10 + w * TAN_12)))));
  const s = z * a;
  r = b + z * (s * (r + v) + b);
  r += TAN_0 * s;
  const sum = a + r;
  if (large) {
    const k = sign;
    return (1 - ((hx >> 30) & 2)) * (k - 2.0 * (a - (sum * sum / (sum + k) - r)));
  }
  if (sign === 1) return sum;
  return negativeReciprocal(a, r, sum);
}

export function sin(x: number): number {
  const ix = f64High(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return sinKernel(x, 0.0, true);
  if (ix >= 0x7ff00000) return NaN;
  const n = reduceByHalfPi(x);
  switch (n & 3) {
    case 0: return sinKernel(reducedHead, reducedTail, false);
    case 1: return cosKernel(reducedHead, reducedTail);
    case 2: return -sinKernel(reducedHead, reducedTail, false);
    default: return -cosKernel(reducedHead, reducedTail);
  }
}

export function cos(x: number): number {
  const ix = f64High(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return cosKernel(x, 0.0);
  if (ix >= 0x7ff00000) return NaN;
  const n = reduceByHalfPi(x);
  switch (n & 3) {
    case 0: return cosKernel(reducedHead, reducedTail);
    case 1: return -sinKernel(reducedHead, reducedTail, false);
    case 2: return -cosKernel(reducedHead, reducedTail);
    default: return sinKernel(reducedHead, reducedTail, false);
  }
}

export function tan(x: number): number {
  const ix = f64High(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return tanKernel(x, 0.0, 1);
  if (ix >= 0x7ff00000) return NaN;
  const n = reduceByHalfPi(x);
  return tanKernel(reducedHead, reducedTail, (n & 1) === 0 ? 1 : -1);
}

// --- asin, acos, atan, atan2 -------------------------------------------------------------------

// R(z) = P(z) / Q(z) approximates (asin(x) - x) / x^3 with z = x^2.
const ASIN_P0 = 0.16666666666666666;
const ASIN_P1 = -0.3255658186224009;
const ASIN_P2 = 0.20121253213486293;
const ASIN_P3 = -0.04005553450067941;
const ASIN_P4 = 7.915349942898145e-4;
const ASIN_P5 = 3.479331075960212e-5;
const ASIN_Q1 = -2.403394911734414;
const ASIN_Q2 = 2.0209457602335057;
const ASIN_Q3 = -0.6882839716054533;
const ASIN_Q4 = 0.07703815055590194;

function asinNumerator(z: number): number {
  return z * (ASIN_P0 + z * (ASIN_P1 + z * (ASIN_P2 + z * (ASIN_P3 + z * (ASIN_P4 + z * ASIN_P5)))));
}

function asinDenominator(z: number): number {
  return 1.0 + z * (ASIN_Q1 + z * (ASIN_Q2 + z * (ASIN_Q3 + z * ASIN_Q4)));
}

export function asin(x: number): number {
  const hx = f64High(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    if (ix === 0x3ff00000 && f64Low(x) === 0) return x * PI_OVER_2 + x * PI_OVER_2_TAIL;
    return NaN;
  }
  if (ix < 0x3fe00000) {
    if (ix < 0x3e400000) return x;
    const t = x * x;
    const w = asinNumerator(t) / asinDenominator(t);
    return x + x * w;
  }
  // 1/2 <= |x| < 1: asin(x) = pi/2 - 2 asin(sqrt((1 - |x|) / 2)).
  const t = (1.0 - magnitude(x)) * 0.5;
  let p = asinNumerator(t);
  let q = asinDenominator(t);
  const s = Math.sqrt(t);
  let result: number;
  if (ix >= 0x3fef3333) {
    const w = p / q;
    result = PI_OVER_2 - (2.0 * (s + s * w) - PI_OVER_2_TAIL);
  } else {
    // s = f + c with f exact in 21 bits, so that 2f is subtracted from pi/4 exactly.
    const f = upperPart(s);
    const c = (t - f * f) / (s + f);
    const r = p / q;
    p = 2.0 * s * r - (PI_OVER_2_TAIL - 2.0 * c);
    q = PI_OVER_4 - 2.0 * f;
    result = PI_OVER_4 - (p - q);
  }
  return hx > 0 ? result : -result;
}

export function acos(x: number): number {
  const hx = f64High(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    if (ix === 0x3ff00000 && f64Low(x) === 0) return hx > 0 ? 0.0 : PI + 2.0 * PI_OVER_2_TAIL;
    return NaN;
  }
  if (ix < 0x3fe00000) {
    if (ix <= 0x3c600000) return PI_OVER_2 + PI_OVER_2_TAIL;
    const z = x * x;
    const r = asinNumerator(z) / asinDenominator(z);
    return PI_OVER_2 - (x - (PI_OVER_2_TAIL - x * r));
  }
  if (hx < 0) {
    const z = (1.0 + x) * 0.5;
    const p = asinNumerator(z);
    const q = asinDenominator(z);
    const s = Math.sqrt(z);
    const r = p / q;
    const w = r * s - PI_OVER_2_TAIL;
    return PI - 2.0 * (s + w);
  }
  const z = (1.0 - x) * 0.5;
  const s = Math.sqrt(z);
  const f = upperPart(s);
  const c = (z - f * f) / (s + f);
  const p = asinNumerator(z);
  const q = asinDenominator(z);
  const r = p / q;
  const w = r * s + c;
  return 2.0 * (f + w);
}

/** atan at the breakpoints 0.5, 1, 1.5 and infinity, as head + tail. */
const ATAN_HALF = 0.4636476090008061;
const ATAN_HALF_TAIL = 2.2698777452961687e-17;
const ATAN_ONE_AND_HALF = 0.982793723247329;
const ATAN_ONE_AND_HALF_TAIL = 1.3903311031230998e-17;

const ATAN_0 = 0.3333333333333293;
const ATAN_1 = -0.19999999999876483;
const ATAN_2 = 0.14285714272503466;
const ATAN_3 = -0.11111110405462356;
const ATAN_4 = 0.09090887133436507;
const ATAN_5 = -0.0769187620504483;
const ATAN_6 = 0.06661073137387531;
const ATAN_7 = -0.058335701337905735;
const ATAN_8 = 0.049768779946159324;
const ATAN_9 = -0.036531572744216916;
const ATAN_10 = 0.016285820115365782;

export function atan(x: number): number {
  const hx = f64High(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x44100000) {
    // |x| >= 2^66, or NaN.
    if (x !== x) return NaN;
    return hx > 0 ? PI_OVER_2 + PI_OVER_2_TAIL : -PI_OVER_2 - PI_OVER_2_TAIL;
  }
  let t = x;
  let head = 0.0;
  let tail = 0.0;
  const reduced = ix >= 0x3fdc0000;
  if (!reduced) {
    if (ix < 0x3e400000) return x;
  } else {
    // atan(t) = atan(c) + atan((t - c) / (1 + t*c)) for the nearest breakpoint c.
    t = magnitude(x);
    if (ix < 0x3ff30000) {
      if (ix < 0x3fe60000) {
        head = ATAN_HALF;
        tail = ATAN_HALF_TAIL;
        t = (2.0 * t - 1.0) / (2.0 + t);
      } else {
        head = PI_OVER_4;
        tail = PI_OVER_4_TAIL;
        t = (t - 1.0) / (t + 1.0);
      }
    } else if (ix < 0x40038000) {
      head = ATAN_ONE_AND_HALF;
      tail = ATAN_ONE_AND_HALF_TAIL;
      t = (t - 1.5) / (1.0 + 1.5 * t);
    } else {
      head = PI_OVER_2;
      tail = PI_OVER_2_TAIL;
      t = -1.0 / t;
    }
  }
  const z = t * t;
  const w = z * z;
  const s1 = z * (ATAN_0 + w * (ATAN_2 + w * (ATAN_4 + w * (ATAN_6 + w * (ATAN_8 + w * ATAN_10)))));
  const s2 = w * (ATAN_1 + w * (ATAN_3 + w * (ATAN_5 + w * (ATAN_7 + w * ATAN_9))));
  if (!reduced) return t - t * (s1 + s2);
  const result = head - ((t * (s1 + s2) - tail) - t);
  return hx < 0 ? -result : result;
}

export function atan2(y: number, x: number): number {
  if (x !== x || y !== y) return NaN;
  const hx = f64High(x);
  const lx = f64Low(x);
  const hy = f64High(y);
  const ly = f64Low(y);
  const ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;
  if (x === 1.0) return atan(y);
  // Bit 0: y is negative; bit 1: x is negative.
  let quadrant = ((hy >> 31) & 1) | ((hx >> 30) & 2);
  if ((iy | ly) === 0) {
    switch (quadrant) {
      case 0:
      case 1: return y;
      case 2: return PI;
      default: return -PI;
    }
  }
  if ((ix | lx) === 0) return hy < 0 ? -PI_OVER_2 : PI_OVER_2;
  if (ix === 0x7ff00000) {
    if (iy === 0x7ff00000) {
      switch (quadrant) {
        case 0: return PI_OVER_4;
        case 1: return -PI_OVER_4;
        case 2: return 3.0 * PI_OVER_4;
        default: return -3.0 * PI_OVER_4;
      }
    }
    switch (quadrant) {
      case 0: return 0.0;
      case 1: return -0.0;
      case 2: return PI;
      default: return -PI;
    }
  }
  if (iy === 0x7ff00000) return hy < 0 ? -PI_OVER_2 : PI_OVER_2;
  const k = (iy - ix) >> 20;
  let z: number;
  if (k > 60) {
    // |y/x| > 2^60. V8 (like FreeBSD) keeps only the sign of y here, so x < 0 gives ±pi/2 too.
    z = PI_OVER_2 + 0.5 * PI_TAIL;
    quadrant &= 1;
  } else if (hx < 0 && k < -60) {
    z = 0.0;
  } else {
    z = atan(magnitude(y / x));
  }
  switch (quadrant) {
    case 0: return z;
    case 1: return -z;
    case 2: return PI - (z - PI_TAIL);
    default: return (z - PI_TAIL) - PI;
  }
}

// --- exp, expm1 --------------------------------------------------------------------------------

const EXP_OVERFLOW = 709.782712893384;
const EXP_UNDERFLOW = -745.1332191019411;
const E = 2.718281828459045;

// R(r^2) = r (e^r + 1) / (e^r - 1) ≈ 2 + P1 r^2 + … + P5 r^10 (also pow's last step).
const EXP_P1 = 0.16666666666666602;
const EXP_P2 = -0.0027777777777015593;
const EXP_P3 = 6.613756321437934e-5;
const EXP_P4 = -1.6533902205465252e-6;
const EXP_P5 = 4.1381367970572385e-8;

export function exp(x: number): number {
  const high = f64High(x);
  const negative = high < 0;
  const hx = high & 0x7fffffff;
  if (hx >= 0x40862e42) {
    // |x| >= 709.78…, infinite or NaN.
    if (hx >= 0x7ff00000) {
      if (x !== x) return NaN;
      return negative ? 0.0 : x;
    }
    if (x > EXP_OVERFLOW) return Infinity;
    if (x < EXP_UNDERFLOW) return 0.0;
  }
  // x = k ln2 + r with |r| <= ln2 / 2, r = hi - lo.
  let hi = 0.0;
  let lo = 0.0;
  let k = 0;
  let r = x;
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      // V8 returns e itself for exp(1); the steps below would give a result 1 ulp low.
      if (x === 1.0) return E;
      if (negative) {
        hi = x + LN2_HIGH;
        lo = -LN2_LOW;
        k = -1;
      } else {
        hi = x - LN2_HIGH;
        lo = LN2_LOW;
        k = 1;
      }
    } else {
      k = (INVERSE_LN2 * x + (negative ? -0.5 : 0.5)) | 0;
      const t = k;
      hi = x - t * LN2_HIGH;
      lo = t * LN2_LOW;
    }
    r = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1.0 + x;
  }
  const t = r * r;
  // 2^k, or 2^(k + 1000) when 2^k would be subnormal (scaled back by 2^-1000 below).
  const twoToK = f64FromWords(0x3ff00000 + ((k >= -1021 ? k : k + 1000) << 20), 0);
  const c = r - t * (EXP_P1 + t * (EXP_P2 + t * (EXP_P3 + t * (EXP_P4 + t * EXP_P5))));
  if (k === 0) return 1.0 - ((r * c) / (c - 2.0) - r);
  const y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2.0 * powerOfTwo(1023);
    return y * twoToK;
  }
  return y * twoToK * powerOfTwo(-1000);
}

// Scaled coefficients: R1(z) ≈ 1 + Q1 z + … + Q5 z^5 with z = r^2 / 2.
const EXPM1_Q1 = -0.03333333333333313;
const EXPM1_Q2 = 0.0015873015872548146;
const EXPM1_Q3 = -7.93650757867488e-5;
const EXPM1_Q4 = 4.008217827329362e-6;
const EXPM1_Q5 = -2.0109921818362437e-7;

export function expm1(x: number): number {
  const high = f64High(x);
  const negative = high < 0;
  const hx = high & 0x7fffffff;
  if (hx >= 0x4043687a) {
    // |x| >= 56 ln2.
    if (hx >= 0x40862e42) {
      if (hx >= 0x7ff00000) {
        if (x !== x) return NaN;
        return negative ? -1.0 : x;
      }
      if (x > EXP_OVERFLOW) return Infinity;
    }
    if (negative) return -1.0;
  }
  let r = x;
  let c = 0.0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    let hi: number;
    let lo: number;
    if (hx < 0x3ff0a2b2) {
      if (negative) {
        hi = x + LN2_HIGH;
        lo = -LN2_LOW;
        k = -1;
      } else {
        hi = x - LN2_HIGH;
        lo = LN2_LOW;
        k = 1;
      }
    } else {
      k = (INVERSE_LN2 * x + (negative ? -0.5 : 0.5)) | 0;
      const t = k;
      hi = x - t * LN2_HIGH;
      lo = t * LN2_LOW;
    }
    r = hi - lo;
    c = (hi - r) - lo;
  } else if (hx < 0x3c900000) {
    return x;
  }
  const halfR = 0.5 * r;
  const halfSquare = r * halfR;
  const hs = halfSquare;
  const r1 = 1.0 + hs * (EXPM1_Q1 + hs * (EXPM1_Q2 + hs * (EXPM1_Q3 + hs * (EXPM1_Q4 + hs * EXPM1_Q5))));
  let t = 3.0 - r1 * halfR;
  let e = halfSquare * ((r1 - t) / (6.0 - r * t));
  if (k === 0) return r - (r * e - halfSquare);
  const twoToK = f64FromWords(0x3ff00000 + (k << 20), 0);
  e = r * (e - c) - c;
  e -= halfSquare;
  if (k === -1) return 0.5 * (r - e) - 0.5;
  if (k === 1) {
    if (r < -0.25) return -2.0 * (e - (r + 0.5));
    return 1.0 + 2.0 * (r - e);
  }
  let y: number;
  if (k <= -2 || k > 56) {
    y = 1.0 - (e - r);
    if (k === 1024) y = y * 2.0 * powerOfTwo(1023);
    else y = y * twoToK;
    return y - 1.0;
  }
  if (k < 20) {
    t = f64FromWords(0x3ff00000 - (0x200000 >> k), 0);
    y = t - (e - r);
    return y * twoToK;
  }
  t = f64FromWords((0x3ff - k) << 20, 0);
  y = r - (e + t);
  y += 1.0;
  return y * twoToK;
}

// --- log, log1p, log2, log10 ---------------------------------------------------------------------

// log(1 + f) = 2s + s R(s^2), s = f / (2 + f); R(z) ≈ LOG_1 z + … + LOG_7 z^7.
const LOG_1 = 0.6666666666666735;
const LOG_2 = 0.3999999999940942;
const LOG_3 = 0.2857142874366239;
const LOG_4 = 0.22222198432149784;
const LOG_5 = 0.1818357216161805;
const LOG_6 = 0.15313837699209373;
const LOG_7 = 0.14798198605116586;

export function log(x: number): number {
  let hx = f64High(x);
  const lx = f64Low(x);
  let k = 0;
  let v = x;
  if (hx < 0x00100000) {
    // Zero, subnormal or negative.
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    v *= TWO54;
    hx = f64High(v);
  }
  if (hx >= 0x7ff00000) return v + v;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  // Normalize to [sqrt(2)/2, sqrt(2)): i is 0x100000 when the fraction is above sqrt(2) - 1.
  const i = (hx + 0x95f64) & 0x100000;
  v = withHighWord(v, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const f = v - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20.
    if (f === 0.0) {
      if (k === 0) return 0.0;
      return k * LN2_HIGH + k * LN2_LOW;
    }
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    if (k === 0) return f - r;
    return k * LN2_HIGH - ((r - k * LN2_LOW) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LOG_2 + w * (LOG_4 + w * LOG_6));
  const t2 = z * (LOG_1 + w * (LOG_3 + w * (LOG_5 + w * LOG_7)));
  const r = t2 + t1;
  // Far from 1 (fraction bits outside (0x6147a, 0x6b851)), f*f/2 is split off for accuracy.
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + r));
    return k * LN2_HIGH - ((hfsq - (s * (hfsq + r) + k * LN2_LOW)) - f);
  }
  if (k === 0) return f - s * (f - r);
  return k * LN2_HIGH - ((s * (f - r) - k * LN2_LOW) - f);
}

export function log1p(x: number): number {
  const hx = f64High(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0.0;
  let hu = 0;
  let c = 0.0;
  if (hx < 0x3fda827a) {
    // 1 + x < sqrt(2).
    if (ax >= 0x3ff00000) return x === -1.0 ? -Infinity : NaN;
    if (ax < 0x3e200000) {
      if (ax < 0x3c900000) return x;
      return x - x * x * 0.5;
    }
    if (hx > 0 || ax <= 0x3fd2bec4) {
      // sqrt(2)/2 <= 1 + x < sqrt(2): f = x exactly.
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x;
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1.0 + x;
      hu = f64High(u);
      k = (hu >> 20) - 1023;
      // The rounding error of 1 + x, as a relative correction.
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
      c /= u;
    } else {
      u = x;
      hu = f64High(u);
      k = (hu >> 20) - 1023;
      c = 0.0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u = withHighWord(u, hu | 0x3ff00000);
    } else {
      k += 1;
      u = withHighWord(u, hu | 0x3fe00000);
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1.0;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^-20.
    if (f === 0.0) {
      if (k === 0) return 0.0;
      c += k * LN2_LOW;
      return k * LN2_HIGH + c;
    }
    const r = hfsq * (1.0 - 0.6666666666666666 * f);
    if (k === 0) return f - r;
    return k * LN2_HIGH - ((r - (k * LN2_LOW + c)) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const r = z * (LOG_1 + z * (LOG_2 + z * (LOG_3 + z * (LOG_4 + z * (LOG_5 + z * (LOG_6 + z * LOG_7))))));
  if (k === 0) return f - (hfsq - s * (hfsq + r));
  return k * LN2_HIGH - ((hfsq - (s * (hfsq + r) + (k * LN2_LOW + c))) - f);
}

/** log(1 + f) - f + f*f/2 for 1 + f in [sqrt(2)/2, sqrt(2)] (FreeBSD's k_log1p). */
function logKernel(f: number): number {
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LOG_2 + w * (LOG_4 + w * LOG_6));
  const t2 = z * (LOG_1 + w * (LOG_3 + w * (LOG_5 + w * LOG_7)));
  const r = t2 + t1;
  const hfsq = 0.5 * f * f;
  return s * (hfsq + r);
}

/** 1/ln2 split: INVERSE_LN2_HIGH has 33 bits. */
const INVERSE_LN2_HIGH = 1.4426950407214463;
const INVERSE_LN2_LOW = 1.6751713164886512e-10;

export function log2(x: number): number {
  let hx = f64High(x);
  const lx = f64Low(x);
  let k = 0;
  let v = x;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    v *= TWO54;
    hx = f64High(v);
  }
  if (hx >= 0x7ff00000) return v + v;
  if (hx === 0x3ff00000 && lx === 0) return 0.0;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  v = withHighWord(v, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const y = k;
  const f = v - 1.0;
  const hfsq = 0.5 * f * f;
  const r = logKernel(f);
  // f - hfsq as hi + lo in extra precision, then y + result added with the error kept.
  const hi = upperPart(f - hfsq);
  const lo = (f - hi) - hfsq + r;
  let valueHigh = hi * INVERSE_LN2_HIGH;
  let valueLow = (lo + hi) * INVERSE_LN2_LOW + lo * INVERSE_LN2_HIGH;
  const w = y + valueHigh;
  valueLow += (y - w) + valueHigh;
  valueHigh = w;
  return valueLow + valueHigh;
}

const INVERSE_LN10 = 0.4342944819032518;
/** log10(2) split: LOG10_2_HIGH has 40 bits, so n * LOG10_2_HIGH is exact. */
const LOG10_2_HIGH = 0.30102999566361177;
const LOG10_2_LOW = 3.694239077158931e-13;

export function log10(x: number): number {
  let hx = f64High(x);
  let lx = f64Low(x);
  let k = 0;
  let v = x;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    v *= TWO54;
    hx = f64High(v);
    lx = f64Low(v);
  }
  if (hx >= 0x7ff00000) return v + v;
  if (hx === 0x3ff00000 && lx === 0) return 0.0;
  k += (hx >> 20) - 1023;
  // For a negative exponent, scale into [0.5, 1) rather than [1, 2).
  const i = k < 0 ? 1 : 0;
  hx = (hx & 0x000fffff) | ((0x3ff - i) << 20);
  const y = k + i;
  v = f64FromWords(hx, lx);
  const z = y * LOG10_2_LOW + INVERSE_LN10 * log(v);
  return z + y * LOG10_2_HIGH;
}

// --- sinh, cosh, tanh, asinh, acosh, atanh ------------------------------------------------------

/** The largest |x| whose sinh and cosh are finite. */
const HYPERBOLIC_OVERFLOW = 710.4758600739439;
/** 0x40862E42_00000000: exp(|x|) / 2 may overflow above it. */
const LOG_MAX_DOUBLE = 709.7822265625;
const TWO_MINUS_28 = 3.725290298461914e-9;

export function sinh(x: number): number {
  const h = x < 0 ? -0.5 : 0.5;
  const ax = magnitude(x);
  if (ax < 22) {
    if (ax < TWO_MINUS_28) return x;
    const t = expm1(ax);
    if (ax < 1) return h * (2 * t - t * t / (t + 1));
    return h * (t + t / (t + 1));
  }
  if (ax < LOG_MAX_DOUBLE) return h * exp(ax);
  if (ax <= HYPERBOLIC_OVERFLOW) {
    const w = exp(0.5 * ax);
    const t = h * w;
    return t * w;
  }
  // Overflow, ±Infinity, or NaN.
  return x * 1.0e307;
}

export function cosh(x: number): number {
  const ix = f64High(x) & 0x7fffffff;
  if (ix < 0x3fd62e43) {
    // |x| < ln2 / 2: 1 + expm1(|x|)^2 / (2 exp(|x|)).
    const t = expm1(magnitude(x));
    const w = 1.0 + t;
    if (ix < 0x3c800000) return w;
    return 1.0 + (t * t) / (w + w);
  }
  if (ix < 0x40360000) {
    const t = exp(magnitude(x));
    return 0.5 * t + 0.5 / t;
  }
  if (ix < 0x40862e42) return 0.5 * exp(magnitude(x));
  if (magnitude(x) <= HYPERBOLIC_OVERFLOW) {
    const w = exp(0.5 * magnitude(x));
    const t = 0.5 * w;
    return t * w;
  }
  if (ix >= 0x7ff00000) return x * x;
  return Infinity;
}

export function tanh(x: number): number {
  const jx = f64High(x);
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) {
    if (x !== x) return NaN;
    return jx >= 0 ? 1.0 : -1.0;
  }
  let z: number;
  if (ix < 0x40360000) {
    if (ix < 0x3e300000) return x;
    if (ix >= 0x3ff00000) {
      const t = expm1(2.0 * magnitude(x));
      z = 1.0 - 2.0 / (t + 2.0);
    } else {
      const t = expm1(-2.0 * magnitude(x));
      z = -t / (t + 2.0);
    }
  } else {
    z = 1.0;
  }
  return jx >= 0 ? z : -z;
}

export function asinh(x: number): number {
  const hx = f64High(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) return x + x;
  if (ix < 0x3e300000) return x;
  let w: number;
  if (ix > 0x41b00000) {
    w = log(magnitude(x)) + LN2;
  } else if (ix > 0x40000000) {
    const t = magnitude(x);
    w = log(2.0 * t + 1.0 / (Math.sqrt(x * x + 1.0) + t));
  } else {
    const t = x * x;
    w = log1p(magnitude(x) + t / (1.0 + Math.sqrt(1.0 + t)));
  }
  return hx > 0 ? w : -w;
}

export function acosh(x: number): number {
  const hx = f64High(x);
  if (hx < 0x3ff00000) return NaN;
  if (hx >= 0x41b00000) {
    if (hx >= 0x7ff00000) return x + x;
    return log(x) + LN2;
  }
  if (hx === 0x3ff00000 && f64Low(x) === 0) return 0.0;
  if (hx > 0x40000000) {
    const t = x * x;
    return log(2.0 * x - 1.0 / (x + Math.sqrt(t - 1.0)));
  }
  const t = x - 1.0;
  return log1p(t + Math.sqrt(2.0 * t + t * t));
}

export function atanh(x: number): number {
  const hx = f64High(x);
  const ix = hx & 0x7fffffff;
  // |x| > 1, or NaN.
  if (ix > 0x3ff00000 || (ix === 0x3ff00000 && f64Low(x) !== 0)) return NaN;
  if (ix === 0x3ff00000) return x > 0 ? Infinity : -Infinity;
  if (ix < 0x3e300000) return x;
  const ax = magnitude(x);
  let t: number;
  if (ix < 0x3fe00000) {
    t = ax + ax;
    t = 0.5 * log1p(t + t * ax / (1.0 - ax));
  } else {
    t = 0.5 * log1p((ax + ax) / (1.0 - ax));
  }
  return hx >= 0 ? t : -t;
}

// --- cbrt ----------------------------------------------------------------------------------------

/** Exponent biases for the first estimate: (1023 - 1023/3 - 0.03306235651) * 2^20, and the
 *  same less 54/3 for subnormals scaled by 2^54. */
const CBRT_BIAS = 715094163;
const CBRT_BIAS_SUBNORMAL = 696219795;

// P(r) ≈ 1 / cbrt(r) within 2^-23.5 near 1.
const CBRT_P0 = 1.87595182427177;
const CBRT_P1 = -1.8849797954337717;
const CBRT_P2 = 1.6214297201053545;
const CBRT_P3 = -0.758397934778766;
const CBRT_P4 = 0.14599619288661245;

export function cbrt(x: number): number {
  const high = f64High(x);
  const sign = high & 0x80000000;
  const hx = high & 0x7fffffff;
  if (hx >= 0x7ff00000) return x + x;
  // A 5-bit estimate from dividing the exponent (and fraction) bits by 3.
  let t: number;
  if (hx < 0x00100000) {
    if ((hx | f64Low(x)) === 0) return x;
    const scaled = TWO54 * x;
    t = f64FromWords(sign | (((f64High(scaled) & 0x7fffffff) / 3 | 0) + CBRT_BIAS_SUBNORMAL), 0);
  } else {
    t = f64FromWords(sign | ((hx / 3 | 0) + CBRT_BIAS), 0);
  }
  // 23 bits from a polynomial in t^3 / x.
  let r = (t * t) * (t / x);
  t = t * ((CBRT_P0 + r * (CBRT_P1 + r * CBRT_P2)) + ((r * r) * r) * (CBRT_P3 + r * CBRT_P4));
  // Round t away from zero to 23 bits: add 2^31 to the 64-bit encoding, clear the low 30 bits.
  const low = f64Low(t);
  t = f64FromWords(f64High(t) + (low < 0 ? 1 : 0), (low ^ 0x80000000) & 0xc0000000);
  // One Newton step to 53 bits.
  const s = t * t;
  r = x / s;
  const w = t + t;
  r = (r - t) / (w + r);
  return t + t * r;
}

// --- hypot ---------------------------------------------------------------------------------------

/** Math.hypot(a, b) as V8 computes it: each value divided by the largest, the squares summed
 *  with Kahan's compensation in argument order, the root scaled back. */
export function hypot(a: number, b: number): number {
  const absA = magnitude(a);
  const absB = magnitude(b);
  let max = 0.0;
  if (absA > max) max = absA;
  if (absB > max) max = absB;
  if (max === Infinity) return Infinity;
  if (a !== a || b !== b) return NaN;
  if (max === 0) return 0;
  let sum = 0.0;
  let compensation = 0.0;
  let n = absA / max;
  let summand = n * n - compensation;
  let preliminary = sum + summand;
  compensation = (preliminary - sum) - summand;
  sum = preliminary;
  n = absB / max;
  summand = n * n - compensation;
  preliminary = sum + summand;
  sum = preliminary;
  return Math.sqrt(sum) * max;
}

/** Math.hypot(...values) for any number of values, the same way. */
export function hypotOf(values: number[]): number {
  const count = values.length;
  let max = 0.0;
  let anyNaN = false;
  for (let i = 0; i < count; i++) {
    const value = values[i];
    if (value !== value) anyNaN = true;
    else if (magnitude(value) > max) max = magnitude(value);
  }
  if (max === Infinity) return Infinity;
  if (anyNaN) return NaN;
  if (max === 0) return 0;
  let sum = 0.0;
  let compensation = 0.0;
  for (let i = 0; i < count; i++) {
    const value = values[i];
    // A NaN never gets here; V8 leaves its slot 0 all the same.
    const n = magnitude(value) / max;
    const summand = n * n - compensation;
    const preliminary = sum + summand;
    compensation = (preliminary - sum) - summand;
    sum = preliminary;
  }
  return Math.sqrt(sum) * max;
}

// --- pow -----------------------------------------------------------------------------------------

// log2(x) = n + log2(bp) + (2 / (3 ln2)) (s + s^3 R(s^2)), s = (x - bp) / (x + bp), bp 1 or 1.5.
const POW_L1 = 0.5999999999999946;
const POW_L2 = 0.4285714285785502;
const POW_L3 = 0.33333332981837743;
const POW_L4 = 0.272728123808534;
const POW_L5 = 0.23066074577556175;
const POW_L6 = 0.20697501780033842;
/** log2(1.5) as head (24 bits) and tail. */
const LOG2_OF_1_5_HIGH = 0.5849624872207642;
const LOG2_OF_1_5_LOW = 1.350039202129749e-8;
/** 2 / (3 ln2), whole and split (24-bit head). */
const CP = 0.9617966939259756;
const CP_HIGH = 0.9617967009544373;
const CP_LOW = -7.028461650952758e-9;
/** 1 / ln2 split (24-bit head), for bases within 2^-20 of 1. */
const INVERSE_LN2_24 = 1.4426950216293335;
const INVERSE_LN2_24_TAIL = 1.9259629911266175e-8;
/** ln2 split for 2^(p_h + p_l) (head with 32 significant bits). */
const LN2_32 = 0.6931471824645996;
const LN2_32_TAIL = -1.904654299957768e-9;
/** -(1024 - log2(largest double + ulp/2)): the margin for an exponent of exactly 1024. */
const POW_OVERFLOW_MARGIN = 8.008566259537294e-17;

/** x ** y (Math.pow), fdlibm's e_pow as V8 11.3 runs it. */
export function pow(x: number, y: number): number {
  const hx = f64High(x);
  const lx = f64Low(x);
  const hy = f64High(y);
  const ly = f64Low(y);
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;
  if ((iy | ly) === 0) return 1.0;
  if (x !== x || y !== y) return NaN;

  // For x < 0: 0 when y is not an integer, 1 when it is odd, 2 when it is even.
  let yIsInteger = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) {
      yIsInteger = 2;
    } else if (iy >= 0x3ff00000) {
      const e = (iy >> 20) - 0x3ff;
      if (e > 20) {
        const j = ly >>> (52 - e);
        if ((j << (52 - e)) === ly) yIsInteger = 2 - (j & 1);
      } else if (ly === 0) {
        const j = iy >> (20 - e);
        if ((j << (20 - e)) === iy) yIsInteger = 2 - (j & 1);
      }
    }
  }

  if (ly === 0) {
    if (iy === 0x7ff00000) {
      // y is ±Infinity.
      if (((ix - 0x3ff00000) | lx) === 0) return NaN;
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0.0;
      return hy < 0 ? -y : 0.0;
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1.0 / x : x;
    if (hy === 0x40000000) return x * x;
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x);
  }

  let ax = magnitude(x);
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    // x is ±0, ±Infinity or ±1.
    let z = ax;
    if (hy < 0) z = 1.0 / z;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yIsInteger) === 0) z = NaN;
      else if (yIsInteger === 1) z = -z;
    }
    return z;
  }

  const xIsNegative = hx < 0;
  if (xIsNegative && yIsInteger === 0) return NaN;
  const sign = xIsNegative && yIsInteger === 1 ? -1.0 : 1.0;

  // log2(|x|) as t1 + t2, t1 with its low word cleared.
  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2^31: overflows or underflows unless |x| is within 2^-20 of 1.
    if (iy > 0x43f00000) {
      if (ix <= 0x3fefffff) return hy < 0 ? Infinity : 0.0;
      if (ix >= 0x3ff00000) return hy > 0 ? Infinity : 0.0;
    }
    if (ix < 0x3fefffff) return hy < 0 ? sign * Infinity : sign * 0.0;
    if (ix > 0x3ff00000) return hy > 0 ? sign * Infinity : sign * 0.0;
    // log(1 + t) = t - t^2/2 + t^3/3 - t^4/4.
    const t = ax - 1.0;
    const w = (t * t) * (0.5 - t * (0.3333333333333333 - t * 0.25));
    const u = INVERSE_LN2_24 * t;
    const v = t * INVERSE_LN2_24_TAIL - w * INVERSE_LN2;
    t1 = upperPart(u + v);
    t2 = v - (t1 - u);
  } else {
    let n = 0;
    if (ix < 0x00100000) {
      ax *= TWO53;
      n -= 53;
      ix = f64High(ax);
    }
    n += (ix >> 20) - 0x3ff;
    const j = ix & 0x000fffff;
    // Fraction in [1, sqrt(3/2)) → bp = 1; [sqrt(3/2), sqrt(3)) → bp = 1.5; else halve.
    ix = j | 0x3ff00000;
    let k = 0;
    if (j <= 0x3988e) {
      k = 0;
    } else if (j < 0xbb67a) {
      k = 1;
    } else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax = withHighWord(ax, ix);
    const bp = k === 1 ? 1.5 : 1.0;
    const dpHigh = k === 1 ? LOG2_OF_1_5_HIGH : 0.0;
    const dpLow = k === 1 ? LOG2_OF_1_5_LOW : 0.0;

    // ss = s_h + s_l = (ax - bp) / (ax + bp).
    let u = ax - bp;
    let v = 1.0 / (ax + bp);
    const ss = u * v;
    const sHigh = upperPart(ss);
    // ax + bp with its low word cleared, built from the bits directly.
    let tHigh = f64FromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0);
    let tLow = ax - (tHigh - bp);
    const sLow = v * ((u - sHigh * tHigh) - sHigh * tLow);
    let s2 = ss * ss;
    let r = s2 * s2 * (POW_L1 + s2 * (POW_L2 + s2 * (POW_L3 + s2 * (POW_L4 + s2 * (POW_L5 + s2 * POW_L6)))));
    r += sLow * (sHigh + ss);
    s2 = sHigh * sHigh;
    tHigh = upperPart(3.0 + s2 + r);
    tLow = r - ((tHigh - 3.0) - s2);
    // u + v = ss * (1 + …).
    u = sHigh * tHigh;
    v = sLow * tHigh + tLow * ss;
    const seriesHigh = upperPart(u + v);
    const seriesLow = v - (seriesHigh - u);
    // Times 2 / (3 ln2): log2(ax) = n + dpHigh + zHigh + zLow.
    const zHigh = CP_HIGH * seriesHigh;
    const zLow = CP_LOW * seriesHigh + seriesLow * CP + dpLow;
    const exponent = n;
    t1 = upperPart(((zHigh + zLow) + dpHigh) + exponent);
    t2 = zLow - (((t1 - exponent) - dpHigh) - zHigh);
  }

  // y * log2(x) = (y1 + y2) * (t1 + t2) as pHigh + pLow.
  const y1 = upperPart(y);
  const pLow = (y - y1) * t1 + y * t2;
  let pHigh = y1 * t1;
  let z = pLow + pHigh;
  const j = f64High(z);
  if (z >= 1024) {
    if (z !== 1024 || pLow + POW_OVERFLOW_MARGIN > z - pHigh) return sign * Infinity;
  } else if (z <= -1075) {
    if (z !== -1075 || pLow <= z - pHigh) return sign * 0.0;
  }

  // 2^(pHigh + pLow) = 2^n * 2^r with |r| <= 1/2.
  const i = j & 0x7fffffff;
  let k = (i >> 20) - 0x3ff;
  let n = 0;
  if (i > 0x3fe00000) {
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const integerPart = f64FromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pHigh -= integerPart;
  }
  const t = upperPart(pLow + pHigh);
  const u = t * LN2_32;
  const v = (pLow - (t - pHigh)) * LN2 + t * LN2_32_TAIL;
  z = u + v;
  const w = v - (z - u);
  const zz = z * z;
  const c = z - zz * (EXP_P1 + zz * (EXP_P2 + zz * (EXP_P3 + zz * (EXP_P4 + zz * EXP_P5))));
  const r = (z * c) / ((c - 2.0) - (w + z * w));
  z = 1.0 - (r - z);
  const scaledHigh = f64High(z) + (n << 20);
  if ((scaledHigh >> 20) <= 0) z = scaleByPowerOfTwo(z, n);
  else z = withHighWord(z, scaledHigh);
  return sign * z;
}

