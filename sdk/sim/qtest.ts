// QEMU's qtest protocol over a Unix socket, for driving a running machine's inputs from the
// host (a button pressed on a GPIO line). One text line per command, one reply line ("OK ...",
// "FAIL ...") per command, in order. QEMU listens (-qtest unix:PATH,server=on,wait=off); the
// guest runs meanwhile (-accel tcg is the default), so commands act on a live guest.

import net from "node:net";

const CONNECT_ATTEMPTS = 50;
const CONNECT_RETRY_MS = 20;

export class QtestLink {
  private replies: Array<(line: string) => void> = [];
  private buffered = "";

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding("utf8");
    socket.on("data", (text: string) => {
      this.buffered += text;
      for (let end = this.buffered.indexOf("\n"); end >= 0; end = this.buffered.indexOf("\n")) {
        const line = this.buffered.slice(0, end);
        this.buffered = this.buffered.slice(end + 1);
        // Lines starting "IRQ" are events (irq_intercept_*), not replies.
        if (!line.startsWith("IRQ")) this.replies.shift()?.(line);
      }
    });
    socket.on("error", () => {});
    socket.on("close", () => this.replies.splice(0).forEach((reply) => reply("FAIL the machine has stopped")));
  }

  /** Connects once QEMU has made its socket (it appears a moment after the process starts). */
  static async open(socketPath: string): Promise<QtestLink> {
    for (let attempt = 0; ; attempt++) {
      try {
        const socket = await new Promise<net.Socket>((resolve, reject) => {
          const s = net.createConnection(socketPath, () => resolve(s));
          s.once("error", reject);
        });
        return new QtestLink(socket);
      } catch (error) {
        if (attempt >= CONNECT_ATTEMPTS) throw new Error(`QEMU's qtest socket ${socketPath} did not answer: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, CONNECT_RETRY_MS));
      }
    }
  }

  /** Sends one command; resolves with QEMU's reply, rejects on FAIL. */
  command(line: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.replies.push((reply) => (reply.startsWith("OK") ? resolve(reply) : reject(new Error(`qtest '${line}': ${reply}`))));
      this.socket.write(`${line}\n`);
    });
  }

  close(): void {
    this.socket.destroy();
  }
}
