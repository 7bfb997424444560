// A telemetry frame in CBOR, as ../shared/baseline/apps/telemetry.c: the map
// {"t": 23.5, "h": 41, "id": "dev-1"} through mote/cbor's writer (23.5 as a half float, RFC 8949's
// preferred serialization), printed as lowercase hex.
import { CborWriter } from "mote/cbor";

const HEX = "0123456789abcdef";

function frame(t: number, h: number, id: string): Uint8Array {
  const writer = new CborWriter(32);
  writer.map(3);
  writer.text("t");
  writer.number(t);
  writer.text("h");
  writer.uint(h);
  writer.text("id");
  writer.text(id);
  return writer.finish();
}

const bytes = frame(23.5, 41, "dev-1");
let text = "";
for (let i = 0; i < bytes.length; i++) text += HEX.charAt(bytes[i] >> 4) + HEX.charAt(bytes[i] & 15);
console.log(text);
