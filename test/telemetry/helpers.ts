// Test helpers for the telemetry suites: a device stand-in that publishes as a mote device
// does (mqtt.js + cbor-x, QoS 1), real brokers (aedes through startBroker, a spawned
// Mosquitto), and waiting for events without timing assumptions.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import { Encoder } from "cbor-x";
import { connectAsync, type MqttClient } from "mqtt";

/** Preferred serialization, as devices encode (PROTOCOLS.md "CBOR"). */
export const cbor = new Encoder({ useRecords: false, tagUint8Array: false, variableMapSize: true });

export const hasMosquitto = spawnSync("mosquitto", ["-h"]).error === undefined;
export const hasMosquittoSub = spawnSync("mosquitto_sub", ["--help"]).error === undefined;
if (!hasMosquitto) {
  console.warn("NOTICE: mosquitto is not installed; the telemetry tests against Mosquitto are skipped " +
    "(install it with: sudo apt-get install mosquitto mosquitto-clients)");
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves once something accepts TCP connections on the port. */
export async function untilListening(port: number): Promise<void> {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => { socket.destroy(); resolve(true); });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface Mosquitto {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Spawns `mosquitto -p <port>` (local-only mode) and waits until it listens. */
export async function startMosquitto(port?: number): Promise<Mosquitto> {
  const chosen = port ?? await freePort();
  const child = spawn("mosquitto", ["-p", String(chosen)], { stdio: "ignore" });
  await untilListening(chosen);
  return {
    url: `mqtt://127.0.0.1:${chosen}`,
    port: chosen,
    process: child,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    }),
  };
}

/** A device as seen from the broker: publishes CBOR readings and statuses like mote devices. */
export class FakeDevice {
  private constructor(readonly id: string, readonly client: MqttClient) {}

  static async connect(url: string, id: string, options: { will?: boolean } = {}): Promise<FakeDevice> {
    const client = await connectAsync(url, {
      clientId: `dev-${id}`,
      reconnectPeriod: 200,
      will: options.will ? { topic: `mote/${id}/status`, payload: Buffer.from(cbor.encode({ online: false })), qos: 1, retain: true } : undefined,
    });
    return new FakeDevice(id, client);
  }

  /** Publishes one reading: `{ seq, boot, t, v }`, or the object's fields instead of v. */
  async reading(name: string, envelope: { seq: number; boot: number; t: number }, value: unknown, asFields = false): Promise<void> {
    const map = asFields ? { ...envelope, ...(value as object) } : { ...envelope, v: value };
    await this.raw(`mote/${this.id}/telemetry/${name}`, cbor.encode(map));
  }

  async raw(topic: string, payload: Uint8Array, retain = false): Promise<void> {
    await this.client.publishAsync(topic, Buffer.from(payload), { qos: 1, retain });
  }

  async status(status: Record<string, unknown>): Promise<void> {
    await this.raw(`mote/${this.id}/status`, cbor.encode(status), true);
  }

  async close(): Promise<void> {
    await this.client.endAsync();
  }
}

/** Resolves when `test` holds, checking after each event of `emitter` (no timing). */
export function until<E extends { on(event: string, listener: (...args: any[]) => void): unknown; off(event: string, listener: (...args: any[]) => void): unknown }>(
  emitter: E, events: string[], test: () => boolean,
): Promise<void> {
  if (test()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (!test()) return;
      for (const event of events) emitter.off(event, check);
      resolve();
    };
    for (const event of events) emitter.on(event, check);
  });
}
