// MQTT 3.1.1 control packets (OASIS mqtt-v3.1.1-os, §2 and §3): the encoders of every packet
// a client sends and a streaming parser of every packet a broker sends. The parser takes
// bytes in whatever pieces the transport delivers (a TCP segment, a serial frame, one byte)
// and hands out whole packets.
//
// Bad input (issue 9, "Bad input"): MQTT has no resynchronisation marker, so what the parser
// does with a bad packet depends on where it is bad. A fixed header whose remaining length is
// well-formed and within the client's maximum lets the parser skip exactly that packet: it is
// reported to `malformed` and parsing goes on. A remaining length that is ill-formed or too
// big leaves no way to find the next packet: `feed` throws MqttPacketError and the parser
// refuses further bytes until `reset()` (the client closes the connection and reconnects).
// The body buffer is allocated only once the remaining length is known and within the
// maximum, so no input makes the parser allocate more than that.

import { utf8Decode, utf8Encode } from "./utf8.ts";

// Control packet types: the high nibble of the first byte (§2.2.1).
export const CONNECT = 1;
export const CONNACK = 2;
export const PUBLISH = 3;
export const PUBACK = 4;
export const PUBREC = 5;
export const PUBREL = 6;
export const PUBCOMP = 7;
export const SUBSCRIBE = 8;
export const SUBACK = 9;
export const UNSUBSCRIBE = 10;
export const UNSUBACK = 11;
export const PINGREQ = 12;
export const PINGRESP = 13;
export const DISCONNECT = 14;

/** The largest remaining length the 4-byte encoding can express (§2.2.3). */
export const MAX_REMAINING_LENGTH = 268435455;
/** Strings and binary fields carry a 2-byte length (§1.5.3). */
const MAX_FIELD_BYTES = 65535;
/** SUBACK's return code for a refused subscription (§3.9.3). */
export const SUBACK_FAILURE = 0x80;

// CONNECT's flags byte (§3.1.2.3).
const CONNECT_USERNAME = 0x80;
const CONNECT_PASSWORD = 0x40;
const CONNECT_WILL_RETAIN = 0x20;
const CONNECT_WILL = 0x04;
const CONNECT_CLEAN_SESSION = 0x02;
/** The protocol name, "MQTT" (§3.1.2.1). */
const PROTOCOL_NAME = new Uint8Array([0x4d, 0x51, 0x54, 0x54]);
/** Protocol level 4 is MQTT 3.1.1 (§3.1.2.2). */
const PROTOCOL_LEVEL = 4;

/** The last will of a CONNECT: published by the broker when the connection dies. */
export interface WillFields {
  topic: string;
  payload: Uint8Array;
  qos: number;
  retain: boolean;
}

/** What a CONNECT carries. */
export interface ConnectFields {
  clientId: string;
  keepAliveS: number;
  cleanSession: boolean;
  will?: WillFields;
  username?: string;
  password?: string;
}

/** The parser's error: the byte stream cannot be parsed any further (see the header). */
export class MqttPacketError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MqttPacketError";
  }
}

/** Builds one packet: the fixed header, then fields appended in order. Strings arrive as
 *  UTF-8 already (fieldBytes), so that each is converted once, which is most of the cost of
 *  encoding (a code unit read from a string costs tens of instructions on a device). */
class PacketWriter {
  readonly bytes: Uint8Array;
  private at = 0;

  constructor(first: number, remaining: number) {
    if (remaining > MAX_REMAINING_LENGTH) throw new RangeError(`an MQTT packet holds at most ${MAX_REMAINING_LENGTH} bytes after its header, this one needs ${remaining}`);
    const bytes = new Uint8Array(1 + lengthBytes(remaining) + remaining);
    this.bytes = bytes;
    bytes[0] = first;
    let at = 1;
    let rest = remaining;
    do {
      // Shifts, not division: the SDK's code must suit every number model (lower/doubles.ts).
      const digit = rest & 0x7f;
      rest = rest >> 7;
      bytes[at++] = rest > 0 ? digit | 0x80 : digit;
    } while (rest > 0);
    this.at = at;
  }

