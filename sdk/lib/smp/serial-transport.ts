// SMP's serial transport on the device: how packets travel in text lines on the console UART
// (Zephyr doc/services/device_mgmt/smp_transport.rst, "SMP over console"; PROTOCOLS.md "SMP").
//
// A packet (header + CBOR body) becomes the bytes  length (u16 BE, packet + 2)  packet
// CRC-16/XMODEM of the packet (u16 BE), base64-encoded and cut into lines of at most 127
// bytes counting the marker and the newline:
//   first line          0x06 0x09 <base64> 0x0A
//   continuation lines  0x04 0x14 <base64> 0x0A
// 124 base64 characters carry 93 bytes, a multiple of 3, so each line decodes on its own and
// only the last has padding. The markers' bytes are never base64 or console text, so a line
// is found wherever its marker is, even mid-line after text without a newline.
//
// The reader takes what arrives outside link frames (link.onText) in pieces of any size,
// skips console text, and hands whole packets that checked to its callback. A damaged frame
// is dropped and counted by what was wrong with it — never thrown: the host retries.

import { crc16 } from "../link/crc16.ts";
import { decodeBase64, decodedLength, encodeBase64, encodedLength } from "./base64.ts";

export const FIRST_LINE_MARKER_1 = 0x06;
export const FIRST_LINE_MARKER_2 = 0x09;
export const CONTINUATION_MARKER_1 = 0x04;
export const CONTINUATION_MARKER_2 = 0x14;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
/** The longest line, its marker and newline included. */
export const MAX_LINE_LENGTH = 127;
/** Base64 characters in a line at most: 127 less marker and newline, in whole quanta. */
const MAX_LINE_TEXT = 124;
/** Bytes one line carries: 124 characters' worth. */
const BYTES_PER_LINE = 93;
const OUTSIDE = 0;
const IN_LINE = 1;
const SKIPPING = 2;
const NONE = -1;
const DROPPED = -2;
/** Length field and CRC around a packet. */
export const FRAME_OVERHEAD = 4;

/** The lines that carry `packet` (an SMP header and body), as one array to write at once. */
export function encodeSerialFrame(packet: Uint8Array): Uint8Array {
  const count = packet.length + FRAME_OVERHEAD;
  const raw = new Uint8Array(count);
  const field = packet.length + 2;
  raw[0] = field >> 8;
  raw[1] = field & 0xff;
  for (let i = 0; i < packet.length; i++) raw[2 + i] = packet[i];
  const crc = crc16(packet, 0, packet.length);
  raw[count - 2] = crc >> 8;
  raw[count - 1] = crc & 0xff;
  const lines = ((count + BYTES_PER_LINE - 1) / BYTES_PER_LINE) | 0;
  const out = new Uint8Array(encodedLength(count) + 3 * lines);
  let at = 0;
  for (let start = 0; start < count; start += BYTES_PER_LINE) {
    out[at++] = start === 0 ? FIRST_LINE_MARKER_1 : CONTINUATION_MARKER_1;
    out[at++] = start === 0 ? FIRST_LINE_MARKER_2 : CONTINUATION_MARKER_2;
    at = encodeBase64(raw, start, Math.min(count, start + BYTES_PER_LINE), out, at);
    out[at++] = NEWLINE;
  }
  return out;
}

/**
 * Reads SMP frames out of the text the console UART receives. `frameSize` is the largest
 * frame it takes (length field, packet and CRC: the buffer mcumgr params reports); a frame
 * that says it is longer is dropped as oversize.
 */
export class SerialFrameReader {
  /** Frames that checked and went to the callback. */
  frames = 0;
  /** Frames whose CRC did not match. */
  badCrc = 0;
  /** Lines that were not base64. */
  badBase64 = 0;
  /** Lines longer than 127 bytes, and frames longer than the buffer. */
  oversize = 0;
  /** Frames that did not hold together: a continuation with no first line, a line or frame
   *  cut short by the next one, more bytes than the length field says. */
  broken = 0;
  private readonly line = new Uint8Array(MAX_LINE_TEXT + 1); // + 1: a CR a terminal adds
  private lineLength = 0;
  /** OUTSIDE a line (console text), IN_LINE (after its marker), SKIPPING an overlong one. */
  private state = OUTSIDE;
  private continuation = false;
  private previous = -1;
  private readonly frame: Uint8Array;
  private received = 0;
  /** The frame's size from its length field; NONE when no frame is in progress, DROPPED
   *  while the continuation lines of a frame already dropped go by (counted once). */
  private expected = NONE;

