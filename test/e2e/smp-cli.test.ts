// `mote echo|stats|info|reset --port <tty>` as a user runs them: real `node sdk/cli/mote.js`
// processes against mps2-an385 (QEMU) whose console UART is a pseudo-terminal, running an app
// with `import "mote/smp"`; and against one running an app without it, which never answers.

import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";
import { bootImageOf, qemuAvailable, targetFor } from "../../sdk/sim/index.ts";
import { openSerialPort } from "../../flash-tool/serial/port.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.join(here, "../..");
const moteBin = path.join(repoRoot, "sdk/cli/mote.js");
const hasQemu = qemuAvailable();
if (!hasQemu) console.warn("NOTICE: qemu-system-arm not found; the SMP commands are not run against a device");

interface Ran { code: number; stdout: string; stderr: string }

function mote(args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(process.execPath, [moteBin, ...args], { cwd: repoRoot, timeout: 60_000, encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Boots `app` on mps2-an385 (a device build: a reset's next boot says why) with its console
 *  UART on a pseudo-terminal; resolves with the pty's path. */
async function bootOnPty(app: string): Promise<{ pty: string; elf: string }> {
  const board = findBoard("mps2-an385");
  const built = build({ entry: app, board, outDir: mkdtempSync(path.join(tmpdir(), "mote-smp-cli-")), forSimulator: true, crashResets: true, identity: { deviceId: "cli-device", version: "2.0.1" } });
  if (!built.ok) throw new Error(built.diagnostics);
  const stop = new AbortController();
  let ready: (p: string) => void = () => {};
  const pty = new Promise<string>((resolve) => { ready = resolve; });
  const run = targetFor(board).run({ board, image: bootImageOf(built.image, built.files!.elf), timeoutMs: 110_000, realTime: true, serialPty: (p) => ready(p), signal: stop.signal });
  cleanups.push(async () => { stop.abort(); await run; });
  const ptyPath = await Promise.race([pty, run.then((r): string => { throw new Error(`QEMU ended before its pty was ready: ${r.simulatorLog}`); })]);
  return { pty: ptyPath, elf: built.files!.elf };
}

describe.skipIf(!hasQemu)("mote echo, stats, info and reset over a pseudo-terminal", () => {
  it("talk to a device whose app imports mote/smp", async () => {
    const { pty } = await bootOnPty(path.join(here, "../boards/fixtures/smp-server.ts"));
    const echo = await mote(["echo", "hello device", "--port", pty]);
    expect(echo, echo.stderr).toMatchObject({ code: 0, stdout: "hello device\n" });
    const stats = await mote(["stats", "--port", pty, "--json"]);
    expect(stats.code, stats.stderr).toBe(0);
    const groups = JSON.parse(stats.stdout);
    expect(Object.keys(groups)).toEqual(["smp", "uart", "link"]);
    expect(groups.smp).toMatchObject({ bad_crc: 0, bad_base64: 0, oversize: 0, broken: 0 });
    expect(groups.uart.received).toBeGreaterThan(0);
    const text = await mote(["stats", "smp", "--port", pty]);
    expect(text.stdout).toMatch(/^smp\n {2}frames +\d+\n {2}bad_crc +0\n/);
    const info = await mote(["info", "--port", pty, "--json"]);
    expect(info.code, info.stderr).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ type: "info", device: "cli-device", version: "2.0.1", board: "mps2-an385", resetReason: "power-on" });
    const line = await mote(["info", "--port", pty]);
    expect(line.stdout).toMatch(/^cli-device: v2\.0\.1 on mps2-an385, boot \d+ \(reset: power-on\), up [\d.]+ m?s, heap \d+ B used, \d+ B free, loop lag \d+ ms\n$/);
    const reset = await mote(["reset", "--port", pty]);
    expect(reset, reset.stderr).toMatchObject({ code: 0, stderr: `mote: ${pty} answered and is resetting\n` });
    const after = await mote(["info", "--port", pty, "--json"]);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ resetReason: "reset" });
    const missing = await mote(["stats", "nothing", "--port", pty]);
    expect(missing).toMatchObject({ code: 1, stderr: "mote: stats nothing: the device answered error 5 (no such entry)\n" });
  }, 120_000);

  it("say plainly when the device does not answer, the port is not there, or no port is given", async () => {
    const { pty } = await bootOnPty(path.join(here, "../boards/fixtures/idle-interval.ts"));
    const silent = await mote(["echo", "--port", pty, "--timeout", "0.5"]);
    expect(silent.code).toBe(1);
    expect(silent.stderr).toBe(`mote: echo: ${pty} did not answer within 500 ms (2 attempts); check the port and its baud rate, and that the device runs an SMP server (mote-boot, or an app with \`import "mote/smp"\`)\n`);
    const absent = await mote(["info", "--port", "/dev/pts/9999"]);
    expect(absent).toMatchObject({ code: 1, stderr: "mote: /dev/pts/9999 does not exist (is the board plugged in, or the simulator running?)\n" });
    for (const command of ["echo", "reset", "stats", "info"]) {
      const help = await mote([command, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: mote ${command}`);
    }
    const extra = await mote(["reset", "now", "--port", pty]);
    expect(extra).toMatchObject({ code: 1, stderr: "mote: 'mote reset' takes no arguments, got: now\n" });
    const noPort = await mote(["stats"]);
    expect(noPort.code).toBe(1);
    expect(noPort.stderr).toMatch(/^mote: 'mote stats' needs the device's port: --port <tty>; /);
  }, 120_000);

  it("info shows the crash report the device kept, symbolized with --elf", async () => {
    const { pty, elf } = await bootOnPty(path.join(here, "../boards/fixtures/smp-crash.ts"));
    const port = await openSerialPort(pty);
    let console = "";
    port.on("data", (data: Buffer) => { console += data.toString("latin1"); });
    port.write(Uint8Array.of(0x07)); // the fixture's cue to throw
    const deadline = Date.now() + 20_000;
    while (!console.includes(" kept=1")) {
      if (Date.now() > deadline) throw new Error(`no kept crash report; console: ${console}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((resolve) => port.close(resolve));
    const info = await mote(["info", "--port", pty, "--elf", elf]);
    expect(info.code, info.stderr).toBe(0);
    const lines = info.stdout.split("\n");
    expect(lines[0]).toMatch(/^cli-device: v2\.0\.1 on mps2-an385, boot \d+ \(reset: crash\), .*crashed before this boot \(throw\)$/);
    expect(info.stdout).toMatch(/at failOn \(.*smp-crash\.ts:9:/);
  }, 120_000);
});
