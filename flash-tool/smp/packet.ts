// An SMP packet: the 8-byte header and a CBOR body. Source: Zephyr
// doc/services/device_mgmt/smp_protocol.rst. Header, big-endian:
//   [0] bits 4–3 version (0 = the original protocol, 1 = SMP version 2), bits 2–0 operation
//   [1] flags (0)   [2–3] body length   [4–5] group   [6] sequence   [7] command id
// A response carries the request's group, command and sequence, and op + 1.

import {
  GROUP_FS, GROUP_IMAGE, GROUP_MOTE, GROUP_OS, GROUP_SETTINGS, GROUP_SHELL, GROUP_STATS, GROUP_ZEPHYR_BASIC, HEADER_SIZE, OP_READ,
  OP_READ_RESPONSE, OP_WRITE, OP_WRITE_RESPONSE,
} from "../../sdk/lib/smp/protocol.ts";

// The numbers are the device's (sdk/lib/smp/protocol.ts), named for the host's callers.

/** Operations (header byte 0, bits 2–0). */
export const SmpOp = { READ: OP_READ, READ_RESPONSE: OP_READ_RESPONSE, WRITE: OP_WRITE, WRITE_RESPONSE: OP_WRITE_RESPONSE } as const;

/** Management groups (smp_protocol.rst, "Management group"); USER is the first application
 *  group, which mote's diagnostics use (MOTE). */
export const SmpGroup = {
  OS: GROUP_OS, IMAGE: GROUP_IMAGE, STATS: GROUP_STATS, SETTINGS: GROUP_SETTINGS, FS: GROUP_FS, SHELL: GROUP_SHELL,
  ZEPHYR_BASIC: GROUP_ZEPHYR_BASIC, USER: GROUP_MOTE, MOTE: GROUP_MOTE,
} as const;

export const SMP_HEADER_SIZE = HEADER_SIZE;

export interface SmpHeader {
  /** 0: original SMP (errors as {"rc"}), 1: SMP version 2 (errors as {"err": {group, rc}}). */
  version: number;
  op: number;
  flags: number;
  length: number;
  group: number;
  sequence: number;
  command: number;
}

/** Header + body as one packet. */
export function encodePacket(header: Omit<SmpHeader, "length" | "flags"> & { flags?: number }, body: Uint8Array): Uint8Array {
  if (body.length > 0xffff) throw new RangeError(`an SMP body holds at most 65535 bytes, got ${body.length}`);
  const packet = new Uint8Array(SMP_HEADER_SIZE + body.length);
  const view = new DataView(packet.buffer);
  view.setUint8(0, ((header.version & 0x03) << 3) | (header.op & 0x07));
  view.setUint8(1, header.flags ?? 0);
  view.setUint16(2, body.length);
  view.setUint16(4, header.group);
  view.setUint8(6, header.sequence & 0xff);
  view.setUint8(7, header.command);
  packet.set(body, SMP_HEADER_SIZE);
  return packet;
}

/** A packet whose header does not match its size. */
export class SmpPacketError extends Error {}

/** Splits a packet into its header and body; throws SmpPacketError if they disagree. */
export function decodePacket(packet: Uint8Array): { header: SmpHeader; body: Uint8Array } {
  if (packet.length < SMP_HEADER_SIZE) throw new SmpPacketError(`an SMP packet has an 8-byte header, got ${packet.length} bytes`);
  const view = new DataView(packet.buffer, packet.byteOffset, packet.length);
  const header: SmpHeader = {
    version: (view.getUint8(0) >> 3) & 0x03,
    op: view.getUint8(0) & 0x07,
    flags: view.getUint8(1),
    length: view.getUint16(2),
    group: view.getUint16(4),
    sequence: view.getUint8(6),
    command: view.getUint8(7),
  };
  if (header.length !== packet.length - SMP_HEADER_SIZE) {
    throw new SmpPacketError(`the SMP header says ${header.length} body bytes, the packet has ${packet.length - SMP_HEADER_SIZE}`);
  }
  return { header, body: packet.subarray(SMP_HEADER_SIZE) };
}
