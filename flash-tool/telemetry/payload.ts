// Decoding the CBOR payloads devices publish (PROTOCOLS.md "MQTT topics and payloads"):
//
//   reading: { seq, boot, t, v }  or, for an object reading, { seq, boot, t, ...fields }
//   status:  { online: true, version, board, uptime, resetReason, heapUsed, heapFree, loopLag,
//              dropped, boot, waiting, crash? }
//            { online: false }  (the last will)
//   crash:   { kind, code, words }  words: pc, lr, sp, then the stack's return addresses, as
//              little-endian 32-bit words in a byte string (sdk/lib/telemetry.ts; a small
//              integer on the device cannot hold an address above 2^30)
//            or { kind, code, pc, lr, sp, frames: [uint…], build? }  (the same as numbers)
//
// `seq` counts every reading a device publishes (all names) from 0 at each boot; `boot` is the
// device's reset counter, so (device, boot, seq) names one reading. Anything that does not
// fit is a PayloadError with a reason a person can act on; nothing here throws anything else.

import { Decoder } from "cbor-x";

/** One decoded reading. Exactly one of `value` (a scalar or array reading) and `fields` (an
 *  object reading) is set. */
export interface Reading {
  device: string;
  name: string;
  /** The device's reading counter (all names), from 0 at each boot. */
  seq: number;
  /** The device's boot (reset counter): (device, boot, seq) identifies the reading. */
  boot: number;
  /** Device time in ms since boot when the reading was taken. */
  t: number;
  value?: unknown;
  fields?: Record<string, unknown>;
  /** When the host received it. */
  receivedAt: Date;
  /** Set when a reading of the same boot with a higher seq arrived first (the device sends
   *  in order, so this means the path in between reordered or replayed readings). */
  outOfOrder?: true;
}

/** A crash the device recorded before a reset, published in its status at the next boot. */
export interface StatusCrash {
  kind: string;
  code: number;
  pc: number;
  lr: number;
  sp: number;
  /** Candidate return addresses from the stack, innermost first. */
  frames: number[];
  /** The build id of the image that crashed (hex when the device sends bytes). */
  build?: string;
}

/** A device's status message. Fields the device did not send are undefined. */
export interface DeviceStatus {
  device: string;
  online: boolean;
  version?: string;
  board?: string;
  /** ms since boot. */
  uptime?: number;
  resetReason?: string;
  heapUsed?: number;
  heapFree?: number;
  /** ms the event loop ran late, as the device measures it. */
  loopLag?: number;
  /** Readings dropped from the device's full buffer since boot. */
  dropped?: number;
  boot?: number;
  /** Readings (and statuses) waiting in the device's buffer to be sent or acknowledged. */
  waiting?: number;
  crash?: StatusCrash;
  /** The broker delivered it as a retained message (sent before this subscription). */
  retained: boolean;
  receivedAt: Date;
}

/** Why a payload was refused. */
export class PayloadError extends Error {}

/** Keys of a reading map that are the envelope rather than the reading's own fields. */
const ENVELOPE_KEYS = new Set(["seq", "boot", "t"]);

// Maps become plain objects (keys as strings); records (cbor-x's tag 105 extension) are never
// sent by devices, so they stay off.
const decoder = new Decoder({ mapsAsObjects: true, useRecords: false });

/** Decodes one whole CBOR item; trailing bytes or a truncated item are a PayloadError. */
export function decodeCbor(payload: Uint8Array): unknown {
  if (payload.length === 0) throw new PayloadError("empty payload");
  try {
    return decoder.decode(payload);
  } catch (error) {
    throw new PayloadError(`not valid CBOR (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Decodes a reading published on `mote/<device>/telemetry/<name>`. */
export function decodeReading(device: string, name: string, payload: Uint8Array, receivedAt = new Date()): Reading {
  const map = asMap(decodeCbor(payload), "a reading");
  const seq = uint(map.seq, "seq");
  const boot = uint(map.boot, "boot");
  const t = uint(map.t, "t");
  const reading: Reading = { device, name, seq, boot, t, receivedAt };
  if ("v" in map) {
    reading.value = map.v;
    return reading;
  }
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(map)) if (!ENVELOPE_KEYS.has(key)) fields[key] = value;
  if (Object.keys(fields).length === 0) throw new PayloadError("the reading has neither 'v' nor fields of its own");
  reading.fields = fields;
  return reading;
}

/** Decodes a status published on `mote/<device>/status`. */
export function decodeStatus(device: string, payload: Uint8Array, retained: boolean, receivedAt = new Date()): DeviceStatus {
  const map = asMap(decodeCbor(payload), "a status");
  if (typeof map.online !== "boolean") throw new PayloadError(`the status has no boolean 'online' (found ${describe(map.online)})`);
  const status: DeviceStatus = { device, online: map.online, retained, receivedAt };
  if (typeof map.version === "string") status.version = map.version;
  if (typeof map.board === "string") status.board = map.board;
  if (typeof map.resetReason === "string") status.resetReason = map.resetReason;
  for (const key of ["uptime", "heapUsed", "heapFree", "loopLag", "dropped", "boot", "waiting"] as const) {
    const value = toNumber(map[key]);
    if (value !== undefined) status[key] = value;
  }
  if (map.crash !== undefined && map.crash !== null) status.crash = decodeCrash(map.crash);
  return status;
}

function decodeCrash(value: unknown): StatusCrash {
  const map = asMap(value, "the status's 'crash'");
  const word = (key: string) => {
    const n = toNumber(map[key]);
    return n === undefined ? NaN : n >>> 0;
  };
  const kind = typeof map.kind === "string" ? map.kind : "unknown";
  let crash: StatusCrash;
  if (map.words instanceof Uint8Array) {
    const bytes = map.words;
    if (bytes.length < 12 || bytes.length % 4 !== 0) {
      throw new PayloadError(`the status's crash 'words' must be pc, lr, sp and frames as 4-byte words, found ${bytes.length} bytes`);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const words = Array.from({ length: bytes.length / 4 }, (_, i) => view.getUint32(4 * i, true));
    crash = { kind, code: word("code"), pc: words[0], lr: words[1], sp: words[2], frames: words.slice(3) };
  } else {
    const frames = Array.isArray(map.frames) ? map.frames.map(toNumber).filter((n): n is number => n !== undefined).map((n) => n >>> 0) : [];
    crash = { kind, code: word("code"), pc: word("pc"), lr: word("lr"), sp: word("sp"), frames };
  }
  if (typeof map.build === "string") crash.build = map.build;
  else if (map.build instanceof Uint8Array) crash.build = Buffer.from(map.build).toString("hex");
  return crash;
}

function asMap(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Uint8Array || value instanceof Map) {
    throw new PayloadError(`${what} must be a CBOR map with text keys, found ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

/** An unsigned integer field of the envelope. */
function uint(value: unknown, key: string): number {
  if (value === undefined) throw new PayloadError(`the reading lacks '${key}'`);
  const n = toNumber(value);
  if (n === undefined || !Number.isSafeInteger(n) || n < 0) throw new PayloadError(`'${key}' must be an unsigned integer, found ${describe(value)}`);
  return n;
}

/** A number from a CBOR integer or float (64-bit integers decode as bigint when large). */
function toNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "bigint" && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)) return Number(value);
  return undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Uint8Array) return "a byte string";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return `the text ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
