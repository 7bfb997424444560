// mote/mqtt's packet codec (sdk/lib/mqtt/packets.ts) against mqtt-packet, the codec of the
// `mqtt` npm package: every packet the device client encodes must be byte-identical to what
// mqtt-packet generates for the same fields, and the streaming parser must read what
// mqtt-packet generates for a broker's packets, however the bytes are split.

import mqttPacket from "mqtt-packet";
import { describe, expect, it } from "vitest";
import {
  CONNACK, InboundPacket, MqttPacketError, PacketParser, PINGRESP, PUBACK, PUBCOMP, PUBLISH, PUBREC, PUBREL, SUBACK,
  UNSUBACK, encodeConnect, encodeDisconnect, encodePingreq, encodePuback, encodePublish, encodeSubscribe,
  encodeUnsubscribe, filterProblem, topicMatches, topicProblem, utf8Decode, utf8Encode, type ConnectFields,
} from "../../sdk/lib/mqtt.ts";
import { mulberry32 } from "./mulberry32.ts";

const V4 = { protocolVersion: 4 as const };
const reference = (packet: object): Uint8Array => new Uint8Array(mqttPacket.generate(packet as mqttPacket.Packet, V4));
const bytes = (n: number, seed: number): Uint8Array => {
  const next = mulberry32(seed);
  return Uint8Array.from({ length: n }, () => next() & 0xff);
};

describe("mote/mqtt encoders match mqtt-packet byte for byte", () => {
  const connects: ConnectFields[] = [
    { clientId: "dev1", keepAliveS: 60, cleanSession: true },
    { clientId: "", keepAliveS: 0, cleanSession: true },
    { clientId: "sensor-ü-€-😀", keepAliveS: 65535, cleanSession: false },
    { clientId: "x".repeat(300), keepAliveS: 10, cleanSession: true },
    { clientId: "d", keepAliveS: 30, cleanSession: true, will: { topic: "mote/d/status", payload: utf8Encode("offline"), qos: 1, retain: true } },
    { clientId: "d", keepAliveS: 30, cleanSession: false, will: { topic: "w", payload: new Uint8Array(0), qos: 0, retain: false } },
    { clientId: "d", keepAliveS: 30, cleanSession: true, will: { topic: "w/ä", payload: bytes(200, 1), qos: 1, retain: false } },
    { clientId: "d", keepAliveS: 30, cleanSession: true, username: "user" },
    { clientId: "d", keepAliveS: 30, cleanSession: true, username: "", password: "" },
    { clientId: "d", keepAliveS: 5, cleanSession: true, will: { topic: "t", payload: utf8Encode("x"), qos: 1, retain: true }, username: "ü", password: "pässwörd" },
  ];
  it.each(connects.map((c, i) => [i, c] as const))("CONNECT %i", (_, fields) => {
    const expected = reference({
      cmd: "connect", protocolId: "MQTT", protocolVersion: 4, clientId: fields.clientId, keepalive: fields.keepAliveS,
      clean: fields.cleanSession, username: fields.username, password: fields.password === undefined ? undefined : Buffer.from(fields.password),
      will: fields.will && { topic: fields.will.topic, payload: Buffer.from(fields.will.payload), qos: fields.will.qos, retain: fields.will.retain },
    });
    expect(Buffer.from(encodeConnect(fields)).toString("hex")).toBe(Buffer.from(expected).toString("hex"));
  });

  it("refuses a password without a user name, as MQTT 3.1.1 §3.1.2.9 does", () => {
    expect(() => encodeConnect({ clientId: "d", keepAliveS: 1, cleanSession: true, password: "p" })).toThrow(/password needs a user name/);
  });

  it("PUBLISH at QoS 0 and 1, retained, duplicate, from empty to 3-byte remaining lengths", () => {
    const next = mulberry32(7);
    const sizes = [0, 1, 100, 124, 125, 126, 127, 128, 16379, 16380, 16384, 20000];
    for (let n = 0; n < 300; n++) {
      const size = n < sizes.length ? sizes[n] : next() % 600;
      const qos = next() % 2;
      const retain = next() % 2 === 1;
      const dup = qos === 1 && next() % 2 === 1;
      const messageId = qos ? 1 + (next() % 65535) : undefined;
      const topic = ["a", "mote/dev-1/telemetry/temperature", "ü/€/😀", "x".repeat(next() % 200 + 1)][next() % 4];
      const payload = bytes(size, n);
      const expected = reference({ cmd: "publish", topic, payload: Buffer.from(payload), qos, retain, dup, messageId });
      const actual = encodePublish(topic, payload, qos, retain, dup, messageId ?? 0);
      expect(Buffer.from(actual).equals(Buffer.from(expected)), `publish ${n}: ${topic} ${size} bytes qos ${qos}`).toBe(true);
      // The topic given as UTF-8 bytes, converted once by the caller, makes the same packet.
      expect(Buffer.from(encodePublish(utf8Encode(topic), payload, qos, retain, dup, messageId ?? 0)).equals(Buffer.from(expected))).toBe(true);
    }
  });

  it("PUBACK, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, DISCONNECT", () => {
    const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
    for (const id of [1, 255, 256, 65535]) {
      expect(hex(encodePuback(id))).toBe(hex(reference({ cmd: "puback", messageId: id })));
      for (const qos of [0, 1] as const) {
        for (const topic of ["a/+/c", "mote/#", "ü/€"]) {
          expect(hex(encodeSubscribe(id, topic, qos))).toBe(hex(reference({ cmd: "subscribe", messageId: id, subscriptions: [{ topic, qos }] })));
        }
      }
      expect(hex(encodeUnsubscribe(id, "a/+/#"))).toBe(hex(reference({ cmd: "unsubscribe", messageId: id, unsubscriptions: ["a/+/#"] })));
    }
    expect(hex(encodePingreq())).toBe(hex(reference({ cmd: "pingreq" })));
    expect(hex(encodeDisconnect())).toBe(hex(reference({ cmd: "disconnect" })));
  });

  it("UTF-8 like TextEncoder, lone surrogates included; decoding refuses what is not well-formed", () => {
    for (const text of ["", "abc", "é", "€", "😀", "a\ud800b", "\udc00", "x\ud83d", "\u07ff\u0800\uffff"]) {
      expect(Array.from(utf8Encode(text))).toEqual(Array.from(new TextEncoder().encode(text)));
    }
    const decode = (b: number[]) => utf8Decode(Uint8Array.from(b), 0, b.length);
    expect(decode([0x68, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80])).toBe("hé😀");
    for (const bad of [[0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc3], [0x80], [0x00], [0xff]]) {
      expect(decode(bad), bad.join(",")).toBeUndefined();
    }
  });
});

