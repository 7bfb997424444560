// A real pseudo-terminal for a board simulated in this process (rp2040js), as QEMU's
// `-serial pty` gives one to its boards: socat opens the pty pair and carries the master
// side over its stdin/stdout, which become the board's console UART. A serial tool (mote
// bridge, mote flash, screen) opens the slave path as it would a USB serial adapter.
//
// Like a real UART with no one listening, what the device sends while the terminal is not
// drained is lost beyond the kernel's and the pipe's buffers (PENDING_LIMIT): counted in
// `dropped`, never held without bound.

import { spawn, type ChildProcess } from "node:child_process";
import { InputQueue } from "./input-queue.ts";

const PTY_LINE = /PTY is (\/dev\/\S+)/;
/** Console bytes waiting for socat before more are dropped. */
const PENDING_LIMIT = 64 * 1024;
const START_TIMEOUT_MS = 5000;

export interface HostPty {
  /** The slave side, for serial tools: /dev/pts/N. */
  path: string;
  /** What the tool sends: the board's console input. */
  input: InputQueue;
  /** The board's console output, to the tool. */
  write(bytes: Uint8Array): void;
  /** Console bytes dropped because nothing drained the terminal. */
  readonly dropped: number;
  close(): void;
}

/** Opens the pty; rejects with a message saying what to install when socat is missing. */
export function openHostPty(): Promise<HostPty> {
  return new Promise((resolve, reject) => {
    // ignoreeof: a tool that closes the terminal and opens it again (a bridge restarted)
    // finds it still there.
    const child: ChildProcess = spawn("socat", ["-d", "-d", "pty,raw,echo=0,ignoreeof", "STDIO"], { stdio: ["pipe", "pipe", "pipe"] });
    const input = new InputQueue();
    let log = "";
    let dropped = 0;
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`socat did not open a pseudo-terminal within ${START_TIMEOUT_MS} ms: ${log.trim()}`)), START_TIMEOUT_MS);
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    child.on("error", (error: NodeJS.ErrnoException) => {
      fail(error.code === "ENOENT"
        ? new Error("a pseudo-terminal for this board needs socat (sudo apt-get install socat)")
        : error);
    });
    child.on("exit", () => input.end());
    child.stdin!.on("error", () => {});
    child.stdout!.on("data", (chunk: Buffer) => input.push(new Uint8Array(chunk)));
    child.stderr!.on("data", (chunk: Buffer) => {
      if (settled) return;
      log += chunk.toString();
      const found = PTY_LINE.exec(log);
      if (!found) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        path: found[1],
        input,
        write(bytes) {
          if (child.stdin!.writableLength > PENDING_LIMIT) {
            dropped += bytes.length;
            return;
          }
          child.stdin!.write(bytes);
        },
        get dropped() {
          return dropped;
        },
        close() {
          input.end();
          child.kill();
        },
      });
    });
  });
}
