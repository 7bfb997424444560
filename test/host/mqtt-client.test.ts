// mote/mqtt's client (sdk/lib/mqtt.ts) run directly on Node over a TCP transport
// (tcp-transport.ts) against real brokers: aedes in-process and Mosquitto as a child process.
// An independent client, the `mqtt` npm package, checks what reached the broker: QoS 0 and 1,
// retained messages, subscriptions, the last will, and reconnection with backoff after the
// broker is stopped and started again, with the QoS 1 messages queued meanwhile in order.

import mqtt from "mqtt";
import mqttPacket from "mqtt-packet";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MqttClient, MqttError, type MqttClientOptions } from "../../sdk/lib/mqtt.ts";
import { freePort, mosquittoInstalled, startAedes, startMosquitto, type TestBroker } from "./brokers.ts";
import { TcpTransport } from "./tcp-transport.ts";

const TEST_MS = 30_000;
const haveMosquitto = mosquittoInstalled();
if (!haveMosquitto) console.warn("NOTICE: mosquitto is not installed; the mote/mqtt client is tested against aedes only");

const text = (payload: Uint8Array | Buffer) => Buffer.from(payload).toString();

/** Resolves when `check` holds (polled), or fails naming `what`. */
async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A mote client over TCP; `connected` resolves at the first CONNACK. */
function moteClient(broker: TestBroker, options: MqttClientOptions) {
  const transport = new TcpTransport(broker.port);
  const client = new MqttClient(transport, options);
  const disconnects: string[] = [];
  client.onDisconnected((reason) => disconnects.push(reason));
  const connected = new Promise<void>((resolve) => client.onConnected(() => resolve()));
  client.connect();
  return { client, transport, connected, disconnects };
}

/** The independent client: subscribed to `filter` at QoS 1, collecting what it receives. */
async function observer(broker: TestBroker, filter: string, options: mqtt.IClientOptions = {}) {
  const received: Array<{ topic: string; payload: string; retain: boolean; qos: number }> = [];
  const client = await mqtt.connectAsync(broker.url, { protocolVersion: 4, reconnectPeriod: 100, ...options });
  client.on("message", (topic, payload, packet) => received.push({ topic, payload: text(payload), retain: packet.retain, qos: packet.qos }));
  await client.subscribeAsync(filter, { qos: 1 });
  return { client, received };
}

const brokers: Array<[string, () => Promise<TestBroker>]> = [["aedes", startAedes]];
if (haveMosquitto) brokers.push(["mosquitto", startMosquitto]);

