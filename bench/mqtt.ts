// mote/mqtt's figures (issue 9): `npx tsx bench/mqtt.ts` prints, on pico,
// - the image size an app that connects and publishes adds over hello, and the modules it is
//   made of (issue 9's target: ≤ 8 KB for mote/cbor + mote/mqtt + telemetry together);
// - the instructions to encode one QoS 1 PUBLISH of a telemetry reading (the difference of
//   101 and 1 encodings, over 100, so start-up and printing cancel out), with the topic as a
//   string and as UTF-8 bytes converted once; and per client.publish of a QoS 0 message.
// Figures only: nothing here is asserted.

import { picoImage as image, picoInstructions as instructions } from "./pico-programs.ts";

const hello = image("hello.ts").image.flashBytes.length;
const app = image("mqtt/connect-publish.ts");
const appBytes = app.image.flashBytes.length;
console.log(`pico: hello ${hello} B, connect-and-publish ${appBytes} B: mote/mqtt adds ${appBytes - hello} B`);
console.log(app.sizeReport.split("\n").filter((line) => /^(module|sdk\/lib\/mqtt|sdk\/lib\/rt\/(promise|timers|string-methods|arrays|objects)|strings)/.test(line)).join("\n"));
const one = await instructions("mqtt/encode-publish-1.ts");
const many = await instructions("mqtt/encode-publish-101.ts");
console.log(`instructions to encode one QoS 1 PUBLISH (33-byte topic, 4-byte payload): ${Math.round((many - one) / 100)}`);
const cachedOne = await instructions("mqtt/encode-publish-cached-1.ts");
const cachedMany = await instructions("mqtt/encode-publish-cached-101.ts");
console.log(`  the same with the topic already in UTF-8 (utf8Encode once): ${Math.round((cachedMany - cachedOne) / 100)}`);
const clientOne = await instructions("mqtt/client-publish-1.ts");
const clientMany = await instructions("mqtt/client-publish-101.ts");
console.log(`instructions per client.publish at QoS 0, connected (topic string to bytes, checks, encoding, promise): ${Math.round((clientMany - clientOne) / 100)}`);
