// Telemetry end to end (issue 9): real images on simulated boards publish through the serial
// link and the bridge into real brokers — aedes in-process and Mosquitto — and the host's
// consumer (flash-tool/telemetry) receives every reading once, in order, decoded; an
// independent client (mosquitto_sub) and cbor-x see the same bytes. Then the broker goes
// away and comes back, and the bridge is killed and started again, mid-stream.
//
// The simulators run in real time here (RunOptions.realTime): the device's timeouts race
// with real sockets, as on a real board.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { decode } from "cbor-x";
import { afterEach, describe, expect, it } from "vitest";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { runAppStreaming, type RunAppReason } from "../../sdk/cli/run-app.ts";
import { subscribeTelemetry, type TelemetrySubscription } from "../../flash-tool/telemetry/consumer.ts";
import type { DeviceStatus, Reading } from "../../flash-tool/telemetry/payload.ts";
import { mosquittoInstalled, startAedes, startMosquitto, type TestBroker } from "../host/brokers.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.join(here, "../..");
const COUNTER = path.join(here, "fixtures/telemetry-counter.ts");
/** What the counter publishes (telemetry-counter.ts) and how many it keeps offline. */
const TOTAL = 120;
const CAPACITY = 16;

const hasQemu = qemuAvailable();
const hasMosquitto = mosquittoInstalled();
const hasMosquittoSub = spawnSync("mosquitto_sub", ["--help"], { stdio: "ignore" }).error === undefined;
const hasSocat = spawnSync("socat", ["-V"], { stdio: "ignore" }).error === undefined;
if (!hasQemu) console.warn("NOTICE: qemu-system-arm not found; telemetry runs on the Pico only");
if (!hasMosquitto) console.warn("NOTICE: mosquitto not installed; telemetry runs against aedes only");
if (!hasSocat) console.warn("NOTICE: socat not installed; the Pico's pseudo-terminal is not tested");

/** A device run with its console, stopped by the test. */
class DeviceRun {
  console = "";
  readonly stop = new AbortController();
  readonly ended: Promise<{ reason: RunAppReason }>;
  private watchers: Array<() => void> = [];
  stderr = "";

  constructor(board: string, options: { broker?: string; serialPty?: (pty: string) => void; deviceId: string; app?: string }) {
    this.ended = runAppStreaming(options.app ?? COUNTER, board, {
      stdout: (bytes) => { this.console += Buffer.from(bytes).toString(); this.watchers.forEach((w) => w()); },
      stderr: (text) => { this.stderr += `${text}\n`; },
      broker: options.broker,
      serialPty: options.serialPty,
      identity: { deviceId: options.deviceId },
      realTime: true,
      timeoutMs: 120_000,
      signal: this.stop.signal,
    });
  }

  /** The last "dropped N" the device printed. */
  get dropped(): number {
    const all = [...this.console.matchAll(/dropped (\d+)/g)];
    return all.length === 0 ? 0 : Number(all[all.length - 1][1]);
  }
}

/** Readings and statuses of one device as the consumer delivers them. */
class Received {
  readings: Reading[] = [];
  statuses: DeviceStatus[] = [];
  duplicates = 0;
  private waiters: Array<{ ready: () => boolean; resolve: () => void }> = [];

  constructor(readonly subscription: TelemetrySubscription) {
    subscription.on("reading", (r) => { this.readings.push(r); this.check(); });
    subscription.on("status", (s) => { this.statuses.push(s); this.check(); });
    subscription.on("duplicate", () => { this.duplicates++; });
  }

