// Publishes 1 QoS 0 message(s) with a connected client over a loopback transport: bench/mqtt.ts
// takes the difference between this and client-publish-101.ts as the instructions per client.publish.
import { MqttClient, type Transport, type TransportEvents } from "mote/mqtt";
class Loop implements Transport {
  events: TransportEvents | undefined;
  open(events: TransportEvents): void {
    this.events = events;
    setTimeout(() => events.opened(), 1);
  }
  write(bytes: Uint8Array): void {
    if (bytes[0] === 0x10) {
      const events = this.events!;
      const connack = new Uint8Array(4);
      connack[0] = 0x20;
      connack[1] = 2;
      setTimeout(() => events.data(connack), 1);
    }
  }
  close(): void {}
}
const client = new MqttClient(new Loop(), { clientId: "pico-1" });
client.onConnected(() => {
  for (let i = 0; i < 1; i++) client.publish("mote/pico-1/telemetry/temperature", "21.5");
  client.end();
});
client.connect();
