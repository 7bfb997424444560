// The serial bridge (`mote bridge`, `mote run --broker`): carries a device's MQTT stream,
// which travels in link frames on its UART, to a broker over TCP — one broker connection
// per device, opened when the device asks (link/transport.ts's OPEN) and closed when either
// side ends it. The bridge holds no MQTT state: sessions, retries and reconnects are the
// device client's, so a device reset, a broker restart or a new bridge all end as a closed
// stream that the device opens again.
//
// It says what it does (`log`): connecting, connected as which client, why a stream ended.

import net from "node:net";
import { CHANNEL_CONTROL, CHANNEL_MQTT, MAX_PAYLOAD, OP_CLOSE, OP_OPEN, OP_OPENED, encodeFrame, type Frame } from "../link/index.ts";

export interface BridgeOptions {
  /** The broker: mqtt://host[:port] (port 1883 by default). */
  broker: string;
  /** Sends bytes to the device (its UART's receive line). */
  toDevice(bytes: Uint8Array): void;
  /** What the bridge is doing, one line at a time. */
  log(line: string): void;
}

export class Bridge {
  private socket: net.Socket | undefined;
  private readonly host: string;
  private readonly port: number;
  /** The client id of the device's current MQTT connection, once it has sent CONNECT. */
  private clientId: string | undefined;
  /** Frames the device sent on the MQTT channel while no stream was open (after a restart of
   *  the bridge, say): answered with CLOSE so that the device reconnects. */
  strayFrames = 0;
  bytesToBroker = 0;
  bytesToDevice = 0;

  constructor(private readonly options: BridgeOptions) {
    const url = new URL(options.broker);
    if (url.protocol !== "mqtt:" && url.protocol !== "tcp:") {
      throw new Error(`the bridge connects to mqtt:// brokers; got '${options.broker}'`);
    }
    this.host = url.hostname || "127.0.0.1";
    this.port = url.port === "" ? 1883 : Number(url.port);
  }

  /** Tells a device that may hold a stream from an earlier bridge that it has none now. */
  start(): void {
    this.sendControl(OP_CLOSE, "the bridge (re)started");
  }

  /** A frame from the device. */
  receive(frame: Frame): void {
    if (frame.channel === CHANNEL_CONTROL) {
      if (frame.payload.length < 2 || frame.payload[1] !== CHANNEL_MQTT) return;
      if (frame.payload[0] === OP_OPEN) this.open();
      else if (frame.payload[0] === OP_CLOSE) this.closeSocket(`the device closed its connection (${ascii(frame.payload.subarray(2))})`);
      return;
    }
    if (frame.channel !== CHANNEL_MQTT) return;
    if (this.socket === undefined || this.socket.connecting) {
      this.strayFrames++;
      this.sendControl(OP_CLOSE, "no broker connection is open");
      return;
    }
    if (this.clientId === undefined) this.noteConnect(frame.payload);
    this.bytesToBroker += frame.payload.length;
    this.socket.write(frame.payload);
  }

  /** Ends the broker connection, if any (the bridge is stopping). */
  close(): void {
    this.closeSocket("the bridge stopped");
  }

  private open(): void {
    this.closeSocket("the device opened a new connection");
    const socket = net.connect({ host: this.host, port: this.port });
    this.socket = socket;
    this.clientId = undefined;
    this.options.log(`connecting to ${this.options.broker} for the device`);
    socket.setNoDelay(true);
    socket.on("connect", () => {
      if (this.socket !== socket) return;
      this.sendControl(OP_OPENED, "");
    });
    socket.on("data", (data: Buffer) => {
      if (this.socket !== socket) return;
      this.bytesToDevice += data.length;
      for (let start = 0; start < data.length; start += MAX_PAYLOAD) {
        this.options.toDevice(encodeFrame(CHANNEL_MQTT, data, start, Math.min(data.length, start + MAX_PAYLOAD)));
      }
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      const reason = socket.errored ? brokerError(socket.errored, this.options.broker) : "the broker closed the connection";
      this.options.log(`${this.clientId ?? "device"}: ${reason}`);
      this.sendControl(OP_CLOSE, reason);
    });
  }

  private closeSocket(why: string): void {
    const socket = this.socket;
    if (socket === undefined) return;
    this.socket = undefined;
    this.options.log(`${this.clientId ?? "device"}: ${why}`);
    socket.destroy();
  }

  /** Reads the client id from the device's CONNECT (the stream's first packet) for the log. */
  private noteConnect(bytes: Uint8Array): void {
    if (bytes.length < 2 || bytes[0] !== 0x10) return;
    let at = 1;
    while (at < bytes.length && (bytes[at] & 0x80) !== 0) at++;
    at++; // remaining length
    const nameLength = (bytes[at] << 8) | bytes[at + 1];
    at += 2 + nameLength + 1 + 1 + 2; // protocol name, level, flags, keep-alive
    if (at + 2 > bytes.length) return;
    const idLength = (bytes[at] << 8) | bytes[at + 1];
    this.clientId = Buffer.from(bytes.subarray(at + 2, at + 2 + idLength)).toString("utf8");
    this.options.log(`${this.clientId}: connected to ${this.options.broker}`);
  }

  private sendControl(op: number, reason: string): void {
    const message = Buffer.concat([Buffer.from([op, CHANNEL_MQTT]), Buffer.from(reason, "ascii")]);
    this.options.toDevice(encodeFrame(CHANNEL_CONTROL, message));
  }
}

function ascii(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("latin1");
}

function brokerError(error: Error, broker: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ECONNREFUSED") return `the broker at ${broker} refused the connection (is it running?)`;
  if (code === "ENOTFOUND") return `the broker's host in ${broker} is not known`;
  if (code === "ECONNRESET") return "the broker reset the connection";
  return `the broker connection failed: ${error.message}`;
}
