// One interface for every place an app can run: QEMU machine models, rp2040js in-process,
// Node (the host board), and (later) real boards over a serial port. Tests and the CLI talk
// only to this.

import type { Board, SimulatedSensor } from "../../boards/types.ts";

export interface BootImage {
  /** Path of the ELF on disk (QEMU loads it with -kernel). */
  elfPath: string;
  /** The flash contents from `flashOrigin` (rp2040js copies it into its flash). */
  flashBytes: Uint8Array;
  flashOrigin: number;
  /** Address of the vector table (initial SP at +0, reset handler at +4). */
  vectorTable: number;
  /** A RAM word the device reads as what SRAM held at power-on (sdk/lib/rt/boot-id.ts): the
   *  simulators put random bits there at power-on and leave it alone at a reset, as SRAM
   *  does. Absent when the image has no such word. */
  powerOnSeed?: number;
  /** Three RAM words the device reads its wall-clock time at boot from (sdk/lib/rt/date.ts):
   *  the simulators write the host's time there at power-on (power-on.ts wallClockWords).
   *  Absent when the image has none (the program makes no Date). */
  wallClock?: number;
}

/** What the host board runs instead of an image: the app bundled for Node (ports/host). */
export interface HostScript {
  scriptPath: string;
}

export interface RunOptions {
  board: Board;
  /** A BootImage for the native boards, a HostScript for the host board. */
  image: BootImage | HostScript;
  /** Stop the simulator after this much host time (ms); the result's reason is "timeout". */
  timeoutMs?: number;
  /** Device console output (the board's console UART), as it arrives. */
  onConsole?: (bytes: Uint8Array) => void;
  /**
   * Bytes for the device's console UART to receive (`uart.onData` on the device), as the
   * host has them: a test's queue, or later the terminal. Each byte waits until the
   * simulated UART has room (QEMU holds input back while the guest's receive buffer is
   * full; rp2040js's 32-byte FIFO is fed only when it is not full), as on a link with flow
   * control: none is lost on the way, and what the device cannot keep it counts itself
   * (`device.uartDropped`). While the input has not ended, a device asleep with nothing
   * else to wake it is waiting for input, not stuck. Reading stops when the run ends.
   */
  consoleInput?: AsyncIterable<Uint8Array>;
  /**
   * QEMU: the console UART is a pseudo-terminal instead of onConsole/consoleInput; called
   * with its path (/dev/pts/N) once QEMU has made it. Any serial tool opens it as it would a
   * real board's port (`mote bridge --port`, `mote flash --port`); as on a real board, what
   * the device prints while nobody has the port open is lost.
   */
  serialPty?: (path: string) => void;
  /** Count executed guest instructions (exact; slower). */
  countInstructions?: boolean;
  /**
   * Counts the instructions executed at each address of flash into this array, one entry per
   * halfword from the flash's start (index (pc - flash.origin) / 2; code run from RAM is not
   * counted): `mote run --profile` sums it per function. rp2040js only; QEMU boards throw.
   */
  profile?: Uint32Array;
  /** QEMU only: start halted with a gdbstub on this TCP port. */
  gdbPort?: number;
  /**
   * An output pin the board names (boards/<id>/board.ts `pins`) changed level, as the
   * simulator sees it from outside the guest (rp2040js's pin listeners, QEMU's GPIO and LED
   * trace events, the host port's gpio driver). `timeMs` is simulated time, where the
   * simulator gives it (rp2040js), and the app's own clock on the host.
   */
  onPinChange?: (pin: string, level: 0 | 1, timeMs: number | undefined) => void;
  /** Inputs driven on named pins at simulated times (rp2040js; the host, on the app's clock):
   *  a button pressed (0 on an active-low button), released (1). */
  pinInputs?: PinInput[];
  /** What the board's simulated sensors (Board.sensors) measure: at the start, or (rp2040js)
   *  from a simulated time on. QEMU cannot be scheduled in simulated time from outside: set
   *  later values through `onStart`'s control when the guest shows it is ready for them. */
  sensorInputs?: SensorInput[];
  /** rp2040js, host: end the run (reason "stopped") at this simulated time. */
  stopAtMs?: number;
  /** Ends the run (reason "stopped") when aborted: a test that has seen enough. */
  signal?: AbortSignal;
  /** Simulated time never runs ahead of the host's (a person watching the board): rp2040js
   *  waits instead of skipping idle time, QEMU runs with -icount sleep=on. Tests leave it off,
   *  so that idle time costs nothing and runs are exact. */
  realTime?: boolean;
  /** rp2040js: reports how many instructions ran from the latest pin input to the first
   *  time the core then reaches `address` (the bench's interrupt latency: input edge to the
   *  app callback's first instruction). */
  probe?: { address: number; hit(instructions: number): void };
  /** Called once the board runs, with what can be done to it meanwhile. */
  onStart?: (control: TargetControl) => void;
  /**
   * The board's flash kept in a file across runs, as a device keeps it across power-offs:
   * read at the start (a missing file is erased flash: all 0xFF), the image written over it
   * where the image lies, and the whole flash (Board.chip.flash.length bytes) written back
   * when the run ends: an exit, a stop (signal, stopAtMs), a power cut; on QEMU not after a
   * timeout (QEMU is killed). rp2040js: the flash array XIP reads; QEMU: the memory the
   * board uses as flash (sdk/sim/qemu-flash.ts). Without it, QEMU's MPS2 code memory starts
   * as zeros after the image, not erased: a program erases before it programs, as on any
   * flash.
   */
  flashFile?: string;
  /**
   * A power cut: the run stops (reason "stopped") just before the guest's instruction number
   * `powerCutAtInstruction` + 1 would run, with the flash saved (flashFile) as it is then: an
   * erase or program under way is left partly done (sdk/sim/models/spi-nor-flash.ts; on
   * QEMU, the driver's loop of stores stops where it was). Exact on both: rp2040js counts
   * in its run loop, QEMU's instruction-count plugin holds the vCPU at that count.
   */
  powerCutAtInstruction?: number;
}

