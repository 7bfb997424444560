// Publishes 1,000 readings as fast as the link and the broker take them: a new one whenever
// fewer than 32 wait for their acknowledgement. bench/telemetry.ts times them at the broker.
import { telemetry } from "mote/telemetry";

const TOTAL = 1000;
const WINDOW = 32;
telemetry.start({ capacity: 64, statusIntervalMs: 0 });
let n = 0;
const feed = setInterval(() => {
  if (!telemetry.connected) return;
  while (n < TOTAL && telemetry.waiting < WINDOW) {
    telemetry.publish("temperature", 20 + (n % 50) / 10);
    n++;
  }
  if (n === TOTAL) clearInterval(feed);
}, 1);