  byte(value: number): void {
    this.bytes[this.at++] = value;
  }

  u16(value: number): void {
    this.bytes[this.at] = value >> 8;
    this.bytes[this.at + 1] = value & 0xff;
    this.at += 2;
  }

  /** Bytes as they are (a PUBLISH payload), or with a 2-byte length (strings, a will's payload). */
  raw(value: Uint8Array, withLength: boolean): void {
    if (withLength) this.u16(value.length);
    const bytes = this.bytes;
    const at = this.at;
    const length = value.length;
    for (let i = 0; i < length; i++) bytes[at + i] = value[i];
    this.at = at + length;
  }
}

/** How many bytes the remaining length `n` takes (§2.2.3). */
function lengthBytes(n: number): number {
  return n < 128 ? 1 : n < 16384 ? 2 : n < 2097152 ? 3 : 4;
}

/** A string field's UTF-8 (bytes given are taken as they are), checked against the 2-byte
 *  length every string and binary field has (§1.5.3). */
function fieldBytes(value: string | Uint8Array, what: string): Uint8Array {
  const bytes = typeof value === "string" ? utf8Encode(value) : value;
  if (bytes.length > MAX_FIELD_BYTES) throw new RangeError(`MQTT: the ${what} takes ${bytes.length} bytes; the limit is ${MAX_FIELD_BYTES}`);
  return bytes;
}

/** CONNECT (§3.1): protocol name and level, flags, keep-alive, then the payload fields. */
export function encodeConnect(fields: ConnectFields): Uint8Array {
  const will = fields.will;
  const clientId = fieldBytes(fields.clientId, "client id");
  let flags = fields.cleanSession ? CONNECT_CLEAN_SESSION : 0;
  let remaining = 12 + clientId.length;
  let willTopic = EMPTY;
  let willPayload = EMPTY;
  if (will !== undefined) {
    flags |= CONNECT_WILL | (will.qos << 3) | (will.retain ? CONNECT_WILL_RETAIN : 0);
    willTopic = fieldBytes(will.topic, "will topic");
    willPayload = fieldBytes(will.payload, "will payload");
    remaining += 4 + willTopic.length + willPayload.length;
  }
  let username = EMPTY;
  let password = EMPTY;
  if (fields.username !== undefined) {
    flags |= CONNECT_USERNAME;
    username = fieldBytes(fields.username, "user name");
    remaining += 2 + username.length;
  }
  if (fields.password !== undefined) {
    // §3.1.2.9: a password without a user name is not allowed.
    if (fields.username === undefined) throw new RangeError("MQTT: a password needs a user name (MQTT 3.1.1 §3.1.2.9)");
    flags |= CONNECT_PASSWORD;
    password = fieldBytes(fields.password, "password");
    remaining += 2 + password.length;
  }
  const w = new PacketWriter(CONNECT << 4, remaining);
  w.raw(PROTOCOL_NAME, true);
  w.byte(PROTOCOL_LEVEL);
  w.byte(flags);
  w.u16(fields.keepAliveS);
  w.raw(clientId, true);
  if (will !== undefined) {
    w.raw(willTopic, true);
    w.raw(willPayload, true);
  }
  if (fields.username !== undefined) w.raw(username, true);
  if (fields.password !== undefined) w.raw(password, true);
  return w.bytes;
}

/** PUBLISH (§3.3): flags DUP, QoS, RETAIN; the topic, a packet id when QoS > 0, the payload.
 *  A topic given as UTF-8 bytes (utf8Encode) is not converted again: for a topic published
 *  to over and over, that is most of the work saved. */
