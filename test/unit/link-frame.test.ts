// mote's link frames (sdk/lib/link/frame.ts): the encoder and the reader both ends use, on
// streams mixed with console text, cut into pieces, cut short and corrupted.

import { describe, expect, it } from "vitest";
import { crc16 } from "../../sdk/lib/link/crc16.ts";
import { FRAME_END, FRAME_START, Frame, FrameReader, MAX_PAYLOAD, encodeFrame, maxEncodedBody } from "../../sdk/lib/link/frame.ts";
import { mulberry32 } from "./mulberry32.ts";

/** A seeded generator of numbers in [0, 1). */
function uniform(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 2 ** 32;
}

const text = (s: string) => new TextEncoder().encode(s);

/** Reads `stream` in pieces of random sizes; returns frames and text in order. */
function read(stream: Uint8Array, random = uniform(1)) {
  const events: Array<{ frame: Frame } | { text: string }> = [];
  const reader = new FrameReader(
    (frame) => events.push({ frame }),
    (bytes) => {
      const last = events[events.length - 1];
      if (last && "text" in last) last.text += Buffer.from(bytes).toString("latin1");
      else events.push({ text: Buffer.from(bytes).toString("latin1") });
    },
  );
  for (let at = 0; at < stream.length;) {
    const n = 1 + Math.floor(random() * 40);
    reader.push(stream.subarray(at, at + n));
    at += n;
  }
  return { events, reader };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts));
}

describe("link frames", () => {
  it("checks with CRC-16/XMODEM (crc of '123456789' is 0x31C3)", () => {
    const bytes = text("123456789");
    expect(crc16(bytes, 0, bytes.length)).toBe(0x31c3);
  });

  it("never carry a zero inside, start with 0x1E and end with the only zero", () => {
    const random = uniform(7);
    for (let n = 0; n <= 700; n += 1 + Math.floor(random() * 9)) {
      const payload = Uint8Array.from({ length: n }, () => (random() < 0.3 ? 0 : Math.floor(random() * 256)));
      const frame = encodeFrame(1, payload);
      expect(frame[0]).toBe(FRAME_START);
      expect(frame.indexOf(FRAME_END)).toBe(frame.length - 1);
      expect(frame.length).toBeLessThanOrEqual(maxEncodedBody(n) + 2);
    }
  });

  it("read back what was sent, between console text, in pieces of any size", () => {
    const random = uniform(3);
    const payloads = [0, 1, 2, 253, 254, 255, 256, 508, MAX_PAYLOAD].map((n) =>
      Uint8Array.from({ length: n }, (_, i) => (i % 254 === 0 ? 0 : Math.floor(random() * 256))));
    payloads.push(new Uint8Array(300).fill(0xff), new Uint8Array(300));
    const stream = concat(...payloads.flatMap((p, i) => [text(`line ${i}\n`), encodeFrame(i % 3, p)]), text("end\n"));
    const { events, reader } = read(stream, random);
    expect(reader.corrupt).toBe(0);
    const frames = events.filter((e) => "frame" in e).map((e) => (e as { frame: Frame }).frame);
    expect(frames.map((f) => [f.channel, Buffer.from(f.payload).toString("hex")]))
      .toEqual(payloads.map((p, i) => [i % 3, Buffer.from(p).toString("hex")]));
    expect(events.filter((e) => "text" in e).map((e) => (e as { text: string }).text).join(""))
      .toBe(payloads.map((_, i) => `line ${i}\n`).join("") + "end\n");
  });

  it("drop a frame cut short and keep the next one (a device reset mid-frame)", () => {
    const first = encodeFrame(1, text("the first payload, cut short"));
    const second = encodeFrame(1, text("the second payload"));
    const { events, reader } = read(concat(first.subarray(0, 12), text("booted\n"), second, text("after\n")));
    expect(reader.corrupt).toBe(1);
    expect(events.map((e) => ("frame" in e ? Buffer.from(e.frame.payload).toString() : e.text))).toEqual(["the second payload", "after\n"]);
  });

  it("drop a corrupted frame, counted, and keep the text after it", () => {
    const frame = encodeFrame(1, text("payload"));
    frame[5] ^= 0x40;
    const { events, reader } = read(concat(text("a\n"), frame, text("b\n"), encodeFrame(2, text("ok"))));
    expect(reader.corrupt).toBe(1);
    expect(events.map((e) => ("frame" in e ? `${e.frame.channel}:${Buffer.from(e.frame.payload)}` : e.text))).toEqual(["a\nb\n", "2:ok"]);
  });

  it("give up on a start byte that no frame follows, within the longest frame", () => {
    const stray = concat(text("x\x1ey"), new Uint8Array(maxEncodedBody(MAX_PAYLOAD) + 10).fill(0x41), text("\n"));
    const { events, reader } = read(concat(stray, encodeFrame(1, text("ok"))));
    expect(reader.corrupt).toBe(1);
    expect(events.some((e) => "frame" in e && Buffer.from(e.frame.payload).toString() === "ok")).toBe(true);
  });

  it("survive 100,000 random and mutated streams without throwing", () => {
    const seed = Number(process.env.MOTE_FUZZ_SEED ?? 20261207);
    const random = uniform(seed);
    const good = encodeFrame(1, text("reading 23.5"));
    let frames = 0;
    for (let run = 0; run < 100_000; run++) {
      const bytes = random() < 0.5
        ? Uint8Array.from({ length: Math.floor(random() * 64) }, () => (random() < 0.1 ? FRAME_START : random() < 0.1 ? 0 : Math.floor(random() * 256)))
        : Uint8Array.from(good, (b) => (random() < 0.05 ? Math.floor(random() * 256) : b));
      const reader = new FrameReader(() => frames++, () => {});
      try {
        reader.push(bytes);
      } catch (error) {
        throw new Error(`seed ${seed} run ${run} input ${Buffer.from(bytes).toString("hex")}: ${(error as Error).message}`);
      }
    }
    expect(frames).toBeGreaterThan(0);
  });
});
