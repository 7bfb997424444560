// mote-boot's serial recovery (MCUboot's "serial recovery", issue 10 item 2): when no slot
// holds an image that may run, or the board's button is held at reset, mote-boot answers SMP
// (mcumgr) on the console UART instead of starting an app, so that `mote image upload --port`
// (or mcumgr) can put a signed image into the primary slot of a device whose primary is empty
// or damaged, and `mote reset --port` starts it: mote-boot verifies it at that reset as any
// other.
//
// The server is the libOS's own (sdk/lib/smp: frames, CBOR, the OS group for echo, params
// and reset) with the image group uploading into slot 0 (sdk/lib/image/slot-upload.ts): one
// implementation of each command for apps and for recovery. It needs the collector (every
// request allocates), so a mote-boot built with recovery is built without the bare profile
// (sdk/boot/build.ts); the sizes of both are in the size bench.

import { APP_VERSION, BOARD_ID, DEVICE_ID } from "mote/board";
import { gpioRead, gpioSetMode } from "mote/gpio";
import { link } from "../lib/link.ts";
import { PRIMARY_SLOT } from "../lib/image/slots.ts";
import { systemReset } from "../lib/rt/port.ts";
import { noteRequestedReset } from "../lib/rt/crash-record.ts";
import { uart } from "../lib/uart.ts";
import { ImageGroup } from "../lib/smp/image-group.ts";
import { DeviceIdentity, OsGroup } from "../lib/smp/os-group.ts";
import { GROUP_IMAGE, GROUP_OS } from "../lib/smp/protocol.ts";
import { SerialFrameReader } from "../lib/smp/serial-transport.ts";
import { SmpServer } from "../lib/smp/server.ts";
import { sayLine } from "./say.ts";

/** mcumgr params' buf_size: the largest request frame (as the libOS's server, sdk/lib/smp.ts). */
const RECOVERY_BUFFER_SIZE = 512;
/** The driver's mode for an input with its pull-up (boards/chips/rp2040/gpio.ts). */
const GPIO_PULL_UP = 2;
/** Reads before the level counts: the pull-up charges the pin's capacitance first. */
const SETTLE_READS = 64;

/** Whether the button on `pin` is held: it pulls the pin to ground (examples/button). */
export function recoveryButtonHeld(pin: number): boolean {
  gpioSetMode(pin, GPIO_PULL_UP);
  let held = false;
  for (let i = 0; i < SETTLE_READS; i++) held = !gpioRead(pin);
  return held;
}

function resetDevice(): void {
  noteRequestedReset();
  systemReset();
}

/** Starts the SMP server on the console UART; the event loop then runs it until a reset. */
export function startRecovery(): void {
  const server = new SmpServer((frame: Uint8Array) => uart.write(frame));
  const reader = new SerialFrameReader((packet: Uint8Array) => server.receive(packet), RECOVERY_BUFFER_SIZE);
  server.register(GROUP_OS, new OsGroup(new DeviceIdentity(DEVICE_ID, APP_VERSION, BOARD_ID), RECOVERY_BUFFER_SIZE, resetDevice));
  server.register(GROUP_IMAGE, new ImageGroup(PRIMARY_SLOT));
  link.onText((bytes: Uint8Array) => reader.push(bytes));
  sayLine("mote-boot: serial recovery: SMP on the console UART; upload an image into slot 0 (mote image upload --port), then reset");
}
