// The device's end of the serial link (DESIGN.md, "One UART, three streams"): frames for the
// host share the console UART with console.log's text. Sending writes a whole frame in one
// call (the console cannot split it: one thread, run to completion); receiving opens the
// UART at its start-up speed if the app has not, and splits what arrives into frames, handed
// to the channel's handler, and text, handed to the text handlers (SMP, later a shell).
// Frame format and channels: link/frame.ts; the MQTT stream on top: link/transport.ts.

import { encodeFrame, Frame, FrameReader } from "./link/frame.ts";
import { uart } from "./uart.ts";

export class Link {
  private readonly handlers: Array<(payload: Uint8Array) => void> = [];
  private readonly textHandlers: Array<(bytes: Uint8Array) => void> = [];
  private reader: FrameReader | undefined;

  /** Frames sent. */
  sent = 0;

  /** Frames received that did not check (the host counts what it drops likewise). */
  get corrupt(): number {
    return this.reader === undefined ? 0 : this.reader.corrupt;
  }

  /** Frames received that checked. */
  get received(): number {
    return this.reader === undefined ? 0 : this.reader.frames;
  }

  /** Sends `payload` to the host on `channel`, as one frame (at most MAX_PAYLOAD bytes). */
  send(channel: number, payload: Uint8Array): void {
    this.sendFrame(encodeFrame(channel, payload, 0, payload.length));
  }

  /** Sends a frame made by link/frame.ts's encodeFrame. */
  sendFrame(frame: Uint8Array): void {
    this.startReceiving();
    uart.write(frame);
    this.sent++;
  }

  /** Calls `handler` with the payload of each frame that arrives on `channel` (one handler
   *  per channel; a second replaces the first). Receiving keeps the device running. */
  on(channel: number, handler: (payload: Uint8Array) => void): void {
    while (this.handlers.length <= channel) this.handlers.push(ignore);
    this.handlers[channel] = handler;
    this.startReceiving();
  }

  /** Calls `handler` with the bytes that arrive outside frames. */
  onText(handler: (bytes: Uint8Array) => void): void {
    this.textHandlers.push(handler);
    this.startReceiving();
  }

  private startReceiving(): void {
    if (this.reader !== undefined) return;
    const reader = new FrameReader(
      (frame: Frame) => {
        if (frame.channel < this.handlers.length) this.handlers[frame.channel](frame.payload);
      },
      (bytes: Uint8Array) => {
        for (const handler of this.textHandlers) handler(bytes);
      },
    );
    this.reader = reader;
    if (!uart.isOpen) uart.open();
    uart.onData((bytes: Uint8Array) => reader.push(bytes));
  }
}

function ignore(payload: Uint8Array): void {}

/** The console UART's link to the host. */
export const link = new Link();