describe.each(brokers)("mote/mqtt against %s", (name, startBroker) => {
  let broker: TestBroker;
  beforeAll(async () => { broker = await startBroker(); });
  afterAll(async () => { await broker.close(); });

  it("connects and publishes at QoS 0 and 1, and retained", async () => {
    const watch = await observer(broker, "mote-test/pub/#");
    const { client, connected } = moteClient(broker, { clientId: `mote-pub-${name}` });
    await connected;
    await client.publish("mote-test/pub/zero", "at most once");
    await client.publish("mote-test/pub/one", new Uint8Array([0x68, 0xc3, 0xa9]), { qos: 1 });
    await client.publish("mote-test/pub/kept", "online", { qos: 1, retain: true });
    await until(() => watch.received.length === 3, "three messages at the observer");
    expect(watch.received).toEqual([
      { topic: "mote-test/pub/zero", payload: "at most once", retain: false, qos: 0 },
      { topic: "mote-test/pub/one", payload: "hé", retain: false, qos: 1 },
      { topic: "mote-test/pub/kept", payload: "online", retain: false, qos: 1 },
    ]);
    const late = await observer(broker, "mote-test/pub/kept");
    await until(() => late.received.length === 1, "the retained message");
    expect(late.received[0]).toMatchObject({ payload: "online", retain: true });
    expect(client.stats).toMatchObject({ malformed: 0, dropped: 0, retransmitted: 0, connections: 1 });
    client.end();
    await watch.client.endAsync();
    await late.client.endAsync();
  }, TEST_MS);

  it("subscribes with wildcards, receives at QoS 0 and 1, and unsubscribes", async () => {
    const { client, connected } = moteClient(broker, { clientId: `mote-sub-${name}` });
    await connected;
    const commands: string[] = [];
    const others: string[] = [];
    expect(await client.subscribe("mote-test/cmd/+", 1, (topic, payload) => commands.push(`${topic} ${text(payload)}`))).toBe(1);
    expect(await client.subscribe("mote-test/other/#", 0, (topic, payload) => others.push(`${topic} ${text(payload)}`))).toBe(0);
    const sender = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
    await sender.publishAsync("mote-test/cmd/led", "on", { qos: 1 });
    await sender.publishAsync("mote-test/cmd/led/deeper", "not for +", { qos: 1 });
    await sender.publishAsync("mote-test/other/a/b", "zero", { qos: 0 });
    await until(() => commands.length === 1 && others.length === 1, "both handlers");
    expect(commands).toEqual(["mote-test/cmd/led on"]);
    expect(others).toEqual(["mote-test/other/a/b zero"]);
    await client.unsubscribe("mote-test/cmd/+");
    await sender.publishAsync("mote-test/cmd/led", "off", { qos: 1 });
    await sender.publishAsync("mote-test/other/barrier", "after", { qos: 1 });
    await until(() => others.length === 2, "the message after unsubscribing");
    expect(commands).toEqual(["mote-test/cmd/led on"]);
    expect(client.stats.dropped).toBe(0);
    client.end();
    await sender.endAsync();
  }, TEST_MS);

  it("has the broker publish the last will when the transport dies, and not after end()", async () => {
    const watch = await observer(broker, "mote-test/will/+");
    const will = (id: string) => ({ topic: `mote-test/will/${id}`, payload: `${id} offline`, qos: 1 as const, retain: false });
    const polite = moteClient(broker, { clientId: `mote-polite-${name}`, will: will("polite") });
    const lost = moteClient(broker, { clientId: `mote-lost-${name}`, will: will("lost") });
    await Promise.all([polite.connected, lost.connected]);
    polite.client.end();
    lost.transport.kill();
    await until(() => watch.received.length >= 1, "the will");
    await new Promise((r) => setTimeout(r, 300));
    expect(watch.received.map((m) => m.payload)).toEqual(["lost offline"]);
    expect(lost.disconnects.length).toBe(1);
    expect(lost.client.connected).toBe(false);
    await watch.client.endAsync();
  }, TEST_MS);

  it("reconnects with backoff after the broker is stopped and started, and delivers what was queued, in order", async () => {
    // The observer keeps its session across the restart, so it misses nothing.
    const watch = await observer(broker, "mote-test/seq", { clientId: `observer-${name}`, clean: false });
    const { client, transport, connected, disconnects } = moteClient(broker, {
      clientId: `mote-seq-${name}`, keepAliveS: 5, reconnect: { minDelayMs: 100, maxDelayMs: 800 },
    });
    await connected;
    for (let i = 0; i < 5; i++) await client.publish("mote-test/seq", `${i}`, { qos: 1 });
    await broker.stop();
    await until(() => disconnects.length >= 1, "the client to notice");
    const queued: Array<Promise<void>> = [];
    for (let i = 5; i < 15; i++) queued.push(client.publish("mote-test/seq", `${i}`, { qos: 1 }));
    expect(client.queued).toBe(10);
    await until(() => transport.opens.length >= 5, "four attempts while the broker is away");
    await broker.start();
    await Promise.all(queued);
    expect(client.connected).toBe(true);
    await until(() => new Set(watch.received.map((m) => m.payload)).size === 15, "all 15 messages at the observer");
    const firsts = watch.received.map((m) => m.payload).filter((p, i, all) => all.indexOf(p) === i);
    expect(firsts).toEqual(Array.from({ length: 15 }, (_, i) => `${i}`));
    // The delays between attempts double from 100 ms to the 800 ms cap, plus at most an
    // eighth of jitter; a busy machine only makes them longer, so only lower bounds are sure.
    const gaps = transport.opens.slice(2).map((t, i) => t - transport.opens[i + 1]);
    expect(gaps[0]).toBeGreaterThanOrEqual(195);
    expect(gaps[1]).toBeGreaterThanOrEqual(395);
    expect(gaps[2]).toBeGreaterThanOrEqual(795);
    expect(client.stats.connections).toBe(2);
    client.end();
    await watch.client.endAsync();
  }, TEST_MS);
});

describe("mote/mqtt refusals (aedes)", () => {
  let broker: TestBroker;
  beforeAll(async () => { broker = await startAedes(); });
  afterAll(async () => { await broker.close(); });

  it("maps a refused CONNACK to a clear reason and does not retry what retrying cannot fix", async () => {
    broker.aedes!.authenticate = (_client, username, _password, callback) => {
      if (username === "mallory") callback(Object.assign(new Error("no"), { returnCode: 4 }) as never, false);
      else callback(null, true);
    };
    const { client, transport, disconnects } = moteClient(broker, {
      clientId: "mote-refused", username: "mallory", password: "guess", reconnect: { minDelayMs: 50, maxDelayMs: 100 },
    });
    await until(() => disconnects.length === 1, "the refusal");
    expect(disconnects[0]).toBe("the broker refused the connection: bad user name or password");
    await new Promise((r) => setTimeout(r, 300));
    expect(transport.opens.length).toBe(1);
    expect(client.connected).toBe(false);
  }, TEST_MS);

  it("rejects a subscription the broker refuses (SUBACK 0x80) and keeps the others", async () => {
    broker.aedes!.authorizeSubscribe = (_client, subscription, callback) => callback(null, subscription.topic === "forbidden/#" ? null : subscription);
    const { client, connected } = moteClient(broker, { clientId: "mote-forbidden" });
    await connected;
    await expect(client.subscribe("forbidden/#", 1, () => {})).rejects.toThrow(new MqttError("the broker refused the subscription to 'forbidden/#'"));
    expect(await client.subscribe("allowed/#", 1, () => {})).toBe(1);
    client.end();
  }, TEST_MS);
});

