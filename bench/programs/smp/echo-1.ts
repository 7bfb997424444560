// bench/smp.ts: 1 echo request(s) (the spec's echo "hello" frame) read, parsed, answered and
// framed by the device's SMP code, the UART left out (answers are counted, not written).
import { SerialFrameReader } from "../../../sdk/lib/smp/serial-transport.ts";
import { SmpServer } from "../../../sdk/lib/smp/server.ts";
import { DeviceIdentity, OsGroup } from "../../../sdk/lib/smp/os-group.ts";

const REQUESTS = 1;
let answered = 0;
const server = new SmpServer((frame: Uint8Array) => { answered += frame.length; });
const reader = new SerialFrameReader((packet: Uint8Array) => server.receive(packet), 512);
server.register(0, new OsGroup(new DeviceIdentity("bench", "1.0.0", "pico"), 512, () => {}));
const text = "\x06\x09ABMCAAAJAAAAAKFhZGVoZWxsbyVv\n";
const frame = new Uint8Array(text.length);
for (let i = 0; i < text.length; i++) frame[i] = text.charCodeAt(i);
for (let i = 0; i < REQUESTS; i++) reader.push(frame);
console.log(answered);
