// The SMP serial transport: how an SMP packet travels over a console UART as text lines that
// never look like console output. Source: Zephyr doc/services/device_mgmt/smp_transport.rst
// ("SMP over console"; the same framing as mynewt's NLIP, shell_nlip.c).
//
// A packet becomes the byte string  length (u16 BE, = packet + 2)  packet  CRC-16/XMODEM of
// the packet (u16 BE), which is base64-encoded and cut into lines:
//   first line          0x06 0x09 <base64> 0x0A
//   continuation lines  0x04 0x14 <base64> 0x0A
// "This 127-byte maximum applies to the entire frame, including header, CRC, and terminating
// newline": a line is at most 127 bytes counting its 2 marker bytes and the newline, so at most
// 124 base64 characters — 93 raw bytes, a multiple of 3, so only the last line has padding.
// Each line's base64 decodes on its own (Zephyr's decoder does it line by line).
//
// The decoder takes the device's output in pieces of any size, passes console text through,
// and yields whole packets. A damaged frame (bad base64, bad CRC, a length that does not add
// up, a continuation without a start, an overlong line) is dropped and counted, never thrown:
// the link stays usable and the caller's retry fixes the rest.

// The CRC is the device's own code (device TypeScript that runs on Node unchanged), shared
// with mote's link frames, so both ends compute it the same way.
import { crc16 } from "../../sdk/lib/link/crc16.ts";

import {
  CONTINUATION_MARKER_1, CONTINUATION_MARKER_2, FIRST_LINE_MARKER_1, FIRST_LINE_MARKER_2, MAX_LINE_LENGTH as DEVICE_MAX_LINE_LENGTH,
} from "../../sdk/lib/smp/serial-transport.ts";

// The markers and the line limit are the device's (sdk/lib/smp/serial-transport.ts).
export const FRAME_START = Uint8Array.of(FIRST_LINE_MARKER_1, FIRST_LINE_MARKER_2);
export const FRAME_CONTINUATION = Uint8Array.of(CONTINUATION_MARKER_1, CONTINUATION_MARKER_2);
const NEWLINE = 0x0a;
/** The longest line the transport allows, marker and newline included. */
export const MAX_LINE_LENGTH = DEVICE_MAX_LINE_LENGTH;
/** The largest packet the u16 length field can describe (it counts the CRC too). */
export const MAX_PACKET_LENGTH = 0xffff - 2;

/** Raw bytes per line for a line limit: whole base64 quanta (4 chars for 3 bytes). */
function rawBytesPerLine(maxLineLength: number): number {
  return Math.floor((maxLineLength - 3) / 4) * 3;
}

/** The lines that carry `packet` (an SMP header + body), concatenated. */
export function encodeSerialFrame(packet: Uint8Array, maxLineLength = MAX_LINE_LENGTH): Uint8Array {
  if (packet.length > MAX_PACKET_LENGTH) throw new RangeError(`an SMP packet over serial holds at most ${MAX_PACKET_LENGTH} bytes, got ${packet.length}`);
  const perLine = rawBytesPerLine(maxLineLength);
  if (perLine <= 0) throw new RangeError(`a line of ${maxLineLength} bytes cannot carry any data`);
  const raw = new Uint8Array(packet.length + 4);
  const view = new DataView(raw.buffer);
  view.setUint16(0, packet.length + 2);
  raw.set(packet, 2);
  view.setUint16(raw.length - 2, crc16(packet, 0, packet.length));
  const lines: Uint8Array[] = [];
  for (let at = 0; at < raw.length; at += perLine) {
    const text = Buffer.from(raw.subarray(at, at + perLine)).toString("base64");
    const line = new Uint8Array(text.length + 3);
    line.set(at === 0 ? FRAME_START : FRAME_CONTINUATION, 0);
    for (let i = 0; i < text.length; i++) line[2 + i] = text.charCodeAt(i);
    line[line.length - 1] = NEWLINE;
    lines.push(line);
  }
  const out = new Uint8Array(lines.reduce((n, l) => n + l.length, 0));
  let at = 0;
  for (const line of lines) {
    out.set(line, at);
    at += line.length;
  }
  return out;
}

/** What the decoder dropped, by reason, and what it delivered. */
export interface SerialDecoderCounters {
  packets: number;
  badBase64: number;
  badCrc: number;
  /** The length field disagrees with the bytes that came (too many, or a new start first). */
  badLength: number;
  /** A continuation line with no packet in progress. */
  orphanContinuation: number;
  /** An SMP line longer than the transport allows. */
  oversizedLine: number;
  /** An SMP line cut short by the start of another one. */
  interruptedLine: number;
}

