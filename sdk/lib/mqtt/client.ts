// The MQTT 3.1.1 client's session (OASIS mqtt-v3.1.1-os): connect, keep-alive, publish at
// QoS 0 and 1, subscribe and unsubscribe, and reconnect with backoff, over any Transport.
//
// Nothing here blocks: every wait is a timer or a transport event, so the device's event loop
// runs the app's other work meanwhile. The timers, all cleared while not connected:
// - connect: the CONNACK must come within connectTimeoutMs of opening the stream;
// - keep-alive: every keepAliveS/2 seconds; a PINGREQ when nothing was sent in the last
//   period (so the broker hears from the client within keepAliveS, §3.1.2.10), and the
//   connection counts as lost when nothing came back by the next period;
// - acknowledgement: every ackTimeoutMs; a QoS 1 PUBLISH sent at least one whole period ago
//   and not yet PUBACKed is sent again with DUP set (so after ackTimeoutMs to twice that);
// - reconnect: the backoff after a close the app did not ask for.
//
// Messages are kept in one bounded outbox, in the order they were published: those not yet
// sent (the client is offline, or maxInFlight QoS 1 messages await their PUBACK) and those
// sent and awaiting their PUBACK. After a reconnect the outbox is sent again from the start,
// the messages sent before with DUP set (§4.4), so the broker sees them in order.

import { abandon, ignore, MqttError } from "./error.ts";
import {
  CONNACK, InboundPacket, MqttPacketError, PINGRESP, PUBACK, PUBLISH, PacketStream, SUBACK, UNSUBACK,
  encodeConnect, encodeDisconnect, encodePingreq, encodePuback, encodePublish, packetName, type PacketEvents, type WillFields,
} from "./packets.ts";
import { type MessageHandler, type Session, Subscriptions } from "./subscriptions.ts";
import { filterProblem, topicProblem } from "./topics.ts";
import type { Transport, TransportEvents } from "./transport.ts";
import { utf8Encode } from "./utf8.ts";

export { MqttError } from "./error.ts";
export type { MessageHandler } from "./subscriptions.ts";

/** The last will: what the broker publishes for the client when its connection dies. */
export interface MqttWill {
  topic: string;
  payload: Uint8Array | string;
  qos: 0 | 1;
  retain: boolean;
}

/** Reconnecting after a close the app did not ask for: the delay doubles from min to max. */
export interface ReconnectOptions {
  minDelayMs: number;
  maxDelayMs: number;
}

export interface MqttClientOptions {
  clientId: string;
  /** Seconds; 0 turns keep-alive off. Default 60. */
  keepAliveS?: number;
  /** Default true. */
  cleanSession?: boolean;
  will?: MqttWill;
  username?: string;
  password?: string;
  /** Without it, a lost connection stays lost until connect() is called again. */
  reconnect?: ReconnectOptions;
  /** Messages the outbox holds, sent or not, until acknowledged. Default 32. */
  maxQueued?: number;
  /** QoS 1 messages sent and not yet acknowledged at any time. Default 8. */
  maxInFlight?: number;
  /** The largest packet accepted from the broker (bytes after the fixed header). Default 4096. */
  maxPacketBytes?: number;
  /** Default 10000. */
  connectTimeoutMs?: number;
  /** Default 20000. */
  ackTimeoutMs?: number;
}

export interface PublishOptions {
  qos?: 0 | 1;
  retain?: boolean;
}

/** What the client counted since it was made. */
export class MqttStats {
  /** Packets from the broker that were malformed (skipped, or the stream was lost on them). */
  malformed = 0;
  /** Well-formed packets from the broker that made no sense here (an acknowledgement of
   *  nothing sent, a QoS 2 PUBLISH), ignored. */
  dropped = 0;
  /** QoS 1 PUBLISHes sent again, after a reconnect or an acknowledgement timeout. */
  retransmitted = 0;
  /** Connections accepted by the broker (CONNACK 0). */
  connections = 0;
  /** Packets sent and received. */
  sent = 0;
  received = 0;
}

// The session's states.
const IDLE = 0;
const OPENING = 1;
const CONNECTING = 2;
const CONNECTED = 3;
const WAITING = 4;