/** What the parser reported, in order. */
function collect(maxPacketBytes = 1 << 16) {
  const packets: InboundPacket[] = [];
  const malformed: string[] = [];
  const parser = new PacketParser({ packet: (p) => packets.push(p), malformed: (reason) => malformed.push(reason) }, maxPacketBytes);
  return { parser, packets, malformed };
}

/** Feeds `stream` in pieces of random sizes (1 byte up to the whole). */
function feedSplit(parser: PacketParser, stream: Uint8Array, next: () => number): void {
  let at = 0;
  while (at < stream.length) {
    const piece = 1 + (next() % (next() % 4 === 0 ? stream.length : 8));
    const end = Math.min(stream.length, at + piece);
    if (next() % 2) parser.feed(stream.slice(at, end));
    else parser.feed(stream, at, end);
    at = end;
  }
}

describe("the streaming parser reads what mqtt-packet generates", () => {
  // What a broker sends, as mqtt-packet fields, and what the parser must make of each.
  const next = mulberry32(99);
  const cases: Array<{ packet: Record<string, unknown>; expect: Partial<InboundPacket> }> = [
    { packet: { cmd: "connack", returnCode: 0, sessionPresent: false }, expect: { type: CONNACK, returnCode: 0, sessionPresent: false } },
    { packet: { cmd: "connack", returnCode: 5, sessionPresent: false }, expect: { type: CONNACK, returnCode: 5 } },
    { packet: { cmd: "connack", returnCode: 0, sessionPresent: true }, expect: { type: CONNACK, sessionPresent: true } },
    { packet: { cmd: "puback", messageId: 513 }, expect: { type: PUBACK, packetId: 513 } },
    { packet: { cmd: "pubrec", messageId: 2 }, expect: { type: PUBREC, packetId: 2 } },
    { packet: { cmd: "pubrel", messageId: 3 }, expect: { type: PUBREL, packetId: 3 } },
    { packet: { cmd: "pubcomp", messageId: 4 }, expect: { type: PUBCOMP, packetId: 4 } },
    { packet: { cmd: "suback", messageId: 9, granted: [0, 1, 128, 2] }, expect: { type: SUBACK, packetId: 9, granted: [0, 1, 128, 2] } },
    { packet: { cmd: "unsuback", messageId: 65535 }, expect: { type: UNSUBACK, packetId: 65535 } },
    { packet: { cmd: "pingresp" }, expect: { type: PINGRESP } },
  ];
  for (let i = 0; i < 60; i++) {
    const qos = next() % 2;
    const payload = bytes([0, 3, 127, 200, 17000][next() % 5], i + 1000);
    const topic = ["t", "mote/dev/cmd", "ü/€/😀", "y".repeat(150)][next() % 4];
    const retain = next() % 2 === 1;
    const dup = qos === 1 && next() % 2 === 1;
    const messageId = qos ? 1 + (next() % 65535) : undefined;
    cases.push({
      packet: { cmd: "publish", topic, payload: Buffer.from(payload), qos, retain, dup, messageId },
      expect: { type: PUBLISH, topic, payload, qos, retain, dup, packetId: messageId ?? 0 },
    });
  }

  it("every broker packet, concatenated and split at random, 20 times over", () => {
    const stream = Buffer.concat(cases.map((c) => reference(c.packet)));
    for (let round = 0; round < 20; round++) {
      const { parser, packets, malformed } = collect();
      feedSplit(parser, stream, mulberry32(round));
      expect(malformed).toEqual([]);
      expect(packets.length).toBe(cases.length);
      packets.forEach((p, i) => {
        const { payload, ...fields } = cases[i].expect;
        expect(p, `packet ${i} (${cases[i].packet.cmd})`).toMatchObject(fields);
        if (payload) expect(Buffer.from(p.payload).equals(Buffer.from(payload)), `packet ${i}'s payload`).toBe(true);
      });
    }
  });

  it("skips a packet that is wrong inside a well-formed frame, counts it, and reads on", () => {
    const good = reference({ cmd: "puback", messageId: 7 });
    const bad = [
      [0x20, 3, 0, 0, 0], // CONNACK of 3 bytes
      [0x21, 2, 0, 0], // CONNACK with flags
      [0x20, 2, 2, 0], // CONNACK's reserved bits
      [0x36, 3, 0, 1, 0x61], // PUBLISH with QoS 3
      [0x32, 5, 0, 1, 0x61, 0, 0], // QoS 1 PUBLISH with packet id 0
      [0x30, 4, 0, 5, 0x61, 0x62], // topic longer than the packet
      [0x30, 3, 0, 1, 0x2b], // a wildcard in a topic name
      [0x30, 4, 0, 2, 0xc3, 0x28], // a topic that is not UTF-8
      [0x90, 3, 0, 1, 3], // SUBACK with return code 3
      [0x60, 2, 0, 1], // PUBREL without its 0010 flags
      [0x00, 0], // reserved type 0
      [0xf0, 1, 0], // reserved type 15
      [0x10, 2, 0, 0], // CONNECT: a broker does not send one
      [0xd0, 1, 0], // PINGRESP with a body
    ];
    const { parser, packets, malformed } = collect();
    for (const b of bad) {
      parser.feed(Uint8Array.from(b));
      parser.feed(good);
    }
    expect(malformed.length).toBe(bad.length);
    expect(packets.map((p) => p.packetId)).toEqual(bad.map(() => 7));
  });

  it("a remaining length that cannot be parsed or is too big loses the stream, before allocating", () => {
    const five = collect();
    expect(() => five.parser.feed(Uint8Array.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]))).toThrow(MqttPacketError);
    expect(() => five.parser.feed(Uint8Array.from([0xd0, 0]))).toThrow(/already lost/);
    five.parser.reset();
    five.parser.feed(Uint8Array.from([0xd0, 0]));
    expect(five.packets.map((p) => p.type)).toEqual([PINGRESP]);

    const big = collect(1024);
    expect(() => big.parser.feed(Uint8Array.from([0x30, 0xff, 0xff, 0xff, 0x7f]))).toThrow(/268435455 bytes, more than the client's maximum of 1024/);
    const justFits = collect(1024);
    justFits.parser.feed(reference({ cmd: "publish", topic: "t", payload: Buffer.alloc(1024 - 3), qos: 0 }));
    expect(justFits.packets.length).toBe(1);
  });
});