  until(ready: () => boolean, what: string, ms = 90_000): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; have ${this.readings.length} readings: ` +
        this.readings.map((r) => r.seq).join(","))), ms);
      this.waiters.push({ ready, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  }

  get seqs(): number[] {
    return this.readings.map((r) => r.seq);
  }

  private check(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.ready()) return true;
      w.resolve();
      return false;
    });
  }
}

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function broker(kind: "aedes" | "mosquitto"): Promise<TestBroker> {
  const started = kind === "aedes" ? await startAedes() : await startMosquitto();
  cleanups.push(() => started.close());
  return started;
}

function consumer(url: string, device: string): Received {
  // A persistent session: QoS 1 readings published while the consumer is reconnecting wait
  // for it at the broker, which may hand them over interleaved with live ones: reordered.
  const subscription = subscribeTelemetry(url, { device, clientId: `e2e-${device}`, cleanSession: false, reconnectPeriodMs: 200, reorderMs: 2000 });
  cleanups.push(() => subscription.close());
  return new Received(subscription);
}

function device(board: string, options: ConstructorParameters<typeof DeviceRun>[1]): DeviceRun {
  const run = new DeviceRun(board, options);
  cleanups.push(async () => { run.stop.abort(); await run.ended; });
  return run;
}

/** Every reading of the counter, once, in order, with its value and this boot's id. */
function expectAllReadings(received: Received): void {
  expect(received.seqs).toEqual(Array.from({ length: TOTAL }, (_, i) => i));
  expect(received.readings.map((r) => r.value)).toEqual(received.seqs);
  expect(new Set(received.readings.map((r) => r.boot)).size).toBe(1);
}

/**
 * Every reading arrived once and in order, except those the device dropped, and its status
 * counts exactly those: a device on a pseudo-terminal runs before anyone opens it, as a real
 * board does before its bridge starts, and keeps only CAPACITY readings meanwhile.
 */
async function expectReadingsAccountedFor(received: Received): Promise<void> {
  await received.until(() => received.seqs.includes(TOTAL - 1), "the last reading");
  const seqs = received.seqs;
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  expect(new Set(seqs).size).toBe(seqs.length);
  expect(received.readings.map((r) => r.value)).toEqual(seqs);
  const missing = TOTAL - seqs.length;
  await received.until(() => received.statuses.some((s) => s.online && s.dropped === missing), `a status counting ${missing} dropped`);
}

/** The seqs that did not arrive, as runs [first, last]: the oldest of each stretch away. */
function gapsOf(seqs: number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < TOTAL; i++) {
    if (seqs.includes(i)) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  }
  return runs;
}

describe("telemetry from a simulated board through the bridge", () => {
  it("pico (rp2040js, bridged in-process) into aedes: every reading once, in order, and its status", async () => {
    const { url } = await broker("aedes");
    const received = consumer(url, "pico-e2e");
    await received.until(() => received.subscription.counts !== undefined, "the consumer");
    const run = device("pico", { broker: url, deviceId: "pico-e2e" });
    await received.until(() => received.readings.length >= TOTAL, `${TOTAL} readings`);
    expectAllReadings(received);
    const status = received.statuses.find((s) => s.online);
    expect(status).toMatchObject({ online: true, board: "pico", resetReason: "power-on", dropped: 0 });
    expect(received.readings.every((r, i) => i === 0 || r.t >= received.readings[i - 1].t)).toBe(true);
    expect(run.stderr).toMatch(/pico-e2e: connected to/);
  }, 120_000);

  it.skipIf(!hasQemu || !hasMosquitto)("mps2-an385 (QEMU) over its pseudo-terminal and `mote bridge` into Mosquitto, seen by mosquitto_sub", async () => {
    const mosquitto = await broker("mosquitto");
    const received = consumer(mosquitto.url, "an385-e2e");
    let sub: ChildProcess | undefined;
    let subOut = "";
    if (hasMosquittoSub) {
      sub = spawn("mosquitto_sub", ["-p", String(mosquitto.port), "-t", "mote/an385-e2e/telemetry/#", "-q", "1", "-F", "%x"]);
      sub.stdout!.on("data", (d: Buffer) => { subOut += d.toString(); });
      cleanups.push(() => sub!.kill());
    }
    const pty = await new Promise<string>((resolve) => device("mps2-an385", { serialPty: resolve, deviceId: "an385-e2e" }));
    const bridge = startBridge(pty, mosquitto.url);
    await expectReadingsAccountedFor(received);
    expect(bridge.log()).toMatch(/an385-e2e: connected to/);
    if (sub) {
      // The independent subscriber got the same payloads; cbor-x decodes them to the same values.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const payloads = subOut.trim().split("\n").filter(Boolean).map((hex) => decode(Buffer.from(hex, "hex")) as { seq: number; v: number });
      expect(payloads.map((p) => p.v).slice(-10)).toEqual(received.seqs.slice(-10));
    }
  }, 120_000);

  it.skipIf(!hasSocat)("pico over a pseudo-terminal (socat's, as QEMU boards have QEMU's) and `mote bridge` into aedes", async () => {
    const { url } = await broker("aedes");
    const received = consumer(url, "pico-pty");
    const pty = await new Promise<string>((resolve) => device("pico", { serialPty: resolve, deviceId: "pico-pty" }));
    expect(pty).toMatch(/^\/dev\/pts\/\d+$/);
    const bridge = startBridge(pty, url);
    await expectReadingsAccountedFor(received);
    expect(bridge.log()).toMatch(/pico-pty: connected to/);
  }, 120_000);

  it.skipIf(!hasQemu)("mps2-an386 (QEMU, Cortex-M4) bridged in-process into aedes", async () => {
    const { url } = await broker("aedes");
    const received = consumer(url, "an386-e2e");
    device("mps2-an386", { broker: url, deviceId: "an386-e2e" });
    await received.until(() => received.readings.length >= TOTAL, `${TOTAL} readings`);
    expectAllReadings(received);
  }, 120_000);

  it("the broker goes away and comes back: what the device kept arrives once, in order; what it dropped, its status counts", async () => {
    const aedes = await broker("aedes");
    const received = consumer(aedes.url, "pico-outage");
    const run = device("pico", { broker: aedes.url, deviceId: "pico-outage" });
    await received.until(() => received.readings.length >= 20, "20 readings");
    await aedes.stop();
    // Away long enough for the device to fill its buffer and drop some.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => { if (run.dropped >= 5) { clearInterval(poll); resolve(); } }, 50);
    });
    await aedes.start();
    await expectReadingsAccountedFor(received);
    // One stretch away, one run of dropped readings, the oldest of it: those that came during
    // the outage beyond the CAPACITY the device keeps. Under load a publish under way while the
    // client reconnects can be dropped too (counted, as the check above asserts): a second,
    // single-reading gap (seen once in a full run: [20, 34] and [43, 43]).
    const gaps = gapsOf(received.seqs);
    expect(gaps.length).toBeGreaterThanOrEqual(1);
    expect(gaps.length).toBeLessThanOrEqual(2);
    if (gaps.length === 2) expect(gaps[1][0]).toBe(gaps[1][1]);
    expect(run.dropped).toBeGreaterThan(0);
  }, 120_000);

  it.skipIf(!hasQemu)("the bridge is killed and started again: what the device kept arrives once, in order", async () => {
    const aedes = await broker("aedes");
    const received = consumer(aedes.url, "an385-bridge");
    const pty = await new Promise<string>((resolve) => device("mps2-an385", { serialPty: resolve, deviceId: "an385-bridge" }));
    const first = startBridge(pty, aedes.url);
    await received.until(() => received.readings.length >= 20, "20 readings");
    first.process.kill("SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = startBridge(pty, aedes.url);
    await expectReadingsAccountedFor(received);
    // Dropped before the first bridge opened the port, and while none was there. Under load a
    // publish under way when the bridge was killed can be dropped too (counted, as the check
    // above asserts): one more gap, of a single reading (seen once in a full run).
    const gaps = gapsOf(received.seqs);
    expect(gaps.filter(([from, to]) => to > from).length).toBeLessThanOrEqual(2);
    expect(gaps.length).toBeLessThanOrEqual(3);
    expect(second.log()).toMatch(/an385-bridge: connected to/);
  }, 120_000);
});

describe("telemetry.flush()", () => {
  it("resolves once the broker has acknowledged every reading published (pico into aedes)", async () => {
    const aedes = await broker("aedes");
    // What the broker has accepted from the device: the seqs of its readings.
    const atBroker = new Set<number>();
    aedes.aedes!.on("publish", (packet, client) => {
      if (client && packet.topic.startsWith("mote/pico-flush/telemetry/")) atBroker.add((decode(packet.payload as Buffer) as { seq: number }).seq);
    });
    const run = device("pico", { broker: aedes.url, deviceId: "pico-flush", app: path.join(here, "fixtures/telemetry-flush.ts") });
    let brokerHadWhenAcknowledged = -1;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no acknowledgement; console: ${run.console}`)), 60_000);
      const poll = setInterval(() => {
        if (!run.console.includes("acknowledged")) return;
        brokerHadWhenAcknowledged = atBroker.size;
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }, 1);
    });
    // (The last newline waits in mote run's crash-line filter until more comes.)
    expect(run.console.trimEnd()).toBe("nothing waiting: 0\npublished 30, waiting 30\nacknowledged, waiting 0");
    expect(brokerHadWhenAcknowledged).toBe(30);
  }, 90_000);
});

/** `mote bridge --port <pty> --broker <url>` as a user runs it. */
function startBridge(pty: string, url: string): { process: ChildProcess; log(): string } {
  const child = spawn(process.execPath, [path.join(repoRoot, "sdk/cli/mote.js"), "bridge", "--port", pty, "--broker", url], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stderr!.on("data", (d: Buffer) => { log += d.toString(); });
  child.stdout!.on("data", () => {});
  cleanups.push(() => child.kill("SIGKILL"));
  return { process: child, log: () => log };
}