/** CONNACK return codes 1-5 (§3.2.2.3), in the words of the specification. */
const REFUSALS = ["", "unacceptable protocol version: the broker does not speak MQTT 3.1.1", "identifier rejected: the broker does not accept this client id", "server unavailable", "bad user name or password", "not authorized"];
/** The refusal worth retrying: the broker may come back. */
const SERVER_UNAVAILABLE = 3;
/** The backoff stops doubling after this many failures in a row (it has reached max long before). */
const MAX_DOUBLINGS = 30;
/** Delays stay within the small integers every number model has (lower/doubles.ts). */
const MAX_DELAY_MS = 1073741823;

/** A message in the outbox. */
class Outgoing {
  packetId = 0;
  /** Sent on the current connection. */
  sent = false;
  /** Sent on any connection: a retransmission sets DUP. */
  sentBefore = false;
  /** The acknowledgement period it was last sent in. */
  round = 0;
  /** What publish() returned, and how to settle it. */
  promise: Promise<void> | undefined = undefined;
  resolve: () => void = ignore;
  reject: (error: Error) => void = ignore;
  retain = false;
  /** `topicBytes` is the topic in UTF-8, converted once for every transmission. */
  constructor(readonly topic: string, readonly topicBytes: Uint8Array, readonly payload: Uint8Array, readonly qos: number) {}
}

/** One attempt to connect: the transport's events and the parser of its bytes. Events of an
 *  attempt that is over are ignored. */
class Connection implements TransportEvents, PacketEvents {
  readonly parser: PacketStream;
  constructor(private client: MqttClient, maxPacketBytes: number) {
    this.parser = new PacketStream(this, maxPacketBytes);
  }
  opened(): void {
    if (this.client.isCurrent(this)) this.client.streamOpened();
  }
  data(bytes: Uint8Array): void {
    if (this.client.isCurrent(this)) this.client.streamData(this, bytes);
  }
  closed(reason: string): void {
    if (this.client.isCurrent(this)) this.client.streamClosed(reason);
  }
  packet(packet: InboundPacket): void {
    if (this.client.isCurrent(this)) this.client.received(packet);
  }
  malformed(reason: string): void {
    if (this.client.isCurrent(this)) this.client.skipped(reason);
  }
}

/** An MQTT 3.1.1 client over a Transport. The subscribing half (subscriptions.ts) is made
 *  at the first subscribe() or unsubscribe(). */
export class MqttClient implements Session {
  /** What the client counted: malformed and dropped packets, retransmissions, … */
  readonly stats = new MqttStats();
  /** The most messages the outbox holds (`queued` + `inFlight`). */
  readonly maxQueued: number;

  private readonly clientId: string;
  private readonly keepAliveS: number;
  private readonly cleanSession: boolean;
  private readonly will: WillFields | undefined;
  private readonly username: string | undefined;
  private readonly password: string | undefined;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxInFlight: number;
  private readonly maxPacketBytes: number;
  private readonly connectTimeoutMs: number;
  private readonly ackTimeoutMs: number;

  private state = IDLE;
  private connection: Connection | undefined;
  private outbox: Outgoing[] = [];
  /** Messages in the outbox not sent on the current connection (`queued`), counted as they
   *  change rather than each time asked: the app asks per reading, the outbox may be long. */
  private unsent = 0;
  private subscriber: Subscriptions | undefined = undefined;
  private lastPacketId = 0;
  /** Connection attempts that failed in a row: the backoff's exponent. */
  private failures = 0;
  private round = 0;
  private sentThisPeriod = false;
  private awaitingPing = false;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private keepAliveTimer: ReturnType<typeof setInterval> | undefined;
  private ackTimer: ReturnType<typeof setInterval> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private connectedListeners: Array<(sessionPresent: boolean) => void> = [];
  private disconnectedListeners: Array<(reason: string) => void> = [];

