// Encodes 101 QoS 1 PUBLISHes of a telemetry-sized message: bench/mqtt.ts takes the difference between
// this and encode-publish-1.ts as the instructions per PUBLISH encoded.
import { encodePublish, utf8Encode } from "mote/mqtt";

const COUNT = 101;
const payload = utf8Encode("21.5");
let bytes = 0;
for (let i = 1; i <= COUNT; i++) bytes += encodePublish("mote/pico-1/telemetry/temperature", payload, 1, false, false, i).length;
console.log(bytes);
