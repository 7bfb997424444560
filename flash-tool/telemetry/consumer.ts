// The Node API for telemetry: subscribe to a broker (any mqtt:// URL: the embedded aedes,
// Mosquitto, EMQX…) and receive devices' readings and statuses decoded, each reading once.
//
//   const telemetry = subscribeTelemetry("mqtt://127.0.0.1:1883", { device: "pico-1" });
//   telemetry.on("reading", (r) => console.log(r.name, r.value ?? r.fields));
//   telemetry.on("connection", (c) => console.error(c.state, c.reason ?? ""));
//   await telemetry.close();
//
// An EventEmitter rather than an async iterator: readings, statuses, connection changes and
// rejected payloads interleave, and a viewer wants each kind as it comes. Nothing is ever
// emitted as "error" (which would throw without a listener): a broker that is away is a
// "connection" event, a payload that cannot be decoded is a "bad-payload" event.

import { EventEmitter } from "node:events";
import { connect, type MqttClient } from "mqtt";
import { decodeReading, decodeStatus, PayloadError, type DeviceStatus, type Reading } from "./payload.ts";
import { ReorderBuffer } from "./reorder.ts";
import { SequenceTracker } from "./sequence.ts";
import { checkTopicLevel, parseTopic, telemetryFilters } from "./topics.ts";

/** The broker every tool uses when given none: `mote broker` listens here. */
export const DEFAULT_BROKER_URL = "mqtt://127.0.0.1:1883";
/** How long the live viewers (mote telemetry, mote run --telemetry) let a reading after a
 *  gap wait for the missing ones (SubscribeOptions.reorderMs). */
export const LIVE_REORDER_MS = 1000;
/** Between reconnect attempts (mqtt.js retries on its own at this period). */
export const RECONNECT_PERIOD_MS = 1000;
/** A broker that accepts TCP but never answers CONNECT counts as unreachable after this. */
const CONNECT_TIMEOUT_MS = 5000;
const URL_PROTOCOLS = ["mqtt:", "mqtts:", "tcp:", "ssl:", "ws:", "wss:"];

export interface SubscribeOptions {
  /** Only this device's readings and status (default: every device). */
  device?: string;
  /** Only readings of this name (default: every name); statuses still arrive. */
  name?: string;
  /** MQTT client id (default: a random `mote-telemetry-…`). */
  clientId?: string;
  /** With a fixed clientId, false keeps the session at the broker while disconnected, so a
   *  broker that stays up queues QoS 1 readings for this consumer (default true). */
  cleanSession?: boolean;
  /** ms between reconnect attempts (default 1000). */
  reconnectPeriodMs?: number;
  /** Deliver readings in seq order: one that skips ahead waits up to this many ms for the
   *  missing ones (a broker may interleave the readings it kept for a persistent session
   *  with live ones; reorder.ts). 0, the default, delivers each as it arrives. Only without
   *  a name filter, as seq counts every name. */
  reorderMs?: number;
}

/** The link to the broker changed. Emitted on changes only: a broker that stays away gives
 *  one "unreachable" until it answers (or the reason changes). */
export interface ConnectionEvent {
  /** connected: subscribed and receiving; unreachable: a connection attempt failed;
   *  disconnected: an established connection was lost (both retry by themselves);
   *  refused: connected, but the broker refused the subscription (its access rules), so
   *  nothing will arrive until they change and the subscription is made again. */
  state: "connected" | "unreachable" | "disconnected" | "refused";
  url: string;
  /** What went wrong, as the network or broker said it. */
  reason?: string;
  /** When the next attempt is due (unreachable, disconnected). */
  retryInMs?: number;
}

/** A reading dropped because the same (device, boot, seq) was already delivered. */
export interface DuplicateEvent {
  device: string;
  name: string;
  boot: number;
  seq: number;
}

/** A device's seq jumped: `missing` readings between `after` and `next` have not arrived
 *  (dropped by the device, whose status counts them, or still on their way: a late one
 *  arrives flagged outOfOrder). Only reported when every reading name is subscribed. */
export interface GapEvent {
  device: string;
  boot: number;
  /** The highest seq seen before. */
  after: number;
  next: number;
  missing: number;
}

