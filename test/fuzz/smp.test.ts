// Fuzzing the device's SMP frame reader and request parser (sdk/lib/smp: serial-transport.ts,
// server.ts and the OS and statistics groups) on the host port (issue 10, "Bad input"): at
// least 100,000 inputs per run — random bytes, random text with markers, and real requests
// framed by the host's encoder then mutated (bits flipped, bytes replaced, inserted, deleted,
// lines cut, lengths changed, CBOR bodies replaced by random or mutated CBOR) — each fed in
// random pieces to a fresh reader and server. Nothing may throw out of the reader; every
// answer must be a well-formed frame the host's decoder reads, holding a CBOR map; no input
// may take longer than SLOWEST_MS; every frame the reader takes is answered or counted.
// Seeded: MOTE_FUZZ_SEED overrides the fixed default, and a failure prints the seed, the
// input's index and its bytes, so it replays exactly.

import { describe, expect, it, vi } from "vitest";

vi.mock("mote/intrinsics", () => import("../../ports/host/intrinsics.ts"));
vi.mock("../../sdk/lib/rt/latin1.ts", () => import("../../ports/host/rt/latin1.ts"));

import { encode } from "cbor-x";
import { SerialFrameReader } from "../../sdk/lib/smp/serial-transport.ts";
import { SmpServer } from "../../sdk/lib/smp/server.ts";
import { DeviceIdentity, OsGroup } from "../../sdk/lib/smp/os-group.ts";
import { SmpStats, StatsGroup } from "../../sdk/lib/smp/stats-group.ts";
import { decodeBody, decodePacket, encodeBody, encodePacket, encodeSerialFrame, SerialFrameDecoder } from "../../flash-tool/smp/index.ts";
import { mulberry32 } from "../unit/mulberry32.ts";
import { valueGenerator } from "../unit/cbor-values.ts";

const SEED = Number(process.env.MOTE_FUZZ_SEED ?? 0x736d7030) >>> 0;
const INPUTS = 100_000;
const BUFFER_SIZE = 256;
const SLOWEST_MS = 1000;

/** Requests a client sends: [op, group, command, body]. */
const REQUESTS: Array<[number, number, number, Record<string, unknown>]> = [
  [2, 0, 0, { d: "hello" }], [0, 0, 0, { d: "" }], [2, 0, 0, { d: "ü😀".repeat(20) }], [0, 0, 6, {}], [0, 0, 7, {}],
  [0, 0, 7, { format: "a" }], [0, 0, 7, { format: "snrv" }], [0, 2, 1, {}], [0, 2, 0, { name: "smp" }], [0, 2, 0, { name: "x" }],
  [0, 0, 2, {}], [0, 1, 0, {}], [2, 1, 1, { off: 0, len: 100, sha: new Uint8Array(32), data: new Uint8Array(60) }],
  [0, 64, 0, {}], [2, 0, 5, {}], [0, 0, 8, { query: "mode" }],
];

function input(index: number): { bytes: Uint8Array; next: () => number } {
  const next = mulberry32((SEED ^ Math.imul(index, 0x9e3779b1)) >>> 0);
  const below = (n: number) => next() % n;
  const kind = index % 8;
  if (kind === 0) return { bytes: Uint8Array.from({ length: below(200) }, () => next() & 0xff), next };
  if (kind === 1) {
    // Base64 text, newlines and markers in random order.
    const alphabet = [0x06, 0x09, 0x04, 0x14, 0x0a, 0x0d, 0x3d, ...Buffer.from("ABCDEFabcdef0189+/")];
    return { bytes: Uint8Array.from({ length: below(400) }, () => alphabet[below(alphabet.length)]), next };
  }
  const parts: number[] = [];
  for (let n = 1 + below(3); n > 0; n--) {
    const [op, group, command, body] = REQUESTS[below(REQUESTS.length)];
    let bodyBytes: Uint8Array = encodeBody(body);
    if (kind === 2) bodyBytes = new Uint8Array(encode(valueGenerator(next())(0)));
    if (kind === 3) bodyBytes = Uint8Array.from({ length: below(40) }, () => next() & 0xff);
    if (kind === 4 && bodyBytes.length > 0) bodyBytes = bodyBytes.slice(0, below(bodyBytes.length));
    const packet = encodePacket({ version: below(8) === 0 ? below(4) : below(2), op: below(5) === 0 ? below(8) : op, group, command, sequence: below(256) }, bodyBytes);
    if (kind === 5) packet[2 + below(2)] = next() & 0xff; // the header's length disagrees
    if (packet.length > 0xfffd) continue;
    parts.push(...encodeSerialFrame(packet));
    if (below(3) === 0) parts.push(...Buffer.from("console text\n"));
  }
  if (kind >= 6) {
    for (let n = 1 + below(4); n > 0; n--) {
      const at = parts.length === 0 ? 0 : below(parts.length);
      switch (below(7)) {
        case 0: parts[at] ^= 1 << below(8); break;
        case 1: parts[at] = next() & 0xff; break;
        case 2: parts.splice(at, 1 + below(8)); break;
        case 3: parts.splice(at, 0, ...Array.from({ length: 1 + below(8) }, () => next() & 0xff)); break;
        case 4: parts.length = at; break;
        case 5: parts.splice(at, 0, [0x06, 0x09, 0x04, 0x14, 0x0a][below(5)]); break;
        case 6: parts.splice(at, 0, ...new Array(100 + below(100)).fill(0x41)); break;
      }
    }
  }
  return { bytes: Uint8Array.from(parts), next };
}

