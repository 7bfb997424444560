// The OS management group (0), smp_group_0.rst: echo, reset, mcumgr parameters and OS/app
// information. Task and memory-pool statistics have no meaning on mote (one thread, one
// heap: the mote group reports the heap), and the bootloader's information waits for
// mote-boot: those answer MGMT_ERR_ENOTSUP.

import type { CborWriter } from "../cbor/writer.ts";
import type { SmpHandler } from "./handler.ts";
import { MGMT_ERR_EINVAL, MGMT_ERR_ENOTSUP, OS_ECHO, OS_INFO, OS_MCUMGR_PARAMS, OS_RESET, OP_WRITE } from "./protocol.ts";
import type { SmpRequest } from "./request.ts";

/** How long after answering a reset the device resets: the answer's last bytes leave the
 *  UART's transmit FIFO (32 bytes at 115200 baud take under 3 ms) with room to spare. */
export const RESET_DELAY_MS = 50;

/** What `uname -a` would say, field by field, in the order uname prints them. */
const INFO_FIELDS = "snrvbmpio";

/** Who the device is, as OS info tells it. */
export class DeviceIdentity {
  constructor(readonly id: string, readonly version: string, readonly board: string) {}
}

export class OsGroup implements SmpHandler {
  /**
   * `bufferSize`: the largest frame the transport takes (mcumgr params' buf_size);
   * `reset`: resets the device, called RESET_DELAY_MS after the answer went out.
   */
  constructor(private readonly identity: DeviceIdentity, private readonly bufferSize: number, private readonly reset: () => void) {}

  handle(request: SmpRequest, writer: CborWriter): number {
    const command = request.command;
    if (command === OS_ECHO) return echo(request.body, writer);
    if (command === OS_RESET && request.op === OP_WRITE) {
      writer.map(0);
      setTimeout(this.reset, RESET_DELAY_MS);
      return 0;
    }
    if (command === OS_MCUMGR_PARAMS) {
      writer.map(2);
      writer.text("buf_size");
      writer.uint(this.bufferSize);
      writer.text("buf_count");
      writer.uint(1);
      return 0;
    }
    if (command === OS_INFO) return info(request.body, writer, this.identity);
    return MGMT_ERR_ENOTSUP;
  }
}

/** `{"d": text}` → `{"r": text}`. */
function echo(body: Record<string, unknown>, writer: CborWriter): number {
  const text = body["d"];
  if (typeof text !== "string") return MGMT_ERR_EINVAL;
  writer.map(1);
  writer.text("r");
  writer.text(text);
  return 0;
}

/** `{"format"?: "snrvbmpio" letters or "a"}` → `{"output": text}`, as uname: s kernel name,
 *  n node (the device's id), r release and v version (the app's), b build time, m machine,
 *  p processor, i hardware platform (the board), o operating system. Default "s". A letter
 *  uname does not have is refused, as Zephyr does. (Character codes, not string methods:
 *  they would link the string library for one command.) */
function info(body: Record<string, unknown>, writer: CborWriter, identity: DeviceIdentity): number {
  const requested = body["format"];
  let format = "s";
  if (requested !== undefined) {
    if (typeof requested !== "string") return MGMT_ERR_EINVAL;
    format = requested;
  }
  let all = false;
  for (let i = 0; i < format.length; i++) {
    const letter = format.charCodeAt(i);
    if (letter === LETTER_A) all = true;
    else if (!contains(INFO_FIELDS, letter)) return MGMT_ERR_EINVAL;
  }
  let output = "";
  for (let i = 0; i < INFO_FIELDS.length; i++) {
    const field = INFO_FIELDS.charCodeAt(i);
    if (!all && !contains(format, field)) continue;
    if (output !== "") output += " ";
    output += infoField(field, identity);
  }
  writer.map(1);
  writer.text("output");
  writer.text(output);
  return 0;
}

const LETTER_A = 0x61;

function contains(text: string, code: number): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === code) return true;
  }
  return false;
}

function infoField(field: number, identity: DeviceIdentity): string {
  if (field === 0x73 || field === 0x6f) return "mote"; // s, o
  if (field === 0x6e) return identity.id; // n
  if (field === 0x72 || field === 0x76) return identity.version; // r, v
  if (field === 0x6d) return "arm"; // m
  if (field === 0x69) return identity.board; // i
  return "unknown"; // b, p
}