describe("topic filters (MQTT 3.1.1 §4.7)", () => {
  it("match with + for one level and # for the rest, the parent level included", () => {
    const cases: Array<[string, string, boolean]> = [
      ["a/b", "a/b", true], ["a/b", "a/c", false], ["a/b", "a/b/c", false], ["a/b/c", "a/b", false],
      ["a/+", "a/b", true], ["a/+", "a/", true], ["a/+", "a/b/c", false], ["+/+", "/x", true], ["+", "a", true], ["+", "a/b", false],
      ["a/#", "a", true], ["a/#", "a/b/c", true], ["a/#", "ab", false], ["#", "a/b", true], ["#", "/", true],
      ["sport/tennis/+/#", "sport/tennis/player1", true], ["sport/+/player1", "sport/tennis/player1", true],
      ["#", "$SYS/broker", false], ["+/broker", "$SYS/broker", false], ["$SYS/#", "$SYS/broker", true],
    ];
    for (const [filter, topic, expected] of cases) expect(topicMatches(filter, topic), `${filter} ~ ${topic}`).toBe(expected);
  });

  it("are checked before they go to the broker, and so are topic names", () => {
    for (const good of ["a", "#", "+", "a/+/b/#", "/", "+/+"]) expect(filterProblem(good), good).toBeUndefined();
    for (const bad of ["", "a#", "a/#/b", "a+/b", "a/b+", "x\u0000"]) expect(filterProblem(bad), bad).toBeDefined();
    for (const good of ["a", "a/b", "/", "ü/€"]) expect(topicProblem(utf8Encode(good)), good).toBeUndefined();
    for (const bad of ["", "a/+", "#", "x\u0000"]) expect(topicProblem(utf8Encode(bad)), bad).toBeDefined();
  });
});
