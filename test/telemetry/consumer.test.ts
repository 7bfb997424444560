// subscribeTelemetry against real brokers (aedes in-process through startBroker, and a
// spawned Mosquitto) with a device stand-in publishing as mote devices do: QoS 1 CBOR
// readings with deliberate copies, a late reading, bad payloads, an object reading and a
// retained status carrying a crash. mosquitto_sub, an independent client, must see the same.

import { spawn } from "node:child_process";
import { decode } from "cbor-x";
import { afterEach, describe, expect, it } from "vitest";
import { startBroker } from "../../flash-tool/telemetry/broker.ts";
import { subscribeTelemetry, type ConnectionEvent, type TelemetrySubscription } from "../../flash-tool/telemetry/consumer.ts";
import type { DeviceStatus, Reading } from "../../flash-tool/telemetry/payload.ts";
import { cbor, FakeDevice, freePort, hasMosquitto, hasMosquittoSub, startMosquitto, until } from "./helpers.ts";

interface Broker { url: string; port: number; stop(): Promise<void>; restart(): Promise<void> }

async function aedesBroker(): Promise<Broker> {
  let running = await startBroker({ port: 0 });
  const port = running.port;
  return {
    url: running.url,
    port,
    stop: () => running.close(),
    restart: async () => { running = await startBroker({ port }); },
  };
}

async function mosquittoBroker(): Promise<Broker> {
  let running = await startMosquitto();
  const port = running.port;
  return {
    url: running.url,
    port,
    stop: () => running.stop(),
    restart: async () => { running = await startMosquitto(port); },
  };
}

const brokers = [
  { name: "aedes", start: aedesBroker, available: true },
  { name: "Mosquitto", start: mosquittoBroker, available: hasMosquitto },
];

/** An event that never comes fails the test in seconds instead of hanging it. */
const TEST_TIMEOUT_MS = 20_000;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function collect(subscription: TelemetrySubscription) {
  const seen = { readings: [] as Reading[], statuses: [] as DeviceStatus[], connection: [] as ConnectionEvent[], bad: [] as string[], duplicates: [] as number[], gaps: [] as string[] };
  subscription.on("reading", (r) => seen.readings.push(r));
  subscription.on("status", (s) => seen.statuses.push(s));
  subscription.on("connection", (c) => seen.connection.push(c));
  subscription.on("bad-payload", (b) => seen.bad.push(`${b.topic}: ${b.reason}`));
  subscription.on("duplicate", (d) => seen.duplicates.push(d.seq));
  subscription.on("gap", (g) => seen.gaps.push(`${g.device} ${g.boot}: ${g.after}..${g.next} (${g.missing})`));
  return seen;
}

const CRASH = { kind: "panic", code: 1, pc: 0x10000123, lr: 0x10000201, sp: 0x20040f00, frames: [0x10000301, 0x10000401], build: new Uint8Array([0xde, 0xad, 0xbe, 0xef]) };

