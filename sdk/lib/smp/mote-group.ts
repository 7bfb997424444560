// mote's management group (64, the first id SMP leaves to applications): the device's
// diagnostics in one answer — who it is, heap, event-loop lag, uptime, why it reset and the
// crash report kept from before the reset. The keys are those of telemetry's status
// (sdk/lib/telemetry.ts, PROTOCOLS.md "MQTT topics and payloads"), so the host reads both
// with one decoder (flash-tool/telemetry/payload.ts decodeStatus):
//
//   {"id", "version", "board", "uptime", "resetReason", "heapUsed", "heapFree", "loopLag",
//    "boot", "crash"?: {"kind", "code", "words"}}
//
// words: pc, lr, sp and the stack's return addresses as little-endian 32-bit words.

import { APP_VERSION, BOARD_ID, DEVICE_ID } from "mote/board";
import { symbolAddress } from "mote/intrinsics";
import type { CborWriter } from "../cbor/writer.ts";
import { bootId } from "../rt/boot-id.ts";
import { keptCrash, resetReason } from "../rt/crash-record.ts";
import { heapFree } from "../rt/heap.ts";
import { loopLag, now } from "../rt/timers.ts";
import type { SmpHandler } from "./handler.ts";
import { MGMT_ERR_ENOTSUP, MOTE_DIAGNOSTICS } from "./protocol.ts";
import type { SmpRequest } from "./request.ts";

export class MoteGroup implements SmpHandler {
  handle(request: SmpRequest, writer: CborWriter): number {
    if (request.command !== MOTE_DIAGNOSTICS) return MGMT_ERR_ENOTSUP;
    const crash = keptCrash();
    const free = heapFree();
    writer.map(crash === undefined ? 9 : 10);
    writer.text("id");
    writer.text(DEVICE_ID);
    writer.text("version");
    writer.text(APP_VERSION);
    writer.text("board");
    writer.text(BOARD_ID);
    writer.text("uptime");
    writer.uint(now());
    writer.text("resetReason");
    writer.text(resetReason());
    writer.text("heapUsed");
    writer.uint(symbolAddress("__heap_end") - symbolAddress("__heap_start") - free);
    writer.text("heapFree");
    writer.uint(free);
    writer.text("loopLag");
    writer.uint(loopLag());
    writer.text("boot");
    writer.uint(bootId());
    if (crash !== undefined) {
      writer.text("crash");
      writer.map(3);
      writer.text("kind");
      writer.text(crash.kind);
      writer.text("code");
      writer.uint(crash.code);
      writer.text("words");
      writer.bytes(crash.words);
    }
    return 0;
  }
}
