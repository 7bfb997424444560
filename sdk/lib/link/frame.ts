// mote's link frame: how packets for the host (MQTT now; anything binary later) share the
// console UART with plain text (DESIGN.md, "One UART, three streams").
//
//   0x1E  COBS(channel, payload…, crc_hi, crc_lo)  0x00
//
// COBS (Consistent Overhead Byte Stuffing) rewrites the body so that it holds no zero byte,
// at a cost of one byte in 254, so 0x00 can only be a frame's end; 0x1E (ASCII "record
// separator", never in console text) marks its start. The CRC-16/XMODEM covers the channel
// and the payload. Text outside frames is console output (device to host) or console input
// (host to device); SMP's serial lines (0x06 0x09 … 0x0A) are text here.
//
// A reader never trusts a frame it cannot check: a body that does not decode, is too short,
// too long, or fails its CRC is dropped and counted, and what follows is read afresh.
//
// Device TypeScript, also run on the host (flash-tool/link): one encoder, one body decoder.

import { crc16 } from "./crc16.ts";

export const FRAME_START = 0x1e;
export const FRAME_END = 0x00;
/** Channel 0: the link's own control messages (link/transport.ts). */
export const CHANNEL_CONTROL = 0;
/** Channel 1: the MQTT byte stream between the device's client and the broker. */
export const CHANNEL_MQTT = 1;
/** Control messages (channel 0), first byte: link/transport.ts. */
export const OP_OPEN = 1;
export const OP_OPENED = 2;
export const OP_CLOSE = 3;
/** The largest payload either side sends in one frame. */
export const MAX_PAYLOAD = 512;
/** Bytes a body carries besides the payload: channel and CRC. */
const BODY_OVERHEAD = 3;

/** The longest a frame's COBS body can be for a payload of `payloadLength` bytes. */
export function maxEncodedBody(payloadLength: number): number {
  const raw = payloadLength + BODY_OVERHEAD;
  return raw + ((raw / 254) | 0) + 1;
}

/** The whole frame for `payload[start, end)` on `channel`: start byte, COBS body, end byte. */
export function encodeFrame(channel: number, payload: Uint8Array, start: number = 0, end: number = payload.length): Uint8Array {
  const raw = new Uint8Array(end - start + BODY_OVERHEAD);
  // Lengths from here on are raw's, which the range analysis proves small integers (the
  // bounds given are only numbers to it): the copy, the CRC and COBS need no overflow checks.
  const length = raw.length - BODY_OVERHEAD;
  raw[0] = channel;
  for (let i = 0; i < length; i++) raw[1 + i] = payload[start + i];
  const crc = crc16(raw, 0, length + 1);
  raw[length + 1] = crc >> 8;
  raw[length + 2] = crc & 0xff;

  const out = new Uint8Array(maxEncodedBody(length) + 2);
  out[0] = FRAME_START;
  // COBS: each block is a code byte (distance to the next zero, at most 0xFF) and the
  // non-zero bytes up to it; the zero itself is implied by a code below 0xFF.
  let codeAt = 1;
  let at = 2;
  let code = 1;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 0) {
      out[codeAt] = code;
      codeAt = at++;
      code = 1;
    } else {
      out[at++] = raw[i];
      code++;
      if (code === 0xff) {
        out[codeAt] = code;
        codeAt = at++;
        code = 1;
      }
    }
  }
  out[codeAt] = code;
  out[at++] = FRAME_END;
  if (at === out.length) return out;
  const frame = new Uint8Array(at);
  for (let i = 0; i < at; i++) frame[i] = out[i];
  return frame;
}

/** A frame that checked: its channel and payload. */
export class Frame {
  constructor(readonly channel: number, readonly payload: Uint8Array) {}
}

/**
 * Decodes the COBS body `encoded[start, end)` (between the start and end bytes) into a
 * Frame, or undefined when it is not one: a zero inside, a block running past the end,
 * fewer bytes than a channel and a CRC, a payload over `maxPayload`, or a CRC mismatch.
 */
export function decodeFrameBody(encoded: Uint8Array, start: number, end: number, maxPayload: number = MAX_PAYLOAD): Frame | undefined {
  if (end - start > maxEncodedBody(maxPayload)) return undefined;
  const raw = new Uint8Array(end - start);
  let length = 0;
  let i = start;
  while (i < end) {
    const code = encoded[i++];
    if (code === 0 || i + code - 1 > end) return undefined;
    for (let k = 1; k < code; k++) {
      const byte = encoded[i++];
      if (byte === 0) return undefined;
      raw[length++] = byte;
    }
    if (code < 0xff && i < end) raw[length++] = 0;
  }
  // (length never passes raw's: saying so bounds it for the range analysis, as a small integer.)
  if (length < BODY_OVERHEAD || length > raw.length) return undefined;
  const crc = crc16(raw, 0, length - 2);
  if (crc !== ((raw[length - 2] << 8) | raw[length - 1])) return undefined;
  const payload = new Uint8Array(length - BODY_OVERHEAD);
  for (let k = 0; k < payload.length; k++) payload[k] = raw[1 + k];
  return new Frame(raw[0], payload);
}

/**
 * Splits a byte stream into frames and the text around them, as the bytes come, in pieces of
 * any size. A candidate frame runs from a start byte to the next end byte; one that does not
 * check is counted in `corrupt`, but if a later start byte inside it begins a frame that
 * does (a frame cut short by a reset, then the next one), that frame is kept. A candidate
 * longer than any frame can be is dropped and counted: the start byte was not one.
 */
export class FrameReader {
  /** Candidate frames that did not check, or overran the longest frame. */
  corrupt = 0;
  /** Frames read. */
  frames = 0;
  private readonly body: Uint8Array;
  /** Bytes of the candidate after its start byte; -1 between frames. */
  private length = -1;

  constructor(
    private readonly onFrame: (frame: Frame) => void,
    private readonly onText: (bytes: Uint8Array) => void,
    private readonly maxPayload: number = MAX_PAYLOAD,
  ) {
    this.body = new Uint8Array(maxEncodedBody(maxPayload));
  }

  /** Reads the next bytes of the stream. */
  push(bytes: Uint8Array): void {
    let textFrom = 0;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (this.length < 0) {
        if (byte === FRAME_START) {
          this.text(bytes, textFrom, i);
          this.length = 0;
        }
        continue;
      }
      if (byte === FRAME_END) {
        this.finish();
        textFrom = i + 1;
      } else if (this.length === this.body.length) {
        this.corrupt++;
        this.length = -1;
        textFrom = i;
        i--;
      } else {
        this.body[this.length++] = byte;
      }
    }
    if (this.length < 0) this.text(bytes, textFrom, bytes.length);
  }

  private text(bytes: Uint8Array, start: number, end: number): void {
    if (end <= start) return;
    const copy = new Uint8Array(end - start);
    for (let i = start; i < end; i++) copy[i - start] = bytes[i];
    this.onText(copy);
  }

  private finish(): void {
    const length = this.length;
    this.length = -1;
    let frame = decodeFrameBody(this.body, 0, length, this.maxPayload);
    if (frame === undefined) {
      this.corrupt++;
      for (let at = 0; at < length && frame === undefined; at++) {
        if (this.body[at] === FRAME_START) frame = decodeFrameBody(this.body, at + 1, length, this.maxPayload);
      }
    }
    if (frame === undefined) return;
    this.frames++;
    this.onFrame(frame);
  }
}
