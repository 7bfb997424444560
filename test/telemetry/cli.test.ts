// `mote telemetry` and `mote broker` as a user runs them: real child processes of
// sdk/cli/mote.js, a real broker, a device stand-in publishing CBOR over MQTT.

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { connectAsync } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { startBroker } from "../../flash-tool/telemetry/broker.ts";
import { repoRoot } from "../fixtures/mote-cli.ts";
import { buildHello, crashInIsPrime } from "./hello-crash.ts";
import { FakeDevice, freePort } from "./helpers.ts";

const moteBin = path.join(repoRoot, "sdk/cli/mote.js");
const TEST_TIMEOUT_MS = 60_000;

interface Mote {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when stderr matches. */
  stderrMatches(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

function startMote(args: string[]): Mote {
  const child = spawn(process.execPath, [moteBin, ...args], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const waiting: Array<() => void> = [];
  child.stdout!.on("data", (d: Buffer) => { stdout += d.toString("utf8"); });
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString("utf8");
    for (const check of waiting.splice(0)) check();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    stderrMatches(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = stderr.match(pattern);
          if (match) return resolve(match);
          if (child.exitCode !== null) return reject(new Error(`mote exited before printing ${pattern}; stderr:\n${stderr}`));
          waiting.push(check);
        };
        child.once("exit", () => check());
        check();
      });
    },
    exited,
  };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function stopOnCleanup(mote: Mote): void {
  cleanups.push(() => {
    if (mote.child.exitCode === null) mote.child.kill("SIGTERM");
  });
}

async function brokerAndDevice(id = "pico-1") {
  const broker = await startBroker({ port: 0 });
  cleanups.push(() => broker.close());
  const device = await FakeDevice.connect(broker.url, id);
  cleanups.push(() => device.close());
  return { broker, device };
}

