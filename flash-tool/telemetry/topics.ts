// mote's MQTT topic layout for telemetry, host side (PROTOCOLS.md "MQTT topics and payloads"):
//
//   mote/<device-id>/telemetry/<name>   one reading, CBOR, QoS 1
//   mote/<device-id>/status             the device's status, CBOR, retained
//
// Here: the subscription filters a consumer uses and the parser that tells which device and
// which kind of message a topic carries.

/** First level of every mote topic. */
export const TOPIC_ROOT = "mote";
export const TELEMETRY_LEVEL = "telemetry";
export const STATUS_LEVEL = "status";

/** What a topic says about a message. */
export type TopicKind =
  | { kind: "telemetry"; device: string; name: string }
  | { kind: "status"; device: string };

/**
 * Checks a device id or reading name given by a user for use inside a topic: MQTT 3.1.1
 * §4.7.1 reserves `+` and `#` as wildcards, and a `/` would shift the levels.
 */
export function checkTopicLevel(what: "device id" | "reading name", value: string): void {
  if (value.length === 0) throw new Error(`the ${what} is empty`);
  if (/[+#/\u0000]/.test(value)) {
    throw new Error(`the ${what} '${value}' contains '+', '#', '/' or NUL, which MQTT topics reserve; give the exact ${what}`);
  }
}

/** The topic filters that select readings and statuses (every device and name by default). */
export function telemetryFilters(options: { device?: string; name?: string } = {}): string[] {
  const device = options.device ?? "+";
  // Names are one topic level on the device side; `#` also takes nested ones (env/temp).
  const name = options.name ?? "#";
  return [`${TOPIC_ROOT}/${device}/${TELEMETRY_LEVEL}/${name}`, `${TOPIC_ROOT}/${device}/${STATUS_LEVEL}`];
}

/** The device and kind of a mote topic, or undefined for any other topic. */
export function parseTopic(topic: string): TopicKind | undefined {
  const levels = topic.split("/");
  if (levels[0] !== TOPIC_ROOT || levels.length < 3 || levels[1].length === 0) return undefined;
  const device = levels[1];
  if (levels[2] === STATUS_LEVEL && levels.length === 3) return { kind: "status", device };
  if (levels[2] === TELEMETRY_LEVEL && levels.length >= 4) {
    const name = levels.slice(3).join("/");
    if (name.length > 0) return { kind: "telemetry", device, name };
  }
  return undefined;
}
