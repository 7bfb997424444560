// A Transport (sdk/lib/mqtt/transport.ts) over a TCP socket from node:net: what lets the
// device's MQTT client run on Node against a real broker in tests. `kill()` ends the socket
// as a lost link would, without the client asking.

import net from "node:net";
import type { Transport, TransportEvents } from "../../sdk/lib/mqtt.ts";

export class TcpTransport implements Transport {
  /** How many times open() was called, and when (ms since the transport was made). */
  readonly opens: number[] = [];
  private socket: net.Socket | undefined;
  private readonly made = performance.now();

  constructor(readonly port: number, readonly host = "127.0.0.1") {}

  open(events: TransportEvents): void {
    this.opens.push(performance.now() - this.made);
    const socket = net.connect(this.port, this.host);
    this.socket = socket;
    let failure: string | undefined;
    socket.on("connect", () => events.opened());
    socket.on("data", (data: Buffer) => events.data(new Uint8Array(data.buffer, data.byteOffset, data.length)));
    socket.on("error", (error) => { failure = error.message; });
    socket.on("close", () => {
      // A close the client asked for (close() forgot the socket) is not reported.
      if (this.socket !== socket) return;
      this.socket = undefined;
      events.closed(failure ?? `the broker at ${this.host}:${this.port} closed the connection`);
    });
  }

  write(bytes: Uint8Array): void {
    this.socket?.write(bytes);
  }

  close(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.destroy();
  }

  /** Ends the connection abruptly, as a lost link does (no DISCONNECT): the client hears of it. */
  kill(): void {
    this.socket?.resetAndDestroy();
  }
}