export function encodePublish(topic: string | Uint8Array, payload: Uint8Array, qos: number, retain: boolean, dup: boolean, packetId: number): Uint8Array {
  const name = fieldBytes(topic, "topic");
  const w = new PacketWriter((PUBLISH << 4) | (dup ? 0x08 : 0) | (qos << 1) | (retain ? 1 : 0), 2 + name.length + (qos > 0 ? 2 : 0) + payload.length);
  w.raw(name, true);
  if (qos > 0) w.u16(packetId);
  w.raw(payload, false);
  return w.bytes;
}

/** PUBACK (§3.4): acknowledges a QoS 1 PUBLISH from the broker. */
export function encodePuback(packetId: number): Uint8Array {
  const w = new PacketWriter(PUBACK << 4, 2);
  w.u16(packetId);
  return w.bytes;
}

/** SUBSCRIBE (§3.8) of one topic filter; the fixed header's flags are 0010. */
export function encodeSubscribe(packetId: number, filter: string, qos: number): Uint8Array {
  const name = fieldBytes(filter, "topic filter");
  const w = new PacketWriter((SUBSCRIBE << 4) | 0x02, 5 + name.length);
  w.u16(packetId);
  w.raw(name, true);
  w.byte(qos);
  return w.bytes;
}

/** UNSUBSCRIBE (§3.10) of one topic filter; the fixed header's flags are 0010. */
export function encodeUnsubscribe(packetId: number, filter: string): Uint8Array {
  const name = fieldBytes(filter, "topic filter");
  const w = new PacketWriter((UNSUBSCRIBE << 4) | 0x02, 4 + name.length);
  w.u16(packetId);
  w.raw(name, true);
  return w.bytes;
}

/** PINGREQ (§3.12). */
export function encodePingreq(): Uint8Array {
  return new PacketWriter(PINGREQ << 4, 0).bytes;
}

/** DISCONNECT (§3.14). */
export function encodeDisconnect(): Uint8Array {
  return new PacketWriter(DISCONNECT << 4, 0).bytes;
}

/** A packet from the broker. Which fields mean something depends on `type`. */
export class InboundPacket {
  /** CONNACK: the broker kept a session for this client id (§3.2.2.2). */
  sessionPresent = false;
  /** CONNACK: 0 accepted, 1-5 refused (§3.2.2.3). */
  returnCode = 0;
  /** PUBLISH (QoS > 0), PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK. */
  packetId = 0;
  /** PUBLISH. */
  topic = "";
  payload: Uint8Array = EMPTY;
  qos = 0;
  retain = false;
  dup = false;
  /** SUBACK: the QoS granted to each filter, or SUBACK_FAILURE. */
  granted: number[] = [];
  /** PUBLISH from a PacketStream: the body, whose topic and payload decodePublishTopic
   *  decodes (a PacketParser has done that already). */
  body: Uint8Array = EMPTY;

  constructor(public type: number) {}
}

const EMPTY: Uint8Array = new Uint8Array(0);

/** Where the parser sends what it finds. */
export interface PacketEvents {
  /** A whole, well-formed packet. */
  packet(packet: InboundPacket): void;
  /** A packet that was skipped because its contents were wrong; parsing goes on after it. */
  malformed(reason: string): void;
}

// The parser's states.
const AWAIT_TYPE = 0;
const AWAIT_LENGTH = 1;
const AWAIT_BODY = 2;
const LOST = 3;

/** A streaming parser of the packets a broker sends that leaves a PUBLISH's topic and payload
 *  in InboundPacket.body, for decodePublishTopic: the client decodes them only once the app
 *  has subscribed, so a device that only publishes links no UTF-8 decoding. */
export class PacketStream {
  private state = AWAIT_TYPE;
  private first = 0;
  private remaining = 0;
  private multiplier = 1;
  private body: Uint8Array = EMPTY;
  private filled = 0;
  private lostReason = "";

  /** `maxPacketBytes` bounds the remaining length of any packet, and so the parser's memory. */
  constructor(private events: PacketEvents, private maxPacketBytes: number) {}

