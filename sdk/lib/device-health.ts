// What a device says of itself, the same way wherever it says it: telemetry's retained status
// (telemetry.ts) and SMP's mote group (smp/mote-group.ts). The keys are those the host reads
// with one decoder (flash-tool/telemetry/payload.ts decodeStatus, PROTOCOLS.md "MQTT topics
// and payloads"):
//
//   "version", "board", "uptime", "resetReason", "heapUsed", "heapFree", "loopLag", "boot",
//   and "crash": {"kind", "code", "words"} when a crash report was kept across the reset
//   (words: pc, lr, sp and the stack's return addresses as little-endian 32-bit words).

import { APP_VERSION, BOARD_ID } from "mote/board";
import { symbolAddress } from "mote/intrinsics";
import type { CborWriter } from "./cbor/writer.ts";
import { bootId } from "./rt/boot-id.ts";
import { resetReason, type KeptCrash } from "./rt/crash-record.ts";
import { heapFree } from "./rt/heap.ts";
import { loopLag, now } from "./rt/timers.ts";

/** Map entries writeHealth writes. */
export const HEALTH_ENTRIES = 8;

/** The entries of the device's health, into a map the caller opened. */
export function writeHealth(writer: CborWriter): void {
  const free = heapFree();
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
}

/** The "crash" entry for a report kept across the reset (rt/crash-record.ts keptCrash). */
export function writeCrash(writer: CborWriter, crash: KeptCrash): void {
  writer.text("crash");
  writer.map(3);
  writer.text("kind");
  writer.text(crash.kind);
  writer.text("code");
  writer.uint(crash.code);
  writer.text("words");
  writer.bytes(crash.words);
}