/** A message on a mote topic that could not be decoded; counted, never thrown. */
export interface BadPayloadEvent {
  topic: string;
  reason: string;
  /** The payload as received. */
  payload: Uint8Array;
}

export interface TelemetryCounts {
  readings: number;
  statuses: number;
  duplicates: number;
  outOfOrder: number;
  /** Seqs skipped and not (yet) filled by a late reading; 0 with a name filter. */
  missing: number;
  badPayloads: number;
}

/** Events of a TelemetrySubscription (listener arguments by event name). */
export interface TelemetryEvents {
  reading: [Reading];
  status: [DeviceStatus];
  connection: [ConnectionEvent];
  duplicate: [DuplicateEvent];
  gap: [GapEvent];
  "bad-payload": [BadPayloadEvent];
}

/** A live subscription; see subscribeTelemetry. */
export class TelemetrySubscription extends EventEmitter<TelemetryEvents> {
  /** Totals since the subscription started. */
  readonly counts: TelemetryCounts = { readings: 0, statuses: 0, duplicates: 0, outOfOrder: 0, missing: 0, badPayloads: 0 };
  private readonly client: MqttClient;
  private readonly sequences = new SequenceTracker();
  private readonly filters: string[];
  /** seq counts every name, so gaps mean something only when every name is received. */
  private readonly reportGaps: boolean;
  /** Subscribed: readings flow. */
  private connected = false;
  /** Connected to the broker (subscribed or not). */
  private linkUp = false;
  private lastError: string | undefined;
  private lastEvent: ConnectionEvent | undefined;
  private closing = false;
  private readonly order: ReorderBuffer | undefined;

  /** @internal use subscribeTelemetry. */
  constructor(readonly url: string, options: SubscribeOptions) {
    super();
    this.filters = telemetryFilters(options);
    this.reportGaps = options.name === undefined;
    if (this.reportGaps && (options.reorderMs ?? 0) > 0) {
      this.order = new ReorderBuffer(options.reorderMs!, {
        deliver: (reading, fillsGap) => this.deliver(reading, fillsGap),
        gaveUp: (device, boot, after, next, missing) => this.gap({ device, boot, after, next, missing }),
      });
    }
    const reconnectPeriod = options.reconnectPeriodMs ?? RECONNECT_PERIOD_MS;
    this.client = connect(url, {
      clientId: options.clientId ?? `mote-telemetry-${Math.random().toString(16).slice(2, 10)}`,
      clean: options.cleanSession ?? true,
      reconnectPeriod,
      connectTimeout: CONNECT_TIMEOUT_MS,
      // We subscribe on every connect ourselves, to know when readings flow again.
      resubscribe: false,
    });
    this.client.on("connect", () => {
      this.linkUp = true;
      this.lastError = undefined;
      this.client.subscribe(this.filters, { qos: 1 }, (error) => {
        if (error) {
          this.change({ state: "refused", url, reason: `the broker refused the subscription to ${this.filters.join(", ")} (${describeError(error)})` });
          return;
        }
        this.connected = true;
        this.change({ state: "connected", url });
      });
    });
    this.client.on("error", (error) => {
      this.lastError = describeError(error);
    });
    this.client.on("close", () => {
      if (this.closing) return;
      const reason = this.lastError ?? (this.linkUp ? "the broker closed the connection" : "no answer");
      this.change({ state: this.linkUp ? "disconnected" : "unreachable", url, reason, retryInMs: reconnectPeriod });
      this.connected = false;
      this.linkUp = false;
    });
    this.client.on("message", (topic, payload, packet) => this.receive(topic, payload, packet.retain));
  }

