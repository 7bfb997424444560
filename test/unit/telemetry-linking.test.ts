// What an app that publishes telemetry links (issue 9's size target: mote/cbor + mote/mqtt +
// telemetry within 8 KB on the Pico): only the publishing half of the MQTT client. The
// subscribing half (mqtt/subscriptions.ts), the decoding of incoming topics (UTF-8, topic
// matching) and the parser that decodes every field (PacketParser) come with subscribe().
// One build on the Pico, shared by the checks below.

import { describe, expect, it } from "vitest";
import { linkedSymbols } from "./linked-symbols.ts";

const PUBLISHER = `import { telemetry } from "mote/telemetry";
telemetry.start({ capacity: 16, statusIntervalMs: 0 });
telemetry.publish("temperature", 21.5);
telemetry.flush().then(() => console.log("acknowledged"));
`;

describe("an app that publishes telemetry", () => {
  const names = linkedSymbols(PUBLISHER, "pico");

  it("links the client's publishing half only", () => {
    expect(names).toContain("client.MqttClient.publish");
    expect(names).toContain("packets.PacketStream.feed");
    const subscribing = names.filter((n) => n.startsWith("subscriptions.") || n.startsWith("topics.topicMatches") || n === "utf8.utf8Decode"
      || n === "packets.decodePublishTopic" || n === "packets.PacketParser.decode" || n === "packets.decodePacket");
    expect(subscribing).toEqual([]);
  });
});
