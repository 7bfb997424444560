// Telemetry: `import { telemetry } from "mote/telemetry"`, then
// `telemetry.publish("temperature", 23.5)` or `telemetry.publish("env", { t: 23.5, h: 41 })`.
//
// Each reading goes to `mote/<device.id>/telemetry/<name>` at QoS 1 as a CBOR map
// `{ seq, boot, t, v }` — or `{ seq, boot, t, ...fields }` for an object — where `seq` counts
// this boot's readings, `boot` tells this boot from others (sdk/lib/rt/boot-id.ts) and `t`
// is the device's time in ms (PROTOCOLS.md, "MQTT topics and payloads"). On each connection
// the device also publishes its retained status, `mote/<id>/status`; its last will marks it
// `{ online: false }`.
//
// Store and forward: readings wait in the MQTT client's outbox while the broker or the
// bridge is away, and go out in order when it is back; a reading sent again after a lost
// acknowledgement carries the same seq, so the host drops the copy. When `capacity`
// readings wait, the oldest one not yet sent makes room and counts in `dropped` (and in the
// status). The transport is the serial link's (link/transport.ts) through `mote bridge`; a
// board with its own network will pass its TCP transport to `start`.

import { DEVICE_ID } from "mote/board";
import { CborWriter, writeValue } from "./cbor.ts";
import { MqttClient } from "./mqtt.ts";
import type { Transport } from "./mqtt/transport.ts";
import { link } from "./link.ts";
import { LinkTransport } from "./link/transport.ts";
import { HEALTH_ENTRIES, writeCrash, writeHealth } from "./device-health.ts";
import { bootId } from "./rt/boot-id.ts";
import { keptCrash } from "./rt/crash-record.ts";
import { now } from "./rt/timers.ts";

/** How telemetry connects and how much it keeps. */
export interface TelemetryOptions {
  /** Readings kept while the broker is away (default 64); beyond it the oldest is dropped. */
  capacity?: number;
  /** How often the status is published again while connected, in ms (default 60000; 0: only
   *  on connecting). */
  statusIntervalMs?: number;
  /** The stream to the broker (default: the serial link to `mote bridge`). */
  transport?: Transport;
}

export class Telemetry {
  private client: MqttClient | undefined;
  private readonly writer = new CborWriter(64);
  private seq = 0;
  private capacity = 64;
  private statusIntervalMs = 60000;
  private statusTimer: ReturnType<typeof setInterval> | undefined;
  private statusWaiting = false;
  private flushed: Array<() => void> = [];
  /** Readings dropped from a full buffer since boot. */
  dropped = 0;

  /** Connects now (publish() connects at the first reading otherwise). */
  start(options?: TelemetryOptions): void {
    if (this.client !== undefined) throw new Error("telemetry.start: telemetry has already started");
    if (options !== undefined && options.capacity !== undefined) {
      if (options.capacity < 1 || options.capacity !== (options.capacity | 0)) {
        throw new RangeError(`telemetry.start: capacity must be a whole number of readings, at least 1, got ${options.capacity}`);
      }
      this.capacity = options.capacity;
    }
    if (options !== undefined && options.statusIntervalMs !== undefined) this.statusIntervalMs = options.statusIntervalMs;
    const transport = options !== undefined && options.transport !== undefined ? options.transport : new LinkTransport(link);
    const topic = this.statusTopic();
    const client = new MqttClient(transport, {
      clientId: DEVICE_ID,
      keepAliveS: 30,
      cleanSession: true,
      will: { topic, payload: this.offlineStatus(), qos: 1, retain: true },
      reconnect: { minDelayMs: 500, maxDelayMs: 8000 },
      // Room for a status message besides the readings.
      maxQueued: this.capacity + 2,
      maxInFlight: 8,
    });
    this.client = client;
    client.onConnected(() => {
      this.publishStatus();
      if (this.statusIntervalMs > 0 && this.statusTimer === undefined) {
        this.statusTimer = setInterval(() => this.publishStatus(), this.statusIntervalMs);
      }
    });
    client.onDisconnected(() => {
      if (this.statusTimer !== undefined) clearInterval(this.statusTimer);
      this.statusTimer = undefined;
    });
    client.connect();
  }