  /** Resolves once readings flow (subscribed); rejects never, waits through outages. */
  whenConnected(): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = (event: ConnectionEvent) => {
        if (event.state !== "connected") return;
        this.off("connection", listener);
        resolve();
      };
      this.on("connection", listener);
    });
  }

  /** Disconnects; no events after this resolves. */
  async close(): Promise<void> {
    this.closing = true;
    this.order?.close();
    await this.client.endAsync(true);
    this.removeAllListeners();
  }

  private change(event: ConnectionEvent): void {
    const last = this.lastEvent;
    if (last && last.state === event.state && last.reason === event.reason) return;
    this.lastEvent = event;
    this.emit("connection", event);
  }

  /** A reading goes out; a late one that `fillsGap` makes one fewer missing. */
  private deliver(reading: Reading, fillsGap: boolean): void {
    if (reading.outOfOrder) this.counts.outOfOrder++;
    if (fillsGap) this.counts.missing--;
    this.counts.readings++;
    this.emit("reading", reading);
  }

  private gap(event: GapEvent): void {
    this.counts.missing += event.missing;
    this.emit("gap", event);
  }

  private receive(topic: string, payload: Buffer, retained: boolean): void {
    const parsed = parseTopic(topic);
    if (!parsed) return;
    const receivedAt = new Date();
    try {
      if (parsed.kind === "status") {
        // An empty retained message clears the retained status (MQTT 3.1.1 §3.3.1.3): no news.
        if (payload.length === 0) return;
        const status = decodeStatus(parsed.device, payload, retained, receivedAt);
        this.counts.statuses++;
        this.emit("status", status);
        return;
      }
      const reading = decodeReading(parsed.device, parsed.name, payload, receivedAt);
      const { verdict, skipped, fillsGap } = this.sequences.check(reading.device, reading.boot, reading.seq);
      if (verdict === "duplicate") {
        this.counts.duplicates++;
        this.emit("duplicate", { device: reading.device, name: reading.name, boot: reading.boot, seq: reading.seq });
        return;
      }
      if (this.order) {
        this.order.accept(reading);
        return;
      }
      if (verdict === "out-of-order") reading.outOfOrder = true;
      if (skipped > 0 && this.reportGaps) this.gap({ device: reading.device, boot: reading.boot, after: reading.seq - skipped - 1, next: reading.seq, missing: skipped });
      this.deliver(reading, this.reportGaps && fillsGap);
    } catch (error) {
      if (!(error instanceof PayloadError)) throw error;
      this.counts.badPayloads++;
      this.emit("bad-payload", { topic, reason: error.message, payload: new Uint8Array(payload) });
    }
  }
}

/**
 * Subscribes to devices' telemetry on the broker at `url` (mqtt://host:port; also mqtts://,
 * ws://, wss://). Returns at once; the subscription connects, and reconnects after any
 * outage, by itself; "connection" events tell how that goes.
 *
 * Events: "reading" (each reading once: QoS 1 copies are dropped by (device, boot, seq) and
 * reported as "duplicate"; late ones carry outOfOrder), "gap" (seqs skipped), "status" (retained statuses arrive
 * first), "connection", "duplicate", "bad-payload" (not CBOR, no seq…).
 *
 * @throws Error for a URL that is not a broker URL or a device/name that cannot be a topic
 *   level; never for anything the network or a device does.
 */
export function subscribeTelemetry(url: string = DEFAULT_BROKER_URL, options: SubscribeOptions = {}): TelemetrySubscription {
  checkBrokerUrl(url);
  if (options.device !== undefined) checkTopicLevel("device id", options.device);
  if (options.name !== undefined) checkTopicLevel("reading name", options.name);
  return new TelemetrySubscription(url, options);
}

/** Throws a clear Error unless `url` is a broker URL mqtt.js can connect to. */
export function checkBrokerUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`'${url}' is not a broker URL; expected mqtt://host:port, e.g. ${DEFAULT_BROKER_URL}`);
  }
  if (!URL_PROTOCOLS.includes(parsed.protocol)) {
    throw new Error(`'${url}' is not a broker URL: the scheme must be one of ${URL_PROTOCOLS.map((p) => `${p}//`).join(", ")}`);
  }
  if (parsed.hostname === "") throw new Error(`'${url}' names no host; expected mqtt://host:port`);
}

/** One line for a network or broker error (ECONNREFUSED arrives as an AggregateError whose
 *  message is empty when a name resolves to several addresses). */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(describeError))].join("; ");
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return error.message || (typeof code === "string" ? code : error.name);
  }
  return String(error);
}
