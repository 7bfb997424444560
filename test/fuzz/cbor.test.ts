// Fuzzing mote/cbor's decoder (sdk/lib/cbor/decode.ts) on the host port: random bytes, valid
// encodings as they are and mutated (bytes flipped, inserted, deleted, cut, lengths made huge, breaks spliced
// in) and random runs of heads. Every input must decode or throw a CborError: no other
// exception, no hang, and nothing decoded that is far larger than the input (a declared length
// is checked against the input before anything is allocated).
//
// The seed is fixed so that a run can be repeated; MOTE_FUZZ_SEED=<n> runs another. A failure
// prints the seed, the input's number and its hex.

import { describe, expect, it, vi } from "vitest";

// As the host port bundles it: Node's intrinsics, and the Node counterpart of the runtime module.
vi.mock("mote/intrinsics", () => import("../../ports/host/intrinsics.ts"));
vi.mock("../../sdk/lib/rt/latin1.ts", () => import("../../ports/host/rt/latin1.ts"));

import { CborError, decode, encode } from "../../sdk/lib/cbor.ts";
import { mulberry32 } from "../unit/mulberry32.ts";
import { hex, valueGenerator } from "../unit/cbor-values.ts";

const DEFAULT_SEED = 0x5eed_cb0f;
const SEED = process.env.MOTE_FUZZ_SEED === undefined ? DEFAULT_SEED : Number(process.env.MOTE_FUZZ_SEED);
const INPUTS = 120_000;
/** Decoded size (array slots, map entries, string and byte-string lengths) per input byte. */
const SIZE_PER_BYTE = 2;
/** No input may take longer to decode than this (a hang would be far longer; a loaded CI
 *  machine with a garbage collection in the middle was seen at 100 ms). */
const SLOWEST_MS = 1000;

/** Heads whose arguments are interesting: the boundaries of each width and huge lengths. */
const ARGUMENTS = [0, 1, 23, 24, 255, 256, 65535, 65536, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1];

function inputs(seed: number): () => Uint8Array {
  const next = mulberry32(seed);
  const below = (n: number) => next() % n;
  const generate = valueGenerator(seed ^ 0x9e3779b9);
  const randomBytes = () => Uint8Array.from({ length: below(48) }, () => next() & 0xff);
  const head = (): number[] => {
    const major = below(8) << 5;
    if (below(8) === 0) return [major | (24 + below(8))]; // 24 to 31, reserved ones too
    const n = ARGUMENTS[below(ARGUMENTS.length)];
    if (n < 24) return [major | n];
    if (n < 0x100) return [major | 24, n];
    if (n < 0x10000) return [major | 25, n >> 8, n & 0xff];
    if (below(2) === 0) return [major | 27, 0, 0, 0, below(2) ? 0 : 0xff, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
    return [major | 26, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  };
  const heads = () => {
    const out: number[] = [];
    const count = 1 + below(12);
    for (let i = 0; i < count; i++) out.push(...(below(6) === 0 ? [0xff] : head()), ...(below(3) === 0 ? [next() & 0xff] : []));
    return Uint8Array.from(out);
  };
  const mutated = () => {
    const bytes = Array.from(encode(generate()));
    const edits = 1 + below(4);
    for (let e = 0; e < edits && bytes.length > 0; e++) {
      const at = below(bytes.length);
      switch (below(6)) {
        case 0: bytes[at] ^= 1 << below(8); break;
        case 1: bytes[at] = next() & 0xff; break;
        case 2: bytes.splice(at, 0, ...head()); break;
        case 3: bytes.splice(at, 1 + below(4)); break;
        case 4: bytes.length = at; break;
        default: bytes.splice(at, 0, below(2) ? 0xff : 0x9f | (below(4) << 5)); break;
      }
    }
    return Uint8Array.from(bytes);
  };
  return () => {
    const kind = below(10);
    return kind < 2 ? randomBytes() : kind < 4 ? heads() : kind === 4 ? encode(generate()) : mutated();
  };
}

/** How much a decoded value holds: one per array slot and map entry, strings and bytes by length. */
function decodedSize(value: unknown): number {
  if (typeof value === "string") return value.length;
  if (value instanceof Uint8Array) return value.length;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + 1 + decodedSize(item), 0);
  if (value !== null && typeof value === "object") {
    if ("tag" in value && "value" in value) return 1 + decodedSize((value as { value: unknown }).value);
    return Object.values(value).reduce((sum: number, item) => sum + 1 + decodedSize(item), 0);
  }
  return 0;
}

describe("fuzzing the CBOR decoder", () => {
  it(`${INPUTS} random and mutated inputs (seed ${SEED}): a value or a CborError, bounded in time and size`, () => {
    const next = inputs(SEED);
    let decoded = 0, refused = 0, slowest = 0;
    for (let i = 0; i < INPUTS; i++) {
      const input = next();
      const where = () => `MOTE_FUZZ_SEED=${SEED}, input ${i}: ${hex(input)}`;
      const started = performance.now();
      let value: unknown;
      try {
        value = decode(input);
        decoded++;
      } catch (error) {
        if (!(error instanceof CborError)) {
          throw new Error(`not a CborError: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} (${where()})`);
        }
        if (!/ at offset \d+$/.test(error.message)) throw new Error(`no offset in "${error.message}" (${where()})`);
        refused++;
      }
      const took = performance.now() - started;
      const size = decodedSize(value);
      if (size > SIZE_PER_BYTE * input.length + 8) throw new Error(`decoded ${size} from ${input.length} bytes (${where()})`);
      if (took > slowest) slowest = took;
      if (took > SLOWEST_MS) throw new Error(`decoding took ${took.toFixed(0)} ms (${where()})`);
    }
    console.log(`cbor fuzz: seed ${SEED}, ${decoded} decoded, ${refused} refused, slowest ${slowest.toFixed(1)} ms`);
    expect(decoded).toBeGreaterThan(INPUTS / 10);
    expect(refused).toBeGreaterThan(INPUTS / 10);
  });
});