for (const broker of brokers) {
  describe.skipIf(!broker.available)(`telemetry consumer on ${broker.name}`, () => {
    it("yields each reading once, decoded, and reports copies, late readings and bad payloads", async () => {
      const server = await broker.start();
      cleanups.push(() => server.stop());
      const device = await FakeDevice.connect(server.url, "pico-1");
      cleanups.push(() => device.close());
      // Retained before anyone subscribes: the consumer gets it at subscription.
      await device.status({ online: true, version: "1.2.0", board: "pico", uptime: 1500, resetReason: "watchdog", heapUsed: 1200, heapFree: 60000, loopLag: 2, dropped: 3, boot: 7, crash: CRASH });

      // An independent client sees the same messages on the wire.
      const expectedOnWire = 9;
      const sub = hasMosquittoSub
        ? spawn("mosquitto_sub", ["-h", "127.0.0.1", "-p", String(server.port), "-q", "1", "-t", "mote/#", "-C", String(expectedOnWire), "-F", "%t %x"])
        : undefined;
      const subOutput = collectOutput(sub);

      const telemetry = subscribeTelemetry(server.url, { device: "pico-1" });
      cleanups.push(() => telemetry.close());
      const seen = collect(telemetry);
      await telemetry.whenConnected();
      // mosquitto_sub has subscribed once the retained status reached it.
      await subOutput.first;

      await device.reading("temperature", { seq: 0, boot: 7, t: 1000 }, 23.5);
      await device.reading("humidity", { seq: 1, boot: 7, t: 1001 }, 41);
      await device.reading("humidity", { seq: 1, boot: 7, t: 1001 }, 41); // a QoS 1 copy
      await device.reading("env", { seq: 2, boot: 7, t: 1002 }, { temperature: 22.25, humidity: 40, label: "kitchen" }, true);
      await device.raw("mote/pico-1/telemetry/temperature", new Uint8Array([0xa2, 0x63, 0x73])); // truncated CBOR
      await device.raw("mote/pico-1/telemetry/temperature", cbor.encode({ boot: 7, t: 1003, v: 1 })); // no seq
      await device.reading("temperature", { seq: 5, boot: 7, t: 1005 }, -4.75);
      await device.reading("temperature", { seq: 4, boot: 7, t: 1004 }, 0); // late
      await device.reading("temperature", { seq: 0, boot: 8, t: 10 }, 21); // the next boot starts again at 0

      await until(telemetry, ["reading", "bad-payload", "duplicate", "status"], () =>
        seen.readings.length === 6 && seen.bad.length === 2 && seen.duplicates.length === 1 && seen.statuses.length === 1);

      expect(seen.readings.map((r) => [r.name, r.boot, r.seq, r.t, r.value ?? r.fields, r.outOfOrder ?? false])).toEqual([
        ["temperature", 7, 0, 1000, 23.5, false],
        ["humidity", 7, 1, 1001, 41, false],
        ["env", 7, 2, 1002, { temperature: 22.25, humidity: 40, label: "kitchen" }, false],
        ["temperature", 7, 5, 1005, -4.75, false],
        ["temperature", 7, 4, 1004, 0, true],
        ["temperature", 8, 0, 10, 21, false],
      ]);
      expect(seen.readings.every((r) => r.device === "pico-1" && r.receivedAt instanceof Date)).toBe(true);
      expect(seen.duplicates).toEqual([1]);
      expect(seen.bad[0]).toMatch(/^mote\/pico-1\/telemetry\/temperature: not valid CBOR/);
      expect(seen.bad[1]).toBe("mote/pico-1/telemetry/temperature: the reading lacks 'seq'");
      // seq 5 skipped 3 and 4; 4 came late, 3 is still missing.
      expect(seen.gaps).toEqual(["pico-1 7: 2..5 (2)"]);
      expect(telemetry.counts).toEqual({ readings: 6, statuses: 1, duplicates: 1, outOfOrder: 1, missing: 1, badPayloads: 2 });

      const status = seen.statuses[0];
      expect(status).toMatchObject({
        device: "pico-1", online: true, version: "1.2.0", board: "pico", uptime: 1500, resetReason: "watchdog",
        heapUsed: 1200, heapFree: 60000, loopLag: 2, dropped: 3, boot: 7, retained: true,
      });
      expect(status.crash).toEqual({ kind: "panic", code: 1, pc: 0x10000123, lr: 0x10000201, sp: 0x20040f00, frames: [0x10000301, 0x10000401], build: "deadbeef" });

      if (sub) {
        const lines = (await subOutput.all).trim().split("\n");
        expect(lines).toHaveLength(expectedOnWire);
        const decoded = lines.map((line) => {
          const [topic, hex] = line.split(" ");
          try {
            return [topic, decode(Buffer.from(hex, "hex"))];
          } catch {
            return [topic, "not CBOR"];
          }
        });
        expect(decoded[0]).toEqual(["mote/pico-1/status", expect.objectContaining({ online: true, boot: 7, dropped: 3 })]);
        expect(decoded[1]).toEqual(["mote/pico-1/telemetry/temperature", { seq: 0, boot: 7, t: 1000, v: 23.5 }]);
        // The copy is on the wire twice; only the consumer de-duplicates.
        expect(decoded[2]).toEqual(decoded[3]);
        expect(decoded[5]).toEqual(["mote/pico-1/telemetry/temperature", "not CBOR"]);
      } else {
        console.warn("NOTICE: mosquitto_sub is not installed; the independent-client check is skipped");
      }
    }, TEST_TIMEOUT_MS);

    it("with reorderMs, delivers readings in seq order, gives up a gap that does not fill, and flags what comes after", async () => {
      const server = await broker.start();
      cleanups.push(() => server.stop());
      const device = await FakeDevice.connect(server.url, "pico-2");
      cleanups.push(() => device.close());
      const telemetry = subscribeTelemetry(server.url, { device: "pico-2", reorderMs: 300 });
      cleanups.push(() => telemetry.close());
      const seen = collect(telemetry);
      await telemetry.whenConnected();

      // As a broker hands over what it stored for a session interleaved with live readings.
      for (const seq of [0, 1, 3, 4, 2, 6, 7]) await device.reading("count", { seq, boot: 3, t: seq }, seq);
      await until(telemetry, ["reading"], () => seen.readings.length === 5);
      // 2 filled the first gap at once: 0..4 in order, none flagged; 6 and 7 wait for 5.
      expect(seen.readings.map((r) => [r.seq, r.outOfOrder ?? false])).toEqual([[0, false], [1, false], [2, false], [3, false], [4, false]]);
      expect(seen.gaps).toEqual([]);
      await until(telemetry, ["reading"], () => seen.readings.length === 7);
      expect(seen.gaps).toEqual(["pico-2 3: 4..6 (1)"]);
      expect(telemetry.counts.missing).toBe(1);
      await device.reading("count", { seq: 5, boot: 3, t: 5 }, 5); // later than the wait
      await until(telemetry, ["reading"], () => seen.readings.length === 8);
      expect(seen.readings.slice(5).map((r) => [r.seq, r.outOfOrder ?? false])).toEqual([[6, false], [7, false], [5, true]]);
      expect(telemetry.counts).toMatchObject({ readings: 8, outOfOrder: 1, missing: 0 });
    }, TEST_TIMEOUT_MS);

    it("reports a broker outage and continues when the broker is back", async () => {
      const server = await broker.start();
      cleanups.push(() => server.stop());
      const device = await FakeDevice.connect(server.url, "qemu-1");
      cleanups.push(() => device.close());
      const telemetry = subscribeTelemetry(server.url, { reconnectPeriodMs: 100 });
      cleanups.push(() => telemetry.close());
      const seen = collect(telemetry);
      await telemetry.whenConnected();

      await device.reading("temperature", { seq: 0, boot: 1, t: 100 }, 20);
      await until(telemetry, ["reading"], () => seen.readings.length === 1);

      await server.stop();
      await until(telemetry, ["connection"], () => seen.connection.some((c) => c.state === "disconnected"));
      await server.restart();
      await until(telemetry, ["connection"], () => seen.connection.filter((c) => c.state === "connected").length === 2);
      if (!device.client.connected) await new Promise((resolve) => device.client.once("connect", resolve));

      await device.reading("temperature", { seq: 1, boot: 1, t: 200 }, 21);
      await device.reading("temperature", { seq: 0, boot: 1, t: 100 }, 20); // replayed after the outage
      await device.reading("temperature", { seq: 2, boot: 1, t: 300 }, 22);
      await until(telemetry, ["reading"], () => seen.readings.length === 3);

      expect(seen.readings.map((r) => [r.seq, r.value])).toEqual([[0, 20], [1, 21], [2, 22]]);
      expect(telemetry.counts.duplicates).toBe(1);
      // Attempts while the broker is down may also report it unreachable (connection refused).
      const states = seen.connection.map((c) => c.state).filter((state) => state !== "unreachable");
      expect(states).toEqual(["connected", "disconnected", "connected"]);
      const outage = seen.connection[1];
      expect(outage.url).toBe(server.url);
      expect(outage.retryInMs).toBe(100);
    }, TEST_TIMEOUT_MS);
  });
}