  /** Forgets any partial packet and a lost stream: for a new connection. */
  reset(): void {
    this.state = AWAIT_TYPE;
    this.body = EMPTY;
  }

  /** Parses `bytes[start, end)` (all of `bytes` by default), reporting each packet that
   *  completes. Throws MqttPacketError when the stream can no longer be parsed. */
  feed(bytes: Uint8Array, start: number = 0, end: number = bytes.length): void {
    if (this.state === LOST) throw new MqttPacketError(`MQTT: the stream was already lost (${this.lostReason}); reset() the parser for a new connection`);
    let i = start;
    while (i < end) {
      if (this.state === AWAIT_TYPE) {
        this.first = bytes[i++];
        this.remaining = 0;
        this.multiplier = 1;
        this.state = AWAIT_LENGTH;
      } else if (this.state === AWAIT_LENGTH) {
        const digit = bytes[i++];
        this.remaining += (digit & 0x7f) * this.multiplier;
        this.multiplier *= 128;
        if (digit & 0x80) {
          // §2.2.3: at most four bytes.
          if (this.multiplier > 2097152) this.lose("a remaining length longer than 4 bytes");
        } else if (this.remaining > this.maxPacketBytes) {
          this.lose(`a packet of ${this.remaining} bytes, more than the client's maximum of ${this.maxPacketBytes}`);
        } else if (this.remaining === 0) {
          this.complete();
        } else {
          this.body = new Uint8Array(this.remaining);
          this.filled = 0;
          this.state = AWAIT_BODY;
        }
      } else {
        const take = Math.min(end - i, this.remaining - this.filled);
        const body = this.body;
        for (let k = 0; k < take; k++) body[this.filled + k] = bytes[i + k];
        this.filled += take;
        i += take;
        if (this.filled === this.remaining) this.complete();
      }
    }
  }

  private lose(reason: string): never {
    this.state = LOST;
    this.lostReason = reason;
    this.body = EMPTY;
    throw new MqttPacketError(`MQTT: malformed packet from the broker: ${reason}`);
  }

  private complete(): void {
    const body = this.remaining === 0 ? EMPTY : this.body;
    this.state = AWAIT_TYPE;
    this.body = EMPTY;
    const decoded = this.decode(this.first, body);
    if (typeof decoded === "string") this.events.malformed(decoded);
    else this.events.packet(decoded);
  }

  /** The packet in `body` after the first byte `first`, or why it is malformed; a PUBLISH's
   *  topic and payload left in its body. */
  protected decode(first: number, body: Uint8Array): InboundPacket | string {
    if (first >> 4 !== PUBLISH) return decodeControl(first, body);
    const packet = new InboundPacket(PUBLISH);
    let problem = publishHead(packet, first & 0x0f, body);
    if (problem === undefined) problem = publishId(packet);
    return problem === undefined ? packet : problem;
  }
}

/** A streaming parser of the packets a broker sends, every field decoded (decodePacket). */
export class PacketParser extends PacketStream {
  protected decode(first: number, body: Uint8Array): InboundPacket | string {
    return decodePacket(first, body);
  }
}

/** The packet in `body` after the first byte `first`, or why it is malformed. */
export function decodePacket(first: number, body: Uint8Array): InboundPacket | string {
  if (first >> 4 !== PUBLISH) return decodeControl(first, body);
  const packet = new InboundPacket(PUBLISH);
  let problem = publishHead(packet, first & 0x0f, body);
  if (problem === undefined) problem = decodePublishTopic(packet);
  if (problem === undefined) problem = publishId(packet);
  return problem === undefined ? packet : problem;
}