/** Live control of a running board (the CLI's keys, a test reacting to the console). */
export interface TargetControl {
  /** Drives a named input pin now. rp2040js and host; QEMU boards throw, saying so. */
  setPin(pin: string, level: 0 | 1): void;
  /** From now on the sensor measures `value` (units as in SensorInput). A sensor the board
   *  does not simulate is an error naming the board and the sensors it has. */
  setSensor(sensor: SensorKind, value: number): Promise<void>;
}

export interface PinInput { pin: string; level: 0 | 1; atMs: number }

export type SensorKind = SimulatedSensor["kind"];

/** A sensor's value (tmp105: °C; QEMU's model takes 0.5 °C steps, as the harness's in its
 *  power-up resolution). Without `atMs`, from the start. */
export interface SensorInput { sensor: SensorKind; value: number; atMs?: number }

export interface RunResult {
  reason: "exit" | "timeout" | "error" | "stopped";
  /** The program's exit code when reason is "exit". */
  exitCode: number | null;
  /** Executed instructions, when counted. */
  instructions?: number;
  /** What the simulator itself said (QEMU's stderr, harness errors); never device output. */
  simulatorLog: string;
}

/** The image a native target boots; a HostScript is an error naming the board. */
export function nativeImage(options: RunOptions): BootImage {
  if ("scriptPath" in options.image) {
    throw new Error(`board '${options.board.id}' boots an image, not a host script (ports/host runs only on the host board)`);
  }
  return options.image;
}

export interface Target {
  run(options: RunOptions): Promise<RunResult>;
}

/**
 * Crash reports travel on the device console as one line so that a serial terminal on real
 * hardware shows them too (ports/armv6m/rt/runtime.ts prints it, sdk/cli/crash.ts reads it):
 *
 *   \n!mote-crash kind=<panic|hardfault> code=0x<hex> pc=0x<hex> lr=0x<hex> sp=0x<hex> frames=0x<hex>,0x<hex>,…\n
 *
 * `code` is a panic code (sdk/lib/rt/panic-codes.ts) or, for a fault, the exception number;
 * `frames` are the words on the stack that look like return addresses. The host strips such
 * lines from the console stream and prints the report, symbolized with the ELF's symbols and
 * line table, on stderr.
 */
export const CRASH_MARKER = "!mote-crash ";