describe("telemetry consumer without a broker", () => {
  it("reports the broker unreachable, keeps retrying, and connects when one starts", async () => {
    const port = await freePort();
    const telemetry = subscribeTelemetry(`mqtt://127.0.0.1:${port}`, { reconnectPeriodMs: 100 });
    cleanups.push(() => telemetry.close());
    const seen = collect(telemetry);
    await until(telemetry, ["connection"], () => seen.connection.length > 0);
    expect(seen.connection[0]).toMatchObject({ state: "unreachable", url: `mqtt://127.0.0.1:${port}`, retryInMs: 100 });
    expect(seen.connection[0].reason).toMatch(/ECONNREFUSED/);

    const server = await startBroker({ port });
    cleanups.push(() => server.close());
    await telemetry.whenConnected();
    // One "unreachable" however many attempts failed: changes only.
    expect(seen.connection.map((c) => c.state)).toEqual(["unreachable", "connected"]);
  }, TEST_TIMEOUT_MS);

  it("reports a subscription the broker refuses", async () => {
    const server = await startBroker({ port: 0 });
    cleanups.push(() => server.close());
    server.aedes.authorizeSubscribe = (_client, _subscription, callback) => callback(null, null) // denied: SUBACK 0x80;
    const telemetry = subscribeTelemetry(server.url);
    cleanups.push(() => telemetry.close());
    const seen = collect(telemetry);
    await until(telemetry, ["connection"], () => seen.connection.length > 0);
    expect(seen.connection[0]).toMatchObject({ state: "refused", url: server.url });
    expect(seen.connection[0].reason).toMatch(/^the broker refused the subscription to mote\/\+\/telemetry\/#, mote\/\+\/status \(Subscribe error: /);
  }, TEST_TIMEOUT_MS);

  it("refuses URLs and filters that cannot work, with a clear message", () => {
    expect(() => subscribeTelemetry("http://localhost:1883")).toThrow(/scheme must be one of mqtt:\/\//);
    expect(() => subscribeTelemetry("127.0.0.1:1883")).toThrow(/not a broker URL/);
    expect(() => subscribeTelemetry("mqtt://127.0.0.1:1", { device: "pico/1" })).toThrow(/device id 'pico\/1' contains/);
    expect(() => subscribeTelemetry("mqtt://127.0.0.1:1", { name: "#" })).toThrow(/reading name '#'/);
  });
});

/** mosquitto_sub's stdout: its first line, and all of it once it exits (after -C messages). */
function collectOutput(child: ReturnType<typeof spawn> | undefined): { first: Promise<void>; all: Promise<string> } {
  if (!child) return { first: Promise.resolve(), all: Promise.resolve("") };
  let text = "";
  let firstLine: () => void = () => {};
  const first = new Promise<void>((resolve) => { firstLine = resolve; });
  child.stdout!.on("data", (data: Buffer) => {
    text += data.toString("utf8");
    if (text.includes("\n")) firstLine();
  });
  const all = new Promise<string>((resolve) => child.once("exit", () => { firstLine(); resolve(text); }));
  return { first, all };
}
