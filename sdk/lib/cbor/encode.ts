// encode(value): a JavaScript value as one CBOR data item, through a CborWriter. How values
// map (RFC 8949 §3, preferred serialization §4.2):
//   number      integer (major type 0/1) when integral and within ±2^64, else the shortest
//               exact float; -0, NaN and ±Infinity are floats (f98000, f97e00, f97c00)
//   string      text string (UTF-8)        Uint8Array   byte string
//   boolean, null, undefined   simple values f5/f4, f6, f7
//   array       array                      CborTag      tag + its value
//   CborSimple  simple value               other object its own enumerable string keys as
//                                          a map, in insertion order
// Lengths are always definite.

import { CborError } from "./error.ts";
import { CborSimple, CborTag } from "./tag.ts";
import { CborWriter } from "./writer.ts";

/** How deep arrays, maps and tags may nest when encoding: deeper (or a cycle) is a CborError. */
export const ENCODE_MAX_DEPTH = 64;

/** The CBOR encoding of `value` (see the table at the top of sdk/lib/cbor/encode.ts). A
 *  function or symbol, or nesting deeper than ENCODE_MAX_DEPTH, is a CborError. */
export function encode(value: unknown): Uint8Array {
  const writer = new CborWriter();
  writeValue(writer, value, 0);
  return writer.finish();
}

/** Appends `value` to `writer` as encode() would encode it. */
export function writeValue(writer: CborWriter, value: unknown, depth: number): void {
  if (typeof value === "number") writer.number(value);
  else if (typeof value === "string") writer.text(value);
  else if (typeof value === "boolean") writer.boolean(value);
  else if (value === null) writer.nullValue();
  else if (value === undefined) writer.undefinedValue();
  else if (value instanceof Uint8Array) writer.bytes(value);
  else {
    if (depth >= ENCODE_MAX_DEPTH) throw new CborError("nesting deeper than 64 (a cycle?)", writer.length);
    if (Array.isArray(value)) {
      writer.array(value.length);
      for (let i = 0; i < value.length; i++) writeValue(writer, value[i], depth + 1);
    } else if (value instanceof CborTag) {
      writer.tag(value.tag);
      writeValue(writer, value.value, depth + 1);
    } else if (value instanceof CborSimple) {
      writer.simple(value.value);
    } else if (typeof value === "object") {
      const map = value as Record<string, unknown>;
      const keys = Object.keys(map);
      writer.map(keys.length);
      for (let i = 0; i < keys.length; i++) {
        writer.text(keys[i]);
        writeValue(writer, map[keys[i]], depth + 1);
      }
    } else {
      throw new CborError(`a ${typeof value} has no CBOR encoding`, writer.length);
    }
  }
}