/** A packet other than PUBLISH, or why it is malformed. */
function decodeControl(first: number, body: Uint8Array): InboundPacket | string {
  const type = first >> 4;
  const flags = first & 0x0f;
  const packet = new InboundPacket(type);
  // §2.2.2: PUBREL's flags are 0010, every other packet a broker sends has 0000.
  if (flags !== (type === PUBREL ? 2 : 0)) return `${packetName(type)} with flags ${flags}`;
  if (type === CONNACK) {
    if (body.length !== 2) return `CONNACK of ${body.length} bytes, not 2`;
    if (body[0] > 1) return `CONNACK with reserved flags ${body[0]}`;
    packet.sessionPresent = body[0] === 1;
    packet.returnCode = body[1];
    return packet;
  }
  if (type === PUBACK || type === PUBREC || type === PUBREL || type === PUBCOMP || type === UNSUBACK) {
    if (body.length !== 2) return `${packetName(type)} of ${body.length} bytes, not 2`;
    packet.packetId = (body[0] << 8) | body[1];
    return packet;
  }
  if (type === SUBACK) {
    if (body.length < 3) return `SUBACK of ${body.length} bytes, fewer than 3`;
    packet.packetId = (body[0] << 8) | body[1];
    for (let i = 2; i < body.length; i++) {
      const code = body[i];
      if (code > 2 && code !== SUBACK_FAILURE) return `SUBACK with return code ${code}`;
      packet.granted.push(code);
    }
    return packet;
  }
  if (type === PINGRESP) {
    if (body.length !== 0) return `PINGRESP of ${body.length} bytes, not 0`;
    return packet;
  }
  return `${packetName(type)}, which a broker does not send`;
}

/** A PUBLISH's flags and lengths (§3.3.1, §3.3.2): why they are wrong, or undefined. */
function publishHead(packet: InboundPacket, flags: number, body: Uint8Array): string | undefined {
  const qos = (flags >> 1) & 3;
  if (qos === 3) return "PUBLISH with QoS 3";
  if (body.length < 2) return `PUBLISH of ${body.length} bytes, too short for a topic`;
  if (publishPayloadStart(body, qos) > body.length) return "PUBLISH shorter than its topic and packet id";
  packet.qos = qos;
  packet.retain = (flags & 1) === 1;
  packet.dup = (flags & 8) === 8;
  packet.body = body;
  return undefined;
}

/** Where a PUBLISH's payload starts: after the topic and, at QoS 1 and 2, the packet id. */
function publishPayloadStart(body: Uint8Array, qos: number): number {
  return 2 + ((body[0] << 8) | body[1]) + (qos > 0 ? 2 : 0);
}

/** A PUBLISH's packet id (§2.3.1): why it is wrong, or undefined. */
function publishId(packet: InboundPacket): string | undefined {
  if (packet.qos > 0) {
    const body = packet.body;
    const at = publishPayloadStart(body, packet.qos) - 2;
    packet.packetId = (body[at] << 8) | body[at + 1];
    if (packet.packetId === 0) return "PUBLISH with packet id 0";
  }
  return undefined;
}

/** Decodes the topic and payload of a PUBLISH whose head checked (PacketStream's): why the
 *  topic is malformed, or undefined. */
export function decodePublishTopic(packet: InboundPacket): string | undefined {
  const body = packet.body;
  const topicEnd = 2 + ((body[0] << 8) | body[1]);
  const payloadStart = publishPayloadStart(body, packet.qos);
  const topic = utf8Decode(body, 2, topicEnd);
  if (topic === undefined) return "PUBLISH whose topic is not well-formed UTF-8";
  // §4.7.3 and §3.3.2.1: a topic name has at least one character and no wildcards.
  if (topic.length === 0 || topic.includes("+") || topic.includes("#")) return `PUBLISH to the topic '${topic}'`;
  packet.topic = topic;
  const payload = new Uint8Array(body.length - payloadStart);
  for (let i = 0; i < payload.length; i++) payload[i] = body[payloadStart + i];
  packet.payload = payload;
  return undefined;
}

const PACKET_NAMES = ["reserved type 0", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "reserved type 15"];

/** The packet type's name in the specification, for messages. */
export function packetName(type: number): string {
  return PACKET_NAMES[type];
}