describe("mote telemetry", () => {
  it("--json prints one JSON object per reading and status on stdout, messages on stderr", async () => {
    const { broker, device } = await brokerAndDevice();
    await device.status({ online: true, version: "0.1.0", board: "pico", uptime: 900, resetReason: "power-on", heapUsed: 10, heapFree: 20, loopLag: 0, dropped: 0, boot: 3 });
    const mote = startMote(["telemetry", "--broker", broker.url, "--json", "--count", "3"]);
    stopOnCleanup(mote);
    await mote.stderrMatches(/connected to mqtt:\/\/127\.0\.0\.1:\d+/);

    await device.reading("temperature", { seq: 0, boot: 3, t: 100 }, 23.5);
    await device.reading("temperature", { seq: 0, boot: 3, t: 100 }, 23.5); // a copy
    await device.raw("mote/pico-1/telemetry/temperature", new Uint8Array([0xff, 0xfe])); // not CBOR
    await device.reading("env", { seq: 1, boot: 3, t: 200 }, { temperature: 22, humidity: 41.5 }, true);
    await device.reading("bytes", { seq: 2, boot: 3, t: 300 }, new Uint8Array([1, 2, 255]));
    expect(await mote.exited).toBe(0);

    const lines = mote.stdout().trim().split("\n").map((line) => JSON.parse(line));
    for (const line of lines) {
      expect(new Date(line.receivedAt).toISOString()).toBe(line.receivedAt);
      delete line.receivedAt;
    }
    expect(lines).toEqual([
      { type: "status", device: "pico-1", online: true, version: "0.1.0", board: "pico", uptime: 900, resetReason: "power-on", heapUsed: 10, heapFree: 20, loopLag: 0, dropped: 0, boot: 3, retained: true },
      { type: "reading", device: "pico-1", name: "temperature", seq: 0, boot: 3, t: 100, value: 23.5 },
      { type: "reading", device: "pico-1", name: "env", seq: 1, boot: 3, t: 200, fields: { temperature: 22, humidity: 41.5 } },
      { type: "reading", device: "pico-1", name: "bytes", seq: 2, boot: 3, t: 300, value: "0102ff" },
    ]);
    expect(mote.stderr()).toMatch(/pico-1 temperature boot 3 seq 0 arrived again; dropped the copy \(1 copy so far\)/);
    expect(mote.stderr()).toMatch(/bad payload on mote\/pico-1\/telemetry\/temperature: not valid CBOR/);
    expect(mote.stderr()).toMatch(/mote: 3 readings, 1 status, 1 copy dropped, 0 out of order, 0 missing, 1 bad payload\n/);
  }, TEST_TIMEOUT_MS);

  it("prints readable lines, and a status's crash symbolized with --elf", async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "mote-telemetry-cli-"));
    cleanups.push(() => fs.rmSync(outDir, { recursive: true, force: true }));
    const { image, elfPath } = buildHello(outDir);
    const { broker, device } = await brokerAndDevice();
    // The crash as sdk/lib/telemetry.ts sends it: pc, lr, sp and frames as little-endian words.
    const crash = crashInIsPrime(image);
    const words = Buffer.alloc(16);
    [crash.pc, crash.lr, crash.sp, ...crash.frames].forEach((word, i) => words.writeUInt32LE(word >>> 0, 4 * i));
    await device.status({ online: true, boot: 4, crash: { kind: crash.kind, code: crash.code, words: new Uint8Array(words) } });

    const mote = startMote(["telemetry", "-b", broker.url, "--device", "pico-1", "--elf", elfPath, "-c", "2"]);
    stopOnCleanup(mote);
    await mote.stderrMatches(/connected to/);
    await device.reading("temperature", { seq: 0, boot: 4, t: 10 }, 21.25);
    await device.reading("mode", { seq: 1, boot: 4, t: 20 }, "heating");
    expect(await mote.exited).toBe(0);

    const out = mote.stdout();
    expect(out).toMatch(/^\d\d:\d\d:\d\d\.\d{3} pico-1 status: online, boot 4, crashed before this boot \(hardfault\)\n/);
    expect(out).toMatch(/\npico-1 crashed before boot 4:\n {2}\S.*\n {6}at isPrime \(examples\/hello\/app\.ts:\d+:\d+\)\n {6}at examples\/hello\/app\.ts:\d+:\d+\n/);
    expect(out).toMatch(/\n\d\d:\d\d:\d\d\.\d{3} pico-1 temperature 21\.25 {2}\(seq 0\)\n/);
    expect(out).toMatch(/\n\d\d:\d\d:\d\d\.\d{3} pico-1 mode heating {2}\(seq 1\)\n$/);
  }, TEST_TIMEOUT_MS);

  it("--plot into a pipe draws each series once at the end, with the values' range", async () => {
    const { broker, device } = await brokerAndDevice();
    await device.status({ online: true, version: "0.1.0", board: "pico", boot: 1, dropped: 2 });
    const mote = startMote(["telemetry", "--broker", broker.url, "--plot", "--count", "12"]);
    stopOnCleanup(mote);
    await mote.stderrMatches(/connected to/);
    const values = [10, 12, 15, 19, 24, 30, 27, 22, 18, 14, 11, 16];
    for (let i = 0; i < values.length; i++) await device.reading("temperature", { seq: i, boot: 1, t: i * 1000 }, values[i]);
    expect(await mote.exited).toBe(0);

    const out = mote.stdout();
    expect(out).toContain("pico-1 temperature  now 16  (min 10, max 30, 12 readings)");
    const rows = out.split("\n").filter((line) => /[┤┼]/.test(line));
    expect(rows).toHaveLength(8);
    // Axis labels from the maximum down to the minimum; the line starts at the bottom row.
    expect(rows[0]).toMatch(/^30\.0┤/);
    expect(rows[7]).toMatch(/^10\.0┼/);
    expect(out).toContain("pico-1: online, v0.1.0 on pico, boot 1, 2 dropped");
  }, TEST_TIMEOUT_MS);

  it("says clearly that the broker does not answer, and keeps retrying", async () => {
    const port = await freePort();
    const mote = startMote(["telemetry", "--broker", `mqtt://127.0.0.1:${port}`, "--count", "1"]);
    stopOnCleanup(mote);
    await mote.stderrMatches(/mote: broker mqtt:\/\/127\.0\.0\.1:\d+ unreachable \(.*ECONNREFUSED.*\); retrying every 1 s\. Start one with 'mote broker', or give --broker <url>\n/);
    // The broker comes up: the same process connects and shows readings.
    const broker = await startBroker({ port });
    cleanups.push(() => broker.close());
    await mote.stderrMatches(/connected to mqtt/);
    const device = await FakeDevice.connect(broker.url, "late-1");
    cleanups.push(() => device.close());
    await device.reading("x", { seq: 0, boot: 0, t: 0 }, 1);
    expect(await mote.exited).toBe(0);
    expect(mote.stdout()).toMatch(/late-1 x 1 {2}\(seq 0\)/);
    expect(mote.stderr()).not.toMatch(/\n\s+at /); // no stack trace
  }, TEST_TIMEOUT_MS);

  it("refuses bad options with a usage message", async () => {
    const both = startMote(["telemetry", "--json", "--plot"]);
    expect(await both.exited).toBe(1);
    expect(both.stderr()).toBe("mote: --json and --plot are two different outputs; choose one\n");
    const url = startMote(["telemetry", "--broker", "localhost:1883"]);
    expect(await url.exited).toBe(1);
    expect(url.stderr()).toMatch(/^mote: 'localhost:1883' is not a broker URL/);
    const elf = startMote(["telemetry", "--elf", "/nonexistent/app.elf"]);
    expect(await elf.exited).toBe(1);
    expect(elf.stderr()).toBe("mote: cannot read the ELF /nonexistent/app.elf: no such file\n");
  }, TEST_TIMEOUT_MS);
});