describe("mote/mqtt and a broker that sends garbage", () => {
  it("counts malformed packets, closes a stream it cannot resync, reconnects, and keeps running", async () => {
    // A raw TCP server: the first connection gets CONNACK, a SUBACK with a bad return code
    // (skipped), then a remaining length of five bytes (the stream is lost); the next
    // connection gets a CONNACK and stays.
    const port = await freePort();
    let connections = 0;
    const server = net.createServer((socket) => {
      const n = ++connections;
      socket.once("data", () => {
        socket.write(Buffer.from([0x20, 2, 0, 0]));
        if (n === 1) socket.write(Buffer.from([0x90, 3, 0, 1, 7, 0x30, 0xff, 0xff, 0xff, 0xff, 0x01]));
      });
      socket.on("error", () => {});
    });
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    const transport = new TcpTransport(port);
    const client = new MqttClient(transport, { clientId: "mote-garbage", reconnect: { minDelayMs: 20, maxDelayMs: 40 } });
    const reasons: string[] = [];
    client.onDisconnected((reason) => reasons.push(reason));
    client.connect();
    await until(() => client.stats.connections === 2, "the second connection");
    expect(client.stats.malformed).toBe(2);
    expect(reasons).toEqual(["MQTT: malformed packet from the broker: a remaining length longer than 4 bytes"]);
    client.end();
    server.close();
  }, TEST_MS);
});

/** A broker scripted packet by packet (for what real brokers do not do on demand: withhold a
 *  PUBACK or a PINGRESP). It reads the client's packets with mqtt-packet's parser and answers
 *  with `script`; every packet it read is kept, by connection. */
