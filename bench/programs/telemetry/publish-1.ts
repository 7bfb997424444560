// Publishes 1 reading and says so once the broker has acknowledged it: bench/telemetry.ts
// takes the difference between this and publish-101.ts as the device's instructions per
// reading, encoded, published, framed onto the link and acknowledged. The readings wait in
// the outbox until the bridge has connected.
import { telemetry } from "mote/telemetry";

const COUNT = 1;
telemetry.start({ capacity: 128, statusIntervalMs: 0 });
for (let i = 0; i < COUNT; i++) telemetry.publish("temperature", 21.5);
telemetry.flush().then(() => console.log("acknowledged"));