function failure(index: number, bytes: Uint8Array, error: unknown): Error {
  return new Error(`fuzz input ${index} of seed ${SEED} (MOTE_FUZZ_SEED=${SEED}): ${Buffer.from(bytes).toString("hex")}\n${error instanceof Error ? error.stack : String(error)}`);
}

describe(`the device's SMP reader and server under fuzzing (MOTE_FUZZ_SEED=${SEED})`, () => {
  it(`${INPUTS} random and mutated streams: no exception, every answer a well-formed frame`, () => {
    // The reset command's timer runs at once (the server resets after its answer is out).
    vi.useFakeTimers();
    const started = performance.now();
    const totals = { frames: 0, badCrc: 0, badBase64: 0, oversize: 0, broken: 0, answers: 0, errors: 0, dropped: 0, resets: 0 };
    let slowest = 0;
    for (let index = 0; index < INPUTS; index++) {
      const { bytes, next } = input(index);
      const sent: Uint8Array[] = [];
      const server = new SmpServer((frame) => sent.push(frame));
      const reader = new SerialFrameReader((packet) => server.receive(packet), BUFFER_SIZE);
      server.register(0, new OsGroup(new DeviceIdentity("fuzz-device", "1.0.0", "fuzz"), BUFFER_SIZE, () => { totals.resets++; }));
      server.register(2, new StatsGroup([new SmpStats(reader, server)]));
      const begun = performance.now();
      try {
        for (let at = 0; at < bytes.length;) {
          const end = Math.min(bytes.length, at + 1 + (next() % 64));
          reader.push(bytes.slice(at, end));
          at = end;
        }
      } catch (error) {
        throw failure(index, bytes, error);
      }
      vi.runAllTimers();
      const took = performance.now() - begun;
      slowest = Math.max(slowest, took);
      if (took > SLOWEST_MS) throw failure(index, bytes, `took ${took.toFixed(0)} ms`);
      // Every frame taken was answered or dropped as no request; every answer reads back.
      if (reader.frames !== server.requests + server.dropped) throw failure(index, bytes, `${reader.frames} frames, ${server.requests} answered, ${server.dropped} dropped`);
      const decoder = new SerialFrameDecoder();
      const packets = sent.flatMap((frame) => decoder.push(frame));
      if (packets.length !== sent.length) throw failure(index, bytes, `an answer the host cannot read: ${sent.map((f) => Buffer.from(f).toString("hex")).join(" ")}`);
      for (const packet of packets) {
        try {
          const { header, body } = decodePacket(packet);
          if (header.op !== 1 && header.op !== 3) throw new Error(`answer op ${header.op}`);
          decodeBody(body);
        } catch (error) {
          throw failure(index, bytes, error);
        }
      }
      totals.frames += reader.frames;
      totals.badCrc += reader.badCrc;
      totals.badBase64 += reader.badBase64;
      totals.oversize += reader.oversize;
      totals.broken += reader.broken;
      totals.answers += sent.length;
      totals.errors += server.errors;
      totals.dropped += server.dropped;
    }
    vi.useRealTimers();
    const seconds = (performance.now() - started) / 1000;
    console.log(`smp fuzz: ${INPUTS} inputs in ${seconds.toFixed(1)} s (slowest ${slowest.toFixed(1)} ms): ${JSON.stringify(totals)}`);
    // Every outcome occurred, so the inputs reach every path.
    for (const [key, count] of Object.entries(totals)) expect(count, key).toBeGreaterThan(0);
    expect(totals.answers - totals.errors).toBeGreaterThan(1000);
  }, 600_000);
});
