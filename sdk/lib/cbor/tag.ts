// Values CBOR has and JavaScript has not: a tagged item (RFC 8949 §3.4) and a simple value
// other than false/true/null/undefined (§3.3). Both pass through decode and encode unchanged,
// so a device can relay what it does not interpret.

/** A tagged data item: tag number `tag` (an unsigned integer below 2^53) around `value`.
 *  Decoding keeps every tag as a CborTag; mote/cbor interprets none. */
export class CborTag {
  constructor(readonly tag: number, readonly value: unknown) {}
}

/** A simple value (major type 7) with no JavaScript counterpart: 0–19 and 32–255. */
export class CborSimple {
  constructor(readonly value: number) {}
}
