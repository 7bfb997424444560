// A minimal client for QEMU's machine protocol (QMP, docs/interop/qmp-spec): one JSON object
// a line each way; replies come in the order of the commands, events ({"event": …}) may come
// between them and are skipped.

import net from "node:net";

const CONNECT_ATTEMPTS = 100;
const CONNECT_RETRY_MS = 20;

export class QmpClient {
  private buffer = "";
  private pending: Array<{ resolve(value: unknown): void; reject(error: Error): void; command: string }> = [];
  private greeted: Promise<void>;
  private closed = false;

  private constructor(private socket: net.Socket) {
    let greet: () => void;
    let refuse: (error: Error) => void;
    this.greeted = new Promise((resolve, reject) => { greet = resolve; refuse = reject; });
    socket.setEncoding("utf8");
    socket.on("data", (text: string) => {
      this.buffer += text;
      let newline: number;
      while ((newline = this.buffer.indexOf("\n")) >= 0) {
        const line = this.buffer.slice(0, newline).trim();
        this.buffer = this.buffer.slice(newline + 1);
        if (!line) continue;
        const message = JSON.parse(line) as { QMP?: unknown; event?: string; return?: unknown; error?: { desc: string } };
        if (message.QMP !== undefined) greet!();
        else if (message.event !== undefined) continue;
        else {
          const waiting = this.pending.shift();
          if (!waiting) continue;
          if (message.error) waiting.reject(new Error(`QMP ${waiting.command}: ${message.error.desc}`));
          else waiting.resolve(message.return);
        }
      }
    });
    const fail = (reason: string) => {
      this.closed = true;
      refuse(new Error(reason));
      for (const waiting of this.pending.splice(0)) waiting.reject(new Error(`QMP ${waiting.command}: ${reason}`));
    };
    socket.on("close", () => fail("QEMU closed the connection (it has exited)"));
    socket.on("error", (error) => fail(error.message));
  }

  /** Connects to QEMU's `-qmp unix:PATH,server=on,wait=off` socket, retrying while QEMU
   *  starts, and enters command mode. */
  static async connect(socketPath: string, alive: () => boolean): Promise<QmpClient> {
    for (let attempt = 0; ; attempt++) {
      try {
        const socket = await new Promise<net.Socket>((resolve, reject) => {
          const s = net.connect(socketPath, () => resolve(s));
          s.once("error", reject);
        });
        const client = new QmpClient(socket);
        await client.greeted;
        await client.command("qmp_capabilities");
        return client;
      } catch (error) {
        // Refused: QEMU may not be listening yet.
        if (attempt >= CONNECT_ATTEMPTS || !alive()) throw new Error(`could not connect to QEMU's QMP socket ${socketPath}: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, CONNECT_RETRY_MS));
      }
    }
  }

  command(execute: string, args?: Record<string, unknown>): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error(`QMP ${execute}: QEMU has exited`));
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject, command: execute });
      this.socket.write(`${JSON.stringify(args ? { execute, arguments: args } : { execute })}\n`);
    });
  }

  close(): void {
    this.socket.destroy();
  }
}