export interface SerialDecoderOptions {
  /** Console text (everything that is not an SMP line), with its newlines, as it arrives. */
  onConsole?: (bytes: Uint8Array) => void;
  /** Default 127 (the transport's limit); SMP lines longer than this are dropped. */
  maxLineLength?: number;
  /** Console text is passed on once this much is buffered without a newline (default 256). */
  consoleFlushLength?: number;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function isMarker(a: number, b: number): boolean {
  return (a === FRAME_START[0] && b === FRAME_START[1]) || (a === FRAME_CONTINUATION[0] && b === FRAME_CONTINUATION[1]);
}

/** Splits a device's output into console text and SMP packets. */
export class SerialFrameDecoder {
  readonly counters: SerialDecoderCounters = { packets: 0, badBase64: 0, badCrc: 0, badLength: 0, orphanContinuation: 0, oversizedLine: 0, interruptedLine: 0 };
  private line: number[] = [];
  /** Skipping the rest of an overlong SMP line, up to its newline. */
  private discarding = false;
  private discardedLast = -1;
  private partial: { expected: number; bytes: number[] } | undefined;
  private readonly maxLineLength: number;
  private readonly consoleFlushLength: number;

  constructor(private readonly options: SerialDecoderOptions = {}) {
    this.maxLineLength = options.maxLineLength ?? MAX_LINE_LENGTH;
    this.consoleFlushLength = options.consoleFlushLength ?? 256;
  }

  /** Feeds bytes as they arrive; returns the packets they complete (often none). */
  push(chunk: Uint8Array): Uint8Array[] {
    const packets: Uint8Array[] = [];
    for (const byte of chunk) {
      if (this.discarding) {
        // Up to the newline, or a frame that starts without one.
        const previous = this.discardedLast;
        this.discardedLast = byte;
        if (byte === NEWLINE) this.discarding = false;
        else if (isMarker(previous, byte)) {
          this.discarding = false;
          this.line = [previous, byte];
        }
        continue;
      }
      this.line.push(byte);
      if (byte === NEWLINE) {
        this.takeLine(packets);
        continue;
      }
      const n = this.line.length;
      if (n > 2 && this.endsWithMarker()) {
        // A frame begins mid-line: after console text without a newline (which goes out
        // first), or inside an SMP line that was cut short (which is dropped).
        const before = this.line.splice(0, n - 2);
        if (this.isSmpLine(before)) {
          this.counters.interruptedLine++;
          this.partial = undefined;
        } else {
          this.emitConsole(before);
        }
      } else if (this.isSmpLine(this.line)) {
        if (n >= this.maxLineLength) { // no room left for the newline
          this.counters.oversizedLine++;
          this.partial = undefined;
          this.line = [];
          this.discarding = true;
          this.discardedLast = -1;
        }
      } else if (n >= this.consoleFlushLength) {
        this.emitConsole(this.line.splice(0, n - 1)); // the last byte may begin a marker
      }
    }
    return packets;
  }

  private endsWithMarker(): boolean {
    const n = this.line.length;
    return isMarker(this.line[n - 2], this.line[n - 1]);
  }

  private isSmpLine(line: number[]): boolean {
    const [a, b] = line;
    return (a === FRAME_START[0] && (b === undefined || b === FRAME_START[1])) || (a === FRAME_CONTINUATION[0] && (b === undefined || b === FRAME_CONTINUATION[1]));
  }

  private takeLine(packets: Uint8Array[]): void {
    const line = this.line;
    this.line = [];
    const first = line[0] === FRAME_START[0] && line[1] === FRAME_START[1];
    const continuation = line[0] === FRAME_CONTINUATION[0] && line[1] === FRAME_CONTINUATION[1];
    if (!first && !continuation) {
      this.emitConsole(line);
      return;
    }
    let end = line.length - 1;
    if (line[end - 1] === 0x0d) end--; // a terminal may add CR
    const text = String.fromCharCode(...line.slice(2, end));
    if (text.length % 4 !== 0 || !BASE64.test(text)) {
      this.counters.badBase64++;
      this.partial = undefined;
      return;
    }
    const data = Buffer.from(text, "base64");
    if (first) {
      if (this.partial) this.counters.badLength++; // the previous packet never completed
      if (data.length < 2) {
        this.counters.badLength++;
        this.partial = undefined;
        return;
      }
      this.partial = { expected: data.readUInt16BE(0), bytes: [...data.subarray(2)] };
    } else {
      if (!this.partial) {
        this.counters.orphanContinuation++;
        return;
      }
      this.partial.bytes.push(...data);
    }
    const { expected, bytes } = this.partial;
    if (bytes.length < expected) return;
    this.partial = undefined;
    if (bytes.length > expected || expected < 2) {
      this.counters.badLength++;
      return;
    }
    const packet = Uint8Array.from(bytes.slice(0, -2));
    const crc = (bytes[bytes.length - 2] << 8) | bytes[bytes.length - 1];
    if (crc16(packet, 0, packet.length) !== crc) {
      this.counters.badCrc++;
      return;
    }
    this.counters.packets++;
    packets.push(packet);
  }

  private emitConsole(bytes: number[]): void {
    if (bytes.length > 0) this.options.onConsole?.(Uint8Array.from(bytes));
  }
}
