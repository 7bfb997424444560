// `mote/cbor`: CBOR (RFC 8949) for devices and the host alike. encode/decode for whole values,
// CborWriter for building a payload in place (telemetry), CborReader for a sequence of items.
// The same source runs under Node (the host port, the unit tests) and on the device.
//
//   import { encode, decode, CborWriter } from "mote/cbor";
//   const payload = encode({ t: 23.5, h: 41, id: "dev-1" });   // a3 61 74 f9 4d e0 …
//   const reading = decode(payload) as { t: number };
//
// sdk/lib/cbor/encode.ts and decode.ts say how JavaScript values and CBOR items map.

export { CborError } from "./cbor/error.ts";
export { CborSimple, CborTag } from "./cbor/tag.ts";
export { CborWriter } from "./cbor/writer.ts";
export { ENCODE_MAX_DEPTH, encode, writeValue } from "./cbor/encode.ts";
export { CborReader, DECODE_MAX_DEPTH, decode, decodeFirst, type DecodeOptions } from "./cbor/decode.ts";