  /** Whether the broker has the device's connection now. */
  get connected(): boolean {
    return this.client !== undefined && this.client.connected;
  }

  /** Readings (and status messages) waiting to be sent or acknowledged. */
  get waiting(): number {
    return this.client === undefined ? 0 : this.client.queued + this.client.inFlight;
  }

  /** Resolves once nothing waits: the broker has acknowledged every reading published so
   *  far (or it was dropped). What an app that sleeps or resets next waits for. */
  flush(): Promise<void> {
    if (this.waiting === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.flushed.push(resolve);
    });
  }

  /** A message left the outbox: wake flush()'s callers if it was the last. */
  private settled(): void {
    if (this.flushed.length === 0 || this.waiting > 0) return;
    const callers = this.flushed;
    this.flushed = [];
    for (const resolve of callers) resolve();
  }

  /** Publishes a reading: a number, string or boolean (as `v`), or an object whose fields
   *  are the reading's. Never waits: the reading is kept until the broker has it. */
  publish(name: string, value: number | string | boolean | Record<string, unknown>): void {
    if (this.client === undefined) this.start();
    const client = this.client!;
    const writer = this.writer;
    if (typeof value === "object" && value !== null) {
      const keys = Object.keys(value);
      writer.map(3 + keys.length);
      this.writeHeader();
      for (const key of keys) {
        writer.text(key);
        writeValue(writer, value[key], 1);
      }
    } else {
      writer.map(4);
      this.writeHeader();
      writer.text("v");
      writeValue(writer, value, 1);
    }
    const payload = writer.finish();
    // Full: the oldest reading never sent makes room. Its promise rejects, which is when it
    // counts as dropped (a status in the outbox may be the one to go; it is not counted).
    if (client.queued + client.inFlight >= this.capacity) client.discardOldest();
    try {
      client.publish(`mote/${DEVICE_ID}/telemetry/${name}`, payload, { qos: 1 }).then(() => this.settled(), () => this.countDropped());
    } catch (error) {
      // Every message waiting has been sent once (the broker may have it): this one goes.
      this.countDropped();
    }
  }

  private countDropped(): void {
    this.dropped++;
    this.settled();
  }

  private writeHeader(): void {
    const writer = this.writer;
    writer.text("seq");
    writer.uint(this.seq++);
    writer.text("boot");
    writer.uint(bootId());
    writer.text("t");
    writer.uint(now());
  }

  private statusTopic(): string {
    return `mote/${DEVICE_ID}/status`;
  }

  private offlineStatus(): Uint8Array {
    const writer = this.writer;
    writer.map(1);
    writer.text("online");
    writer.boolean(false);
    return writer.finish();
  }

  /** The retained status: who the device is and how it is doing. */
  private publishStatus(): void {
    const client = this.client;
    if (client === undefined) return;
    const writer = this.writer;
    const crash = keptCrash();
    writer.map(3 + HEALTH_ENTRIES + (crash === undefined ? 0 : 1));
    writer.text("online");
    writer.boolean(true);
    writeHealth(writer);
    writer.text("dropped");
    writer.uint(this.dropped);
    writer.text("waiting");
    writer.uint(client.queued + client.inFlight);
    if (crash !== undefined) writeCrash(writer, crash);
    const status = writer.finish();
    // One status at a time: a newer one says more than two queued behind the readings.
    if (this.statusWaiting || client.queued + client.inFlight >= this.capacity + 2) return;
    this.statusWaiting = true;
    client.publish(this.statusTopic(), status, { qos: 1, retain: true }).then(() => this.statusSent(), () => this.statusSent());
  }

  private statusSent(): void {
    this.statusWaiting = false;
    this.settled();
  }
}

/** The device's telemetry. */
export const telemetry = new Telemetry();