  constructor(private readonly onPacket: (packet: Uint8Array) => void, frameSize: number) {
    if (frameSize < BYTES_PER_LINE) throw new RangeError(`an SMP frame buffer holds at least ${BYTES_PER_LINE} bytes (one line), got ${frameSize}`);
    this.frame = new Uint8Array(frameSize);
  }

  /** Reads the next bytes that arrived. */
  push(bytes: Uint8Array): void {
    // The per-byte state in locals, back in fields around the calls that read them.
    const line = this.line;
    const capacity = line.length;
    let previous = this.previous;
    let length = this.lineLength;
    let state = this.state;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if ((previous === FIRST_LINE_MARKER_1 && byte === FIRST_LINE_MARKER_2) || (previous === CONTINUATION_MARKER_1 && byte === CONTINUATION_MARKER_2)) {
        if (state === IN_LINE) this.dropFrame(); // cut short by this line
        state = IN_LINE;
        this.continuation = byte === CONTINUATION_MARKER_2;
        length = 0;
      } else if (state === IN_LINE) {
        if (byte === NEWLINE) {
          state = OUTSIDE;
          this.lineLength = length;
          this.endLine();
        } else if (length === capacity) {
          this.oversize++;
          this.expected = DROPPED;
          state = SKIPPING;
        } else {
          line[length++] = byte;
        }
      } else if (state === SKIPPING && byte === NEWLINE) {
        state = OUTSIDE;
      }
      previous = byte;
    }
    this.previous = previous;
    this.lineLength = length;
    this.state = state;
  }

  private dropFrame(): void {
    this.broken++;
    this.expected = DROPPED;
  }

  private endLine(): void {
    const line = this.line;
    let end = this.lineLength;
    if (end > 0 && line[end - 1] === CARRIAGE_RETURN) end--;
    if (end > MAX_LINE_TEXT) {
      this.oversize++;
      this.expected = DROPPED;
      return;
    }
    const count = decodedLength(line, 0, end);
    if (count < 0) {
      this.badBase64++;
      this.expected = DROPPED;
      return;
    }
    const frame = this.frame;
    if (!this.continuation) {
      if (this.expected >= 0) this.broken++; // the frame before never completed
      this.expected = DROPPED;
      const decoded = decodeBase64(line, 0, end, frame, 0);
      if (decoded < 0) {
        this.badBase64++;
        return;
      }
      if (decoded < 2) {
        this.broken++;
        return;
      }
      this.received = decoded;
      const expected = ((frame[0] << 8) | frame[1]) + 2;
      if (expected > frame.length) {
        this.oversize++;
        return;
      }
      if (expected < FRAME_OVERHEAD) {
        this.broken++;
        return;
      }
      this.expected = expected;
    } else {
      if (this.expected === NONE) this.broken++; // no first line before it
      if (this.expected < 0) return;
      if (this.received + count > this.expected) {
        this.dropFrame();
        return;
      }
      const decoded = decodeBase64(line, 0, end, frame, this.received);
      if (decoded < 0) {
        this.badBase64++;
        this.expected = DROPPED;
        return;
      }
      this.received = decoded;
    }
    if (this.received > this.expected) {
      this.dropFrame();
      return;
    }
    if (this.received < this.expected) return;
    this.finish();
  }

  private finish(): void {
    const frame = this.frame;
    const end = this.expected - 2;
    this.expected = NONE;
    const crc = crc16(frame, 2, end);
    if (crc !== ((frame[end] << 8) | frame[end + 1])) {
      this.badCrc++;
      return;
    }
    this.frames++;
    const packet = new Uint8Array(end - 2);
    for (let i = 0; i < packet.length; i++) packet[i] = frame[2 + i];
    this.onPacket(packet);
  }
}
