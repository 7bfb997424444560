// The device's MQTT 3.1.1 client: `import { MqttClient } from "mote/mqtt"` (issue 9, item 2).
// The client (mqtt/client.ts) speaks to the broker through a Transport (mqtt/transport.ts):
// the serial bridge's link now, a TCP socket once devices have one. The packet codec
// (mqtt/packets.ts) is exported too, for tools and tests that speak MQTT at the byte level.
// Only what an app reaches is linked, so importing this costs nothing by itself.

export {
  MqttClient, MqttError, MqttStats,
  type MessageHandler, type MqttClientOptions, type MqttWill, type PublishOptions, type ReconnectOptions,
} from "./mqtt/client.ts";
export type { Transport, TransportEvents } from "./mqtt/transport.ts";
export { filterProblem, topicMatches, topicProblem } from "./mqtt/topics.ts";
export {
  CONNACK, CONNECT, DISCONNECT, InboundPacket, MAX_REMAINING_LENGTH, MqttPacketError, PacketParser, PacketStream, PINGREQ, PINGRESP,
  PUBACK, PUBCOMP, PUBLISH, PUBREC, PUBREL, SUBACK, SUBACK_FAILURE, SUBSCRIBE, UNSUBACK, UNSUBSCRIBE,
  decodePacket, decodePublishTopic, encodeConnect, encodeDisconnect, encodePingreq, encodePuback, encodePublish, encodeSubscribe,
  encodeUnsubscribe, packetName,
  type ConnectFields, type PacketEvents, type WillFields,
} from "./mqtt/packets.ts";
export { utf8Decode, utf8Encode } from "./mqtt/utf8.ts";
