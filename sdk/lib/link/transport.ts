// The MQTT client's transport over the serial link (mqtt/transport.ts's contract): the
// device asks the host's bridge to open a connection to the broker, and the stream's bytes
// travel in frames on their channel. Control messages travel on channel 0:
//
//   [OPEN, channel]            device → host: connect this channel's stream to the broker
//   [OPENED, channel]          host → device: connected
//   [CLOSE, channel, reason…]  either way: the stream ended (reason: ASCII text)
//
// The bridge answers an OPEN with OPENED or CLOSE; one that never answers (no bridge on
// the line) closes the stream after `openTimeoutMs`, and the client tries again later. A
// bridge that starts sends CLOSE for the channel, so a device whose stream went with the
// previous bridge learns it at once rather than at its next keep-alive.

import { CHANNEL_CONTROL, CHANNEL_MQTT, MAX_PAYLOAD, OP_CLOSE, OP_OPEN, OP_OPENED, encodeFrame } from "./frame.ts";
import type { Link } from "../link.ts";
import { latin1String } from "../rt/latin1.ts";
import type { Transport, TransportEvents } from "../mqtt/transport.ts";

/** How long an OPEN waits for the bridge's answer. */
export const OPEN_TIMEOUT_MS = 2000;

const CLOSED = 0;
const OPENING = 1;
const OPEN = 2;

export class LinkTransport implements Transport {
  private state = CLOSED;
  private events: TransportEvents | undefined;
  private openTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly link: Link, private readonly channel: number = CHANNEL_MQTT, private readonly openTimeoutMs: number = OPEN_TIMEOUT_MS) {
    link.on(channel, (payload: Uint8Array) => {
      if (this.state === OPEN && this.events !== undefined) this.events.data(payload);
    });
    link.on(CHANNEL_CONTROL, (payload: Uint8Array) => this.control(payload));
  }

  open(events: TransportEvents): void {
    this.events = events;
    this.state = OPENING;
    this.sendControl(OP_OPEN, "");
    this.openTimer = setTimeout(() => this.ended("no bridge answered on the serial link"), this.openTimeoutMs);
  }

  write(bytes: Uint8Array): void {
    if (this.state !== OPEN) return;
    for (let start = 0; start < bytes.length; start += MAX_PAYLOAD) {
      this.link.sendFrame(encodeFrame(this.channel, bytes, start, Math.min(bytes.length, start + MAX_PAYLOAD)));
    }
  }

  close(): void {
    if (this.state === CLOSED) return;
    this.stopTimer();
    this.state = CLOSED;
    this.sendControl(OP_CLOSE, "closed by the device");
  }

  private control(payload: Uint8Array): void {
    if (payload.length < 2 || payload[1] !== this.channel) return;
    const op = payload[0];
    if (op === OP_OPENED && this.state === OPENING) {
      this.stopTimer();
      this.state = OPEN;
      if (this.events !== undefined) this.events.opened();
    } else if (op === OP_CLOSE) {
      const reason = latin1String(payload, 2, payload.length);
      this.ended(reason === "" ? "closed by the bridge" : reason);
    }
  }

  private ended(reason: string): void {
    if (this.state === CLOSED) return;
    this.stopTimer();
    this.state = CLOSED;
    if (this.events !== undefined) this.events.closed(reason);
  }

  private stopTimer(): void {
    if (this.openTimer !== undefined) clearTimeout(this.openTimer);
    this.openTimer = undefined;
  }

  private sendControl(op: number, reason: string): void {
    const message = new Uint8Array(2 + reason.length);
    message[0] = op;
    message[1] = this.channel;
    for (let i = 0; i < reason.length; i++) message[2 + i] = reason.charCodeAt(i) & 0x7f;
    this.link.send(CHANNEL_CONTROL, message);
  }
}
