// CBOR for SMP bodies, through cbor-x. Encoding is configured for plain RFC 8949 output (no
// cbor-x records or typed-array tags; byte strings as major type 2; definite-length maps sized
// to their content), so packets are byte-equal with the spec's vectors (../shared/PROTOCOLS.md
// "CBOR"). Decoding accepts definite and indefinite lengths (MCUboot answers with indefinite
// maps) and gives plain objects, byte strings as Uint8Array.

import { Decoder, Encoder } from "cbor-x";

const encoder = new Encoder({ useRecords: false, tagUint8Array: false, variableMapSize: true });
const decoder = new Decoder({ useRecords: false, mapsAsObjects: true });

export type SmpBody = Record<string, unknown>;

/** Undefined fields are left out (an optional field absent, not null). */
export function encodeBody(body: SmpBody): Uint8Array {
  const present = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  return new Uint8Array(encoder.encode(present));
}

/** A body that is not one CBOR map. */
export class SmpBodyError extends Error {}

export function decodeBody(bytes: Uint8Array): SmpBody {
  let value: unknown;
  try {
    value = decoder.decode(bytes);
  } catch (error) {
    throw new SmpBodyError(`the body is not valid CBOR: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Uint8Array) {
    throw new SmpBodyError("the body is CBOR but not a map");
  }
  return value as SmpBody;
}