async function scriptedBroker(script: (packet: mqttPacket.Packet, reply: (p: object) => void, connection: number) => void) {
  const port = await freePort();
  const seen: mqttPacket.Packet[][] = [];
  const server = net.createServer((socket) => {
    const connection = seen.length;
    seen.push([]);
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    parser.on("packet", (packet) => {
      seen[connection].push(packet);
      script(packet, (p) => socket.write(mqttPacket.generate(p as mqttPacket.Packet)), connection);
    });
    socket.on("data", (data) => parser.parse(data));
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { port, seen, close: () => server.close() };
}

describe("mote/mqtt with a scripted broker", () => {
  it("sends an unacknowledged QoS 1 PUBLISH again with DUP set after the acknowledgement timeout", async () => {
    let publishes = 0;
    const broker = await scriptedBroker((packet, reply) => {
      if (packet.cmd === "connect") reply({ cmd: "connack", returnCode: 0, sessionPresent: false });
      // The first transmission is ignored, the second acknowledged.
      if (packet.cmd === "publish" && ++publishes === 2) reply({ cmd: "puback", messageId: packet.messageId });
    });
    const client = new MqttClient(new TcpTransport(broker.port), { clientId: "mote-retry", ackTimeoutMs: 100 });
    client.connect();
    await client.publish("t", "again", { qos: 1 });
    const sent = broker.seen[0].filter((p) => p.cmd === "publish") as mqttPacket.IPublishPacket[];
    expect(sent.map((p) => [p.dup, p.messageId, text(p.payload as Buffer)])).toEqual([[false, 1, "again"], [true, 1, "again"]]);
    expect(client.stats.retransmitted).toBe(1);
    client.end();
    broker.close();
  }, TEST_MS);

  it("acknowledges an inbound QoS 1 PUBLISH, pings when idle and calls the connection lost without a PINGRESP", async () => {
    const broker = await scriptedBroker((packet, reply, connection) => {
      if (packet.cmd === "connect") reply({ cmd: "connack", returnCode: 0, sessionPresent: false });
      if (packet.cmd === "subscribe") {
        reply({ cmd: "suback", messageId: packet.messageId, granted: [1] });
        reply({ cmd: "publish", topic: "in/x", payload: Buffer.from("hi"), qos: 1, messageId: 42, retain: false, dup: false });
      }
      // The first connection answers its first PINGREQ only.
      if (packet.cmd === "pingreq" && (connection > 0 || broker.seen[0].filter((p) => p.cmd === "pingreq").length === 1)) reply({ cmd: "pingresp" });
    });
    const client = new MqttClient(new TcpTransport(broker.port), { clientId: "mote-ping", keepAliveS: 1, reconnect: { minDelayMs: 50, maxDelayMs: 50 } });
    const reasons: string[] = [];
    client.onDisconnected((reason) => reasons.push(reason));
    const messages: string[] = [];
    client.connect();
    await client.subscribe("in/+", 1, (topic, payload) => messages.push(`${topic} ${text(payload)}`));
    await until(() => reasons.length === 1, "the connection to be called lost", 5000);
    expect(messages).toEqual(["in/x hi"]);
    const first = broker.seen[0].map((p) => p.cmd);
    expect(first).toEqual(["connect", "subscribe", "puback", "pingreq", "pingreq"]);
    expect((broker.seen[0][2] as mqttPacket.IPubackPacket).messageId).toBe(42);
    expect(reasons[0]).toBe("no answer from the broker within 500 ms of a PINGREQ");
    // Back again, and subscribed again, since the broker kept no session.
    await until(() => client.stats.connections === 2, "the reconnection");
    await until(() => broker.seen[1].some((p) => p.cmd === "subscribe"), "the subscription renewed");
    client.end();
    broker.close();
  }, TEST_MS);
});

describe("mote/mqtt's outbox", () => {
  it("sends the unacknowledged QoS 1 messages again after a reconnect, in order, with DUP set", async () => {
    // The first connection takes three PUBLISHes, acknowledges none and drops the client;
    // the second acknowledges everything.
    const broker = await scriptedBroker((packet, reply, connection) => {
      if (packet.cmd === "connect") reply({ cmd: "connack", returnCode: 0, sessionPresent: false });
      if (packet.cmd === "publish" && connection > 0) reply({ cmd: "puback", messageId: packet.messageId });
    });
    const transport = new TcpTransport(broker.port);
    const client = new MqttClient(transport, { clientId: "mote-dup", reconnect: { minDelayMs: 20, maxDelayMs: 20 } });
    client.connect();
    const acked = ["a", "b", "c"].map((m) => client.publish("t", m, { qos: 1 }));
    await until(() => broker.seen[0]?.filter((p) => p.cmd === "publish").length === 3, "three PUBLISHes");
    expect(client.inFlight).toBe(3);
    transport.kill();
    await until(() => client.stats.connections === 2, "the reconnection");
    acked.push(client.publish("t", "d", { qos: 1 }));
    await Promise.all(acked);
    const again = broker.seen[1].filter((p) => p.cmd === "publish") as mqttPacket.IPublishPacket[];
    expect(again.map((p) => [text(p.payload as Buffer), p.dup, p.messageId])).toEqual([["a", true, 1], ["b", true, 2], ["c", true, 3], ["d", false, 4]]);
    expect(client.stats.retransmitted).toBe(3);
    client.end();
    broker.close();
  }, TEST_MS);

  it("is bounded while the broker does not answer: the caller sees the counts and chooses what to drop", async () => {
    // Nothing listens on this port: each attempt is refused, with the reason given.
    const transport = new TcpTransport(await freePort());
    const client = new MqttClient(transport, { clientId: "mote-offline", maxQueued: 3, reconnect: { minDelayMs: 20, maxDelayMs: 40 } });
    const reasons: string[] = [];
    client.onDisconnected((reason) => reasons.push(reason));
    client.connect();
    const first = client.publish("t", "1", { qos: 1 });
    void client.publish("t", "2");
    void client.publish("t", "3", { qos: 1 });
    expect([client.queued, client.inFlight, client.maxQueued]).toEqual([3, 0, 3]);
    expect(() => client.publish("t", "4")).toThrow(/the outbox is full \(3 messages, 0 awaiting PUBACK\)/);
    expect(client.discardOldest()).toBe(true);
    await expect(first).rejects.toThrow(new MqttError("the message to 't' was discarded from the outbox"));
    void client.publish("t", "4", { qos: 1 }).catch(() => {});
    expect(client.queued).toBe(3);
    await until(() => reasons.length >= 3, "three refused attempts");
    expect(reasons[0]).toMatch(/ECONNREFUSED/);
    expect(() => client.publish("t", "x", { qos: 2 as 1 })).toThrow(/QoS 2 is not supported/);
    expect(() => client.publish("t/+", "x")).toThrow(/the topic 't\/\+' is invalid/);
    expect(() => client.subscribe("a/#/b", 0, () => {})).toThrow(/'#' must be a whole level, the last one/);
    expect(() => new MqttClient(transport, { clientId: "x", keepAliveS: 1.5 })).toThrow(/keepAliveS must be a whole number from 0 to 65535, got 1.5/);
    expect(() => new MqttClient(transport, { clientId: "x", reconnect: { minDelayMs: 500, maxDelayMs: 100 } })).toThrow(/reconnect.maxDelayMs must be a whole number from 500/);
    client.end();
  }, TEST_MS);
});
