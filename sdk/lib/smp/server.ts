// The SMP server: takes packets from the serial transport, decodes each request's body,
// dispatches it by group to the group's handler and sends the answer back, framed. Every
// request gets an answer — the command's map, or `{"rc": n}` with n from the management error
// table — except packets that are no request at all (shorter than a header, or a response),
// which are dropped and counted. Nothing a host sends makes it throw.
//
// Errors are answered in the original protocol's form `{"rc": n}` whatever the request's
// version, as Zephyr does for the management-level errors (unknown group or command,
// malformed body); the answer's header carries the request's version, sequence, group and
// command, and its operation + 1.

import { CborReader } from "../cbor/decode.ts";
import { CborWriter } from "../cbor/writer.ts";
import { CborSimple, CborTag } from "../cbor/tag.ts";
import type { SmpHandler } from "./handler.ts";
import { HEADER_SIZE, MGMT_ERR_EINVAL, MGMT_ERR_ENOTSUP, MGMT_ERR_EUNKNOWN, OP_READ, OP_WRITE, VERSION_2 } from "./protocol.ts";
import { SmpRequest } from "./request.ts";
import { encodeSerialFrame } from "./serial-transport.ts";

/** How deep a request body may nest: SMP bodies are a map of scalars, byte strings and, in
 *  some commands, one more level. */
const BODY_MAX_DEPTH = 8;

export class SmpServer {
  /** Requests answered (errors included). */
  requests = 0;
  /** Requests answered with an error. */
  errors = 0;
  /** Packets dropped: shorter than a header, or not a request (a response, an unknown op). */
  dropped = 0;
  // A few groups: two arrays searched in order cost less flash than a Map.
  private readonly groupIds: number[] = [];
  private readonly handlers: SmpHandler[] = [];
  private readonly writer = new CborWriter(64);

  /** `send` writes a framed answer to the host (the whole frame in one call). */
  constructor(private readonly send: (frame: Uint8Array) => void) {}

  /** Serves `group` with `handler` (a second handler for a group replaces the first). */
  register(group: number, handler: SmpHandler): void {
    const at = this.groupIds.indexOf(group);
    if (at >= 0) {
      this.handlers[at] = handler;
      return;
    }
    this.groupIds.push(group);
    this.handlers.push(handler);
  }

  /** Stops serving `group`: its requests are answered "not supported", as for a group never
   *  served. An app that must not take updates over its serial port drops the image group:
   *  `smp.unregister(GROUP_IMAGE)`. */
  unregister(group: number): void {
    const at = this.groupIds.indexOf(group);
    if (at < 0) return;
    this.groupIds.splice(at, 1);
    this.handlers.splice(at, 1);
  }

  /** Answers one packet (header + body) that the transport received. */
  receive(packet: Uint8Array): void {
    if (packet.length < HEADER_SIZE) {
      this.dropped++;
      return;
    }
    const op = packet[0] & 0x07;
    if (op !== OP_READ && op !== OP_WRITE) {
      this.dropped++;
      return;
    }
    const writer = this.writer;
    writer.reset();
    let rc = MGMT_ERR_EINVAL;
    const body = ((packet[2] << 8) | packet[3]) === packet.length - HEADER_SIZE ? decodeBody(packet) : undefined;
    if (body !== undefined) {
      const request = new SmpRequest(packet, body);
      const at = this.groupIds.indexOf(request.group);
      if (at < 0 || request.version > VERSION_2) rc = MGMT_ERR_ENOTSUP;
      else {
        const handler = this.handlers[at];
        try {
          rc = handler.handle(request, writer);
        } catch (error) {
          writer.reset();
          rc = MGMT_ERR_EUNKNOWN;
        }
      }
    }
    if (rc !== 0) {
      // A handler that explains its refusal has written `{"rc", "rsn"}` already.
      if (writer.length === 0) {
        writer.map(1);
        writer.text("rc");
        writer.uint(rc);
      }
      this.errors++;
    }
    this.requests++;
    this.send(encodeSerialFrame(answer(packet, writer.finish())));
  }
}

/** The body of `packet` as a map, or undefined when it is not one CBOR map (an empty body
 *  counts as an empty map, as some clients send for a read). */
function decodeBody(packet: Uint8Array): Record<string, unknown> | undefined {
  if (packet.length === HEADER_SIZE) return {};
  let value: unknown;
  try {
    const reader = new CborReader(packet, HEADER_SIZE, { maxDepth: BODY_MAX_DEPTH });
    value = reader.read();
    if (!reader.done) return undefined;
  } catch (error) {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Uint8Array
    || value instanceof CborTag || value instanceof CborSimple) return undefined;
  return value as Record<string, unknown>;
}

/** The response packet to `request` with `body`. */
function answer(request: Uint8Array, body: Uint8Array): Uint8Array {
  const packet = new Uint8Array(HEADER_SIZE + body.length);
  const version = (request[0] >> 3) & 0x03;
  packet[0] = ((version > VERSION_2 ? VERSION_2 : version) << 3) | ((request[0] & 0x07) + 1);
  packet[1] = 0;
  packet[2] = body.length >> 8;
  packet[3] = body.length & 0xff;
  packet[4] = request[4];
  packet[5] = request[5];
  packet[6] = request[6];
  packet[7] = request[7];
  for (let i = 0; i < body.length; i++) packet[HEADER_SIZE + i] = body[i];
  return packet;
}