  constructor(private transport: Transport, options: MqttClientOptions) {
    this.clientId = options.clientId;
    this.cleanSession = options.cleanSession ?? true;
    this.username = options.username;
    this.password = options.password;
    this.keepAliveS = whole("keepAliveS", options.keepAliveS, 60, 0, 65535);
    this.maxQueued = whole("maxQueued", options.maxQueued, 32, 1, 65535);
    this.maxInFlight = whole("maxInFlight", options.maxInFlight, 8, 1, 65535);
    this.maxPacketBytes = whole("maxPacketBytes", options.maxPacketBytes, 4096, 16, 268435455);
    this.connectTimeoutMs = whole("connectTimeoutMs", options.connectTimeoutMs, 10000, 1, MAX_DELAY_MS);
    this.ackTimeoutMs = whole("ackTimeoutMs", options.ackTimeoutMs, 20000, 1, MAX_DELAY_MS);
    const reconnect = options.reconnect;
    this.minDelayMs = reconnect === undefined ? 0 : whole("reconnect.minDelayMs", reconnect.minDelayMs, 1000, 1, MAX_DELAY_MS);
    this.maxDelayMs = reconnect === undefined ? 0 : whole("reconnect.maxDelayMs", reconnect.maxDelayMs, 60000, this.minDelayMs, MAX_DELAY_MS);
    if (this.password !== undefined && this.username === undefined) throw new RangeError("MqttClient: a password needs a user name (MQTT 3.1.1 §3.1.2.9)");
    const will = options.will;
    if (will === undefined) {
      this.will = undefined;
    } else {
      checkQos("the will", will.qos);
      const problem = topicProblem(utf8Encode(will.topic));
      if (problem !== undefined) throw new RangeError(`MqttClient: the will's topic '${will.topic}' is invalid: ${problem}`);
      this.will = { topic: will.topic, payload: bytesOf(will.payload), qos: will.qos, retain: will.retain };
    }
  }

  /** Whether the broker has accepted the connection (and it is not lost since). */
  get connected(): boolean {
    return this.state === CONNECTED;
  }

  /** Messages in the outbox not yet sent on the current connection. */
  get queued(): number {
    return this.unsent;
  }

  /** QoS 1 messages sent and awaiting their PUBACK. */
  get inFlight(): number {
    return this.outbox.length - this.queued;
  }

  /** Calls `listener` each time the broker accepts a connection (with CONNACK's session
   *  present flag). */
  onConnected(listener: (sessionPresent: boolean) => void): void {
    this.connectedListeners.push(listener);
  }

  /** Calls `listener` each time a connection ends or an attempt fails, with the reason, except
   *  for end(). */
  onDisconnected(listener: (reason: string) => void): void {
    this.disconnectedListeners.push(listener);
  }

