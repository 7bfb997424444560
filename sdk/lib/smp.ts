// `import "mote/smp"`: the device answers SMP (mcumgr) requests on its console UART, beside
// the console text and the telemetry link (DESIGN.md, "One UART, three streams"), so `mote
// echo|reset|stats|info --port <tty>`, mcumgr and other SMP clients can manage it. One import
// is the whole opt-in; the server keeps the device running (it listens on the UART).
//
// Groups served: OS (0: echo, reset, mcumgr params, OS info), image (1, on boards with a flash
// layout: slot state, test/confirm, upload, erase), statistics (2: the server's, the UART's
// and the link's counters) and mote's diagnostics (64). An app can serve a group
// of its own: `smp.register(70, handler)` (smp/handler.ts).
//
//   sdk/lib/smp/serial-transport.ts  lines, base64, length and CRC (the frames)
//   sdk/lib/smp/server.ts            header, body, dispatch, error answers
//   sdk/lib/smp/*-group.ts           the groups

import { APP_VERSION, BOARD_ID, DEVICE_ID, HAS_FLASH_LAYOUT } from "mote/board";
import { link } from "./link.ts";
import { systemReset } from "./rt/port.ts";
import { noteRequestedReset } from "./rt/crash-record.ts";
import { uart } from "./uart.ts";
import { LinkStats, UartStats } from "./smp/device-stats.ts";
import { ImageGroup } from "./smp/image-group.ts";
import { MoteGroup } from "./smp/mote-group.ts";
import { DeviceIdentity, OsGroup } from "./smp/os-group.ts";
import { GROUP_IMAGE, GROUP_MOTE, GROUP_OS, GROUP_STATS } from "./smp/protocol.ts";
import { SerialFrameReader } from "./smp/serial-transport.ts";
import { SmpServer } from "./smp/server.ts";
import { SmpStats, StatsGroup } from "./smp/stats-group.ts";

export { SmpServer } from "./smp/server.ts";
export type { SmpHandler } from "./smp/handler.ts";
export type { SmpRequest } from "./smp/request.ts";
export * from "./smp/protocol.ts";

/** The largest frame a request may be (length field, header, body and CRC): mcumgr params'
 *  buf_size, what a client sizes its requests by. */
export const SMP_BUFFER_SIZE = 512;

function resetDevice(): void {
  noteRequestedReset();
  systemReset();
}

/** The device's SMP server. */
export const smp = new SmpServer((frame: Uint8Array) => uart.write(frame));
const reader = new SerialFrameReader((packet: Uint8Array) => smp.receive(packet), SMP_BUFFER_SIZE);
smp.register(GROUP_OS, new OsGroup(new DeviceIdentity(DEVICE_ID, APP_VERSION, BOARD_ID), SMP_BUFFER_SIZE, resetDevice));
smp.register(GROUP_STATS, new StatsGroup([new SmpStats(reader, smp), new UartStats(uart), new LinkStats(link)]));
smp.register(GROUP_MOTE, new MoteGroup());
// Boards that take updates: image state, upload into slot 1, erase (smp/image-group.ts).
if (HAS_FLASH_LAYOUT) smp.register(GROUP_IMAGE, new ImageGroup());
link.onText((bytes: Uint8Array) => reader.push(bytes));