describe("mote --help", () => {
  it("lists broker and telemetry, each with its own usage", async () => {
    const top = startMote(["--help"]);
    expect(await top.exited).toBe(0);
    expect(top.stdout()).toMatch(/\n {2}mote broker \[--port 1883\]\n {2}mote telemetry \[--broker <url>\]/);
    for (const command of ["broker", "telemetry"]) {
      const help = startMote([command, "--help"]);
      expect(await help.exited).toBe(0);
      expect(help.stdout()).toContain(`Usage: mote ${command} [options]`);
    }
  }, TEST_TIMEOUT_MS);
});

describe("mote broker", () => {
  it("accepts a client and logs it and its subscription", async () => {
    const mote = startMote(["broker", "--port", "0"]);
    stopOnCleanup(mote);
    const [, url] = await mote.stderrMatches(/mote: broker listening on (mqtt:\/\/127\.0\.0\.1:\d+)/);
    const client = await connectAsync(url, { clientId: "probe-1" });
    await client.subscribeAsync("mote/+/status", { qos: 1 });
    await mote.stderrMatches(/client probe-1 subscribed to mote\/\+\/status \(QoS 1\)/);
    expect(mote.stderr()).toMatch(/client probe-1 connected/);
    await client.endAsync();
    await mote.stderrMatches(/client probe-1 disconnected/);
  }, TEST_TIMEOUT_MS);

  it("says when the port is taken", async () => {
    const broker = await startBroker({ port: 0 });
    cleanups.push(() => broker.close());
    const mote = startMote(["broker", "--port", String(broker.port)]);
    expect(await mote.exited).toBe(1);
    expect(mote.stderr()).toBe(`mote: port ${broker.port} on 127.0.0.1 is in use (another broker?); choose another with --port, or 0 for a free one\n`);
  }, TEST_TIMEOUT_MS);
});
