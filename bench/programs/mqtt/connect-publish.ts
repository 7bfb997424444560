// An app that connects and publishes one QoS 1 message through mote/mqtt, over a transport
// that goes nowhere: the image size the MQTT client adds (bench/mqtt.ts, against hello).
import { MqttClient, type Transport, type TransportEvents } from "mote/mqtt";
class NullTransport implements Transport {
  open(events: TransportEvents): void {
    setTimeout(() => events.opened(), 1);
  }
  write(bytes: Uint8Array): void {}
  close(): void {}
}
const client = new MqttClient(new NullTransport(), { clientId: "pico-1", will: { topic: "mote/pico-1/status", payload: "offline", qos: 1, retain: true }, reconnect: { minDelayMs: 1000, maxDelayMs: 60000 } });
client.onConnected(() => console.log("connected"));
client.connect();
client.publish("mote/pico-1/telemetry/t", "21", { qos: 1 }).then(() => client.end());