  /** Opens the transport and connects; a no-op while connecting or connected. */
  connect(): void {
    if (this.state === WAITING) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
    } else if (this.state !== IDLE) {
      return;
    }
    const connection = new Connection(this, this.maxPacketBytes);
    this.connection = connection;
    this.state = OPENING;
    this.connectTimer = setTimeout(() => this.lose(`no CONNACK within ${this.connectTimeoutMs} ms`, true), this.connectTimeoutMs);
    this.transport.open(connection);
  }

  /**
   * Publishes `payload` (a string goes as UTF-8) to `topic`. The promise resolves once the
   * PUBLISH is written (QoS 0) or acknowledged (QoS 1); offline, the message waits in the
   * outbox. Throws when the topic or QoS is invalid or the outbox already holds maxQueued
   * messages (see `queued`, `inFlight`, `discardOldest`).
   */
  publish(topic: string, payload: Uint8Array | string, options?: PublishOptions): Promise<void> {
    const qos = options === undefined || options.qos === undefined ? 0 : options.qos;
    const retain = options !== undefined && options.retain === true;
    checkQos("publish", qos);
    const topicBytes = utf8Encode(topic);
    const problem = topicProblem(topicBytes);
    if (problem !== undefined) throw new RangeError(`MqttClient.publish: the topic '${topic}' is invalid: ${problem}`);
    if (this.state === CONNECTED && qos === 0 && this.outbox.length === 0) {
      // Nothing waits before it: written now, without a stay in the outbox.
      this.send(encodePublish(topicBytes, bytesOf(payload), 0, retain, false, 0));
      return Promise.resolve();
    }
    if (this.outbox.length >= this.maxQueued) {
      throw new RangeError(`MqttClient.publish: the outbox is full (${this.maxQueued} messages, ${this.inFlight} awaiting PUBACK); wait for the broker or discardOldest()`);
    }
    const message = new Outgoing(topic, topicBytes, bytesOf(payload), qos);
    message.retain = retain;
    const promise = new Promise<void>((resolve, reject) => {
      message.resolve = resolve;
      message.reject = reject;
    });
    message.promise = promise;
    this.outbox.push(message);
    this.unsent++;
    this.pump();
    return promise;
  }

  /** Removes the oldest message never sent from the outbox (its promise rejects with an
   *  MqttError, which ends no app that does not await it); false when every message in it has
   *  been sent at least once. One sent on a connection that was lost stays: the broker may
   *  have it already, so dropping it would count as lost what may well arrive. */
  discardOldest(): boolean {
    for (let i = 0; i < this.outbox.length; i++) {
      const message = this.outbox[i];
      if (!message.sent && !message.sentBefore) {
        this.outbox.splice(i, 1);
        this.unsent--;
        abandon(message.promise, message.reject, new MqttError(`the message to '${message.topic}' was discarded from the outbox`));
        return true;
      }
    }
    return false;
  }

  /**
   * Subscribes to `filter` (with `+` and `#` wildcards) at `qos` 0 or 1; `handler` gets each
   * matching message from now on. The promise resolves with the QoS the broker granted, or
   * rejects with an MqttError if it refused (SUBACK 0x80). The client subscribes again after
   * reconnecting without a kept session.
   */
  subscribe(filter: string, qos: 0 | 1, handler: MessageHandler): Promise<number> {
    checkQos("subscribe", qos);
    const problem = filterProblem(filter);
    if (problem !== undefined) throw new RangeError(`MqttClient.subscribe: the topic filter '${filter}' is invalid: ${problem}`);
    return this.subscriptions().subscribe(filter, qos, handler);
  }

  /** Stops the handler of `filter` now and unsubscribes; resolves at the UNSUBACK. */
  unsubscribe(filter: string): Promise<void> {
    const problem = filterProblem(filter);
    if (problem !== undefined) throw new RangeError(`MqttClient.unsubscribe: the topic filter '${filter}' is invalid: ${problem}`);
    return this.subscriptions().unsubscribe(filter);
  }

  private subscriptions(): Subscriptions {
    if (this.subscriber === undefined) this.subscriber = new Subscriptions(this);
    return this.subscriber;
  }

  /** Sends DISCONNECT (so the broker does not publish the will), closes the transport and
   *  stops. The promises of messages and requests still waiting reject with an MqttError,
   *  which ends no app that does not await them. connect() starts again. */
  end(): void {
    const wasOpen = this.state === OPENING || this.state === CONNECTING || this.state === CONNECTED;
    if (this.state === CONNECTED) this.send(encodeDisconnect());
    this.stopTimers();
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.state = IDLE;
    this.connection = undefined;
    if (wasOpen) this.transport.close();
    const outbox = this.outbox;
    this.outbox = [];
    this.unsent = 0;
    for (const message of outbox) abandon(message.promise, message.reject, new MqttError(`the client ended before the message to '${message.topic}' was ${message.qos === 0 ? "sent" : "acknowledged"}`));
    if (this.subscriber !== undefined) this.subscriber.end();
  }

  /** @internal The subscriptions' Session: writes a packet on the current connection. */
  sendPacket(bytes: Uint8Array): void {
    this.send(bytes);
  }

  /** @internal The subscriptions' Session. */
  newPacketId(): number {
    return this.nextPacketId();
  }

  /** @internal The subscriptions' Session. */
  packetDropped(): void {
    this.stats.dropped++;
  }

  /** @internal The subscriptions' Session. */
  packetMalformed(): void {
    this.stats.malformed++;
  }

  /** @internal Whether `connection` is the current attempt's (Connection's events). */
  isCurrent(connection: Connection): boolean {
    return this.connection === connection;
  }

  /** @internal The stream is open: send CONNECT. */
  streamOpened(): void {
    if (this.state !== OPENING) return;
    this.state = CONNECTING;
    this.send(encodeConnect({
      clientId: this.clientId, keepAliveS: this.keepAliveS, cleanSession: this.cleanSession,
      will: this.will, username: this.username, password: this.password,
    }));
  }

  /** @internal Bytes from the broker. */
  streamData(connection: Connection, bytes: Uint8Array): void {
    try {
      connection.parser.feed(bytes);
    } catch (error) {
      // Only the parser's own error reaches here (a handler's exception is not caught by the
      // parser: it is rethrown below as it came); the stream cannot be resynchronised.
      if (!(error instanceof MqttPacketError)) throw error;
      this.stats.malformed++;
      this.lose(error.message, true);
    }
  }

  /** @internal The transport closed without being asked to. */
  streamClosed(reason: string): void {
    this.lose(reason, false);
  }

  /** @internal A packet that was skipped as malformed. */
  skipped(reason: string): void {
    this.stats.malformed++;
    // The broker's first packet must be a CONNACK (§3.2): nothing else can be trusted.
    if (this.state === CONNECTING) this.lose(`malformed packet instead of CONNACK: ${reason}`, true);
  }

  /** @internal A packet from the broker. */
  received(packet: InboundPacket): void {
    this.stats.received++;
    this.awaitingPing = false;
    const type = packet.type;
    if (this.state === CONNECTING) {
      if (type !== CONNACK) {
        this.stats.dropped++;
        this.lose(`the broker sent ${packetName(type)} before CONNACK`, true);
      } else {
        this.connack(packet);
      }
    } else if (this.state !== CONNECTED) {
      this.stats.dropped++;
    } else if (type === PUBLISH) {
      if (this.subscriber !== undefined) this.subscriber.deliver(packet);
      else this.unexpectedPublish(packet);
    } else if (type === PUBACK) {
      this.acknowledged(packet.packetId);
    } else if (type === SUBACK || type === UNSUBACK) {
      if (this.subscriber !== undefined) this.subscriber.answered(packet);
      else this.stats.dropped++;
    } else if (type !== PINGRESP) {
      // A second CONNACK, or QoS 2's PUBREC, PUBREL, PUBCOMP for a client that never uses QoS 2.
      this.stats.dropped++;
    }
  }

  private connack(packet: InboundPacket): void {
    clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
    const code = packet.returnCode;
    if (code !== 0) {
      const words = code < REFUSALS.length ? REFUSALS[code] : `return code ${code}`;
      this.lose(`the broker refused the connection: ${words}`, true, code !== SERVER_UNAVAILABLE);
      return;
    }
    this.state = CONNECTED;
    this.failures = 0;
    this.stats.connections++;
    if (this.keepAliveS > 0) {
      this.sentThisPeriod = true;
      this.awaitingPing = false;
      this.keepAliveTimer = setInterval(() => this.keepAlive(), this.keepAliveS * 500);
    }
    this.ackTimer = setInterval(() => this.retransmit(), this.ackTimeoutMs);
    // Requests that were waiting (or lost with the last connection) go first, then the
    // subscriptions a new session does not have, then the outbox.
    if (this.subscriber !== undefined) this.subscriber.resume(packet.sessionPresent);
    for (const listener of this.connectedListeners) listener(packet.sessionPresent);
    this.pump();
  }

  /** Sends what the outbox holds that may go now, in order. */
  private pump(): void {
    if (this.state !== CONNECTED) return;
    let inFlight = this.inFlight;
    let i = 0;
    while (i < this.outbox.length) {
      const message = this.outbox[i];
      if (message.sent) {
        i++;
        continue;
      }
      if (message.qos === 0) {
        this.send(encodePublish(message.topicBytes, message.payload, 0, message.retain, false, 0));
        this.outbox.splice(i, 1);
        this.unsent--;
        message.resolve();
        continue;
      }
      if (inFlight >= this.maxInFlight) return;
      if (message.packetId === 0) message.packetId = this.nextPacketId();
      if (message.sentBefore) this.stats.retransmitted++;
      this.transmit(message);
      inFlight++;
      i++;
    }
  }

  private transmit(message: Outgoing): void {
    this.send(encodePublish(message.topicBytes, message.payload, 1, message.retain, message.sentBefore, message.packetId));
    if (!message.sent) this.unsent--;
    message.sent = true;
    message.sentBefore = true;
    message.round = this.round;
  }

  private acknowledged(packetId: number): void {
    for (let i = 0; i < this.outbox.length; i++) {
      const message = this.outbox[i];
      if (message.sent && message.packetId === packetId) {
        this.outbox.splice(i, 1);
        message.resolve();
        this.pump();
        return;
      }
    }
    this.stats.dropped++;
  }

  /** A PUBLISH to a client that never subscribed (a session the broker kept from before):
   *  acknowledged, so that the broker does not send it again, and dropped. */
  private unexpectedPublish(packet: InboundPacket): void {
    if (packet.qos === 1) this.send(encodePuback(packet.packetId));
    this.stats.dropped++;
  }

  /** The next packet id from 1 to 65535 that no message or request in progress holds. */
  private nextPacketId(): number {
    for (;;) {
      this.lastPacketId = this.lastPacketId === 65535 ? 1 : this.lastPacketId + 1;
      const id = this.lastPacketId;
      let used = false;
      for (const message of this.outbox) if (message.packetId === id) used = true;
      if (!used && (this.subscriber === undefined || !this.subscriber.holds(id))) return id;
    }
  }

  private keepAlive(): void {
    if (this.awaitingPing) {
      this.lose(`no answer from the broker within ${this.keepAliveS * 500} ms of a PINGREQ`, true);
      return;
    }
    if (!this.sentThisPeriod) {
      this.send(encodePingreq());
      this.awaitingPing = true;
    }
    this.sentThisPeriod = false;
  }

  private retransmit(): void {
    this.round++;
    for (const message of this.outbox) {
      if (message.sent && this.round - message.round >= 2) {
        this.stats.retransmitted++;
        this.transmit(message);
      }
    }
  }

  private send(bytes: Uint8Array): void {
    this.stats.sent++;
    this.sentThisPeriod = true;
    this.transport.write(bytes);
  }

  private stopTimers(): void {
    clearTimeout(this.connectTimer);
    clearInterval(this.keepAliveTimer);
    clearInterval(this.ackTimer);
    this.connectTimer = undefined;
    this.keepAliveTimer = undefined;
    this.ackTimer = undefined;
  }

  /** The connection is over: close the transport if the client noticed first, tell the
   *  listeners, and try again after the backoff unless the broker's refusal is final. */
  private lose(reason: string, closeTransport: boolean, final: boolean = false): void {
    if (this.state === IDLE || this.state === WAITING) return;
    this.stopTimers();
    this.connection = undefined;
    if (closeTransport) this.transport.close();
    for (const message of this.outbox) message.sent = false;
    this.unsent = this.outbox.length;
    if (this.subscriber !== undefined) this.subscriber.lost();
    const retry = this.maxDelayMs > 0 && !final;
    this.state = retry ? WAITING : IDLE;
    if (retry) {
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = undefined;
        this.connect();
      }, this.backoff());
      if (this.failures < MAX_DOUBLINGS) this.failures++;
    }
    for (const listener of this.disconnectedListeners) listener(reason);
  }

  /** The delay before the next attempt: min doubled per failure in a row, at most max, plus
   *  up to an eighth more taken from the client id, so that devices that lost the same
   *  broker do not all come back in the same millisecond (no random source is needed). */
  private backoff(): number {
    let delay = this.minDelayMs;
    for (let i = 0; i < this.failures && delay < this.maxDelayMs; i++) delay = delay * 2;
    if (delay > this.maxDelayMs) delay = this.maxDelayMs;
    let spread = 0;
    for (let i = 0; i < this.clientId.length; i++) spread = (spread * 31 + this.clientId.charCodeAt(i)) & 0xffff;
    return delay + ((spread + this.failures * 977) % ((delay >> 3) + 1));
  }
}

function bytesOf(payload: Uint8Array | string): Uint8Array {
  return typeof payload === "string" ? utf8Encode(payload) : payload;
}

function checkQos(what: string, qos: number): void {
  if (qos === 2) throw new RangeError(`MqttClient: ${what}: QoS 2 is not supported; use QoS 1 (at least once)`);
  if (qos !== 0 && qos !== 1) throw new RangeError(`MqttClient: ${what}: QoS must be 0 or 1, got ${qos}`);
}

/** An option's value (`fallback` when not given), checked to be a whole number in [min, max]. */
function whole(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || value !== Math.floor(value) || value < min || value > max) {
    throw new RangeError(`MqttClient: ${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}
