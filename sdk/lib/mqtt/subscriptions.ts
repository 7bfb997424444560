// The subscribing half of the MQTT client (OASIS mqtt-v3.1.1-os §3.8 to §3.11): the app's
// subscriptions and their handlers, SUBSCRIBE and UNSUBSCRIBE awaiting their acknowledgement,
// and the messages the broker delivers. The client (client.ts) makes it at the first
// subscribe() or unsubscribe(); until then a PUBLISH from the broker is acknowledged and
// dropped and a SUBACK answers nothing. So an app that only publishes links none of this, nor
// the decoding of an incoming topic (packets.ts's decodePublishTopic, UTF-8, topic matching).

import { abandon, ignore, MqttError } from "./error.ts";
import { decodePublishTopic, encodePuback, encodeSubscribe, encodeUnsubscribe, InboundPacket, SUBACK, SUBACK_FAILURE } from "./packets.ts";
import { topicMatches } from "./topics.ts";

/** Called with each message whose topic matches a subscription's filter. */
export type MessageHandler = (topic: string, payload: Uint8Array) => void;

/** What the subscriptions need of the session. */
export interface Session {
  /** Whether the broker has accepted the connection. */
  readonly connected: boolean;
  /** Writes a packet on the current connection. */
  sendPacket(bytes: Uint8Array): void;
  /** A packet id from 1 to 65535 that no message or request in progress holds. */
  newPacketId(): number;
  /** Counts a well-formed packet that made no sense here (MqttStats.dropped). */
  packetDropped(): void;
  /** Counts a malformed packet (MqttStats.malformed). */
  packetMalformed(): void;
}

/** A SUBSCRIBE or UNSUBSCRIBE awaiting its acknowledgement. */
class Request {
  packetId = 0;
  sent = false;
  /** What subscribe() or unsubscribe() returned (none when the client renews a subscription
   *  by itself), and how to settle it. */
  promise: Promise<unknown> | undefined = undefined;
  resolve: (granted: number) => void = ignore;
  reject: (error: Error) => void = ignore;
  constructor(readonly subscribe: boolean, readonly filter: string, readonly qos: number) {}
}

class Subscription {
  constructor(readonly filter: string, readonly qos: number, readonly handler: MessageHandler) {}
}

export class Subscriptions {
  private requests: Request[] = [];
  private subscriptions: Subscription[] = [];

  constructor(private session: Session) {}

  /** Subscribes (the client checked the filter and QoS); see MqttClient.subscribe. */
  subscribe(filter: string, qos: number, handler: MessageHandler): Promise<number> {
    this.forget(filter);
    const subscription = new Subscription(filter, qos, handler);
    this.subscriptions.push(subscription);
    const request = new Request(true, filter, qos);
    const promise = new Promise<number>((resolve, reject) => {
      request.resolve = resolve;
      request.reject = (error: Error) => {
        const at = this.subscriptions.indexOf(subscription);
        if (at >= 0) this.subscriptions.splice(at, 1);
        reject(error);
      };
    });
    request.promise = promise;
    this.request(request);
    return promise;
  }

  /** Stops the filter's handler now and unsubscribes; see MqttClient.unsubscribe. */
  unsubscribe(filter: string): Promise<void> {
    this.forget(filter);
    const request = new Request(false, filter, 0);
    const promise = new Promise<void>((resolve, reject) => {
      request.resolve = () => resolve();
      request.reject = reject;
    });
    request.promise = promise;
    this.request(request);
    return promise;
  }

  /** Whether a request in progress holds `packetId`. */
  holds(packetId: number): boolean {
    for (const request of this.requests) if (request.packetId === packetId) return true;
    return false;
  }

  /** The broker accepted a connection: requests that were waiting (or lost with the last
   *  connection) go first, then the subscriptions a new session does not have. */
  resume(sessionPresent: boolean): void {
    for (const request of this.requests) this.sendRequest(request);
    if (!sessionPresent) {
      for (const subscription of this.subscriptions) {
        if (!this.requested(subscription.filter)) this.request(new Request(true, subscription.filter, subscription.qos));
      }
    }
  }

  /** The connection was lost: every request goes again on the next. */
  lost(): void {
    for (const request of this.requests) request.sent = false;
  }

  /** The client ended: the requests' promises reject. */
  end(): void {
    const requests = this.requests;
    this.requests = [];
    for (const request of requests) abandon(request.promise, request.reject, new MqttError(`the client ended before the broker acknowledged ${request.subscribe ? "subscribing" : "unsubscribing"} '${request.filter}'`));
  }

  /** A PUBLISH from the broker (its topic and payload not yet decoded). */
  deliver(packet: InboundPacket): void {
    if (decodePublishTopic(packet) !== undefined) {
      this.session.packetMalformed();
      return;
    }
    if (packet.qos > 1) {
      this.session.packetDropped();
      return;
    }
    // Acknowledged first, so that a handler's exception cannot make the broker send it again.
    if (packet.qos === 1) this.session.sendPacket(encodePuback(packet.packetId));
    // A copy of the list: a handler may subscribe or unsubscribe.
    const matching: MessageHandler[] = [];
    for (const subscription of this.subscriptions) {
      if (topicMatches(subscription.filter, packet.topic)) matching.push(subscription.handler);
    }
    for (const handler of matching) handler(packet.topic, packet.payload);
  }

  /** A SUBACK or UNSUBACK. */
  answered(packet: InboundPacket): void {
    const subscribe = packet.type === SUBACK;
    for (let i = 0; i < this.requests.length; i++) {
      const request = this.requests[i];
      if (request.sent && request.packetId === packet.packetId && request.subscribe === subscribe) {
        this.requests.splice(i, 1);
        if (!subscribe) request.resolve(0);
        else if (packet.granted[0] === SUBACK_FAILURE) request.reject(new MqttError(`the broker refused the subscription to '${request.filter}'`));
        else request.resolve(packet.granted[0]);
        return;
      }
    }
    this.session.packetDropped();
  }

  private request(request: Request): void {
    request.packetId = this.session.newPacketId();
    this.requests.push(request);
    if (this.session.connected) this.sendRequest(request);
  }

  private sendRequest(request: Request): void {
    this.session.sendPacket(request.subscribe ? encodeSubscribe(request.packetId, request.filter, request.qos) : encodeUnsubscribe(request.packetId, request.filter));
    request.sent = true;
  }

  private requested(filter: string): boolean {
    for (const request of this.requests) if (request.filter === filter) return true;
    return false;
  }

  private forget(filter: string): void {
    for (let i = 0; i < this.subscriptions.length; i++) {
      if (this.subscriptions[i].filter === filter) {
        this.subscriptions.splice(i, 1);
        return;
      }
    }
  }
}
