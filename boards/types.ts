// What a board is: data the compiler, the linker, the simulators and the tests read.
// One folder per board (boards/<id>/board.ts) exports a `Board` built from its chip's
// description; facts come from ../shared/BOARDS.md and the chips' datasheets.

/** The folder under ports/ that compiles for the chip: sdk/compiler/ports.ts chooses it by the
 *  cpu, and a test checks that this says the same. "host": Node.js, through ports/host (the
 *  host board: no image, no code generator). */
export type PortId = "armv6m" | "armv7m" | "host";

export interface MemoryRegion { origin: number; length: number }

export type ConsoleDriver = "cmsdk-uart" | "nrf51-uart" | "rp2040-uart" | "pl011-uart" | "stm32-usart" | "host-stdout";

export type Simulator =
  | { kind: "qemu"; machine: string; extraArgs: string[] }
  | { kind: "rp2040js" }
  /** No simulator: the app runs on Node, bundled with ports/host (sdk/sim/host.ts). */
  | { kind: "host" };

/** How a simulator-only build ends the program with an exit code. Hardware builds never use it. */
export type SimulatorExit =
  | "semihosting"   // QEMU: SYS_EXIT_EXTENDED through BKPT 0xAB
  | "bkpt"          // rp2040js: BKPT #0 with the exit code in r0 (mcu.onBreak)
  | "process-exit"; // host: the Node process's own exit code

export interface Chip {
  family: string;          // folder under boards/chips/
  /** "node" only on the host board, which no image is built for. */
  cpu: "cortex-m0" | "cortex-m0plus" | "cortex-m3" | "cortex-m4" | "node";
  port: PortId;
  clockHz: number;
  /** SysTick's reference clock (CLKSOURCE = 0), for a chip whose core clock is so fast that
   *  SysTick's 24-bit period is short (99 ms at 168 MHz): the tickless clock counts it instead,
   *  for fewer wake-ups. At least 8.2 MHz: the clock relies on a period below 2,048 ms. */
  systickReferenceHz?: number;
  flash: MemoryRegion;
  ram: MemoryRegion;
  /** Bytes at the start of flash before the vector table (RP2040: 256 for boot2). */
  vectorTableOffset: number;
  /** Number of external interrupt lines (vector table entries after the 16 system ones). */
  irqCount: number;
  /** The bytes flash starts with before the vector table (RP2040: boot2), if the chip needs any. */
  secondStageBootloader?: () => Uint8Array;
}

/** Device modules a board supplies (paths under boards/): `mote/clock` (monotonic time and
 *  tickless wake-ups, the port contract's clock) and `mote/gpio` (digital pins). */
export interface BoardDrivers {
  clock: string;
  gpio?: string;
  /** `mote/watchdog`: start(timeoutMs) and feed(); absent where the simulator models none. */
  watchdog?: string;
  /** `mote/i2c`: I2C bus masters (contract sdk/lib/i2c.d.ts). */
  i2c?: string;
  /** `mote/flash`: erase a sector, program a page (contract sdk/lib/flash.d.ts); the app's
   *  `flash` (sdk/lib/flash.ts) exists only with it. */
  flash?: string;
}

/** A sensor the simulator puts on one of the board's I2C buses, whose value a run can set
 *  (RunOptions.sensorInputs, sdk/sim/types.ts). On QEMU it is a QEMU device found by its QOM
 *  path (the board's extraArgs create it); on rp2040js a model in the harness
 *  (sdk/sim/models/). */
export interface SimulatedSensor {
  kind: "tmp105";
  /** A bus the board names in `i2c`. */
  bus: string;
  address: number;
  /** QEMU: the device's QOM path, for QMP's qom-set. */
  qomPath?: string;
}

/** A part of the flash: bytes from the flash's start, whole erase sectors. */
export interface FlashArea { offset: number; size: number }

/** How a board that takes updates divides its flash (boards/flash-layout.ts). */
export interface FlashLayout {
  /** mote-boot (on the RP2040 with boot2 in its first 256 bytes). */
  boot: FlashArea;
  /** Slot 0: the image that runs; an app built for mote-boot is linked here. */
  primary: FlashArea;
  /** Slot 1: where an upload goes; a swap exchanges it with slot 0. */
  secondary: FlashArea;
  /** One sector the swap may use to hold a sector in flight. */
  scratch: FlashArea;
  /** The key/value storage (`storage`). */
  settings: FlashArea;
}

/** How a pin may be used: "io" (input or output), "output" only (an LED register), "input"
 *  only. The app sees `pins.NAME` typed accordingly (sdk/lib/pins.ts). */
export type PinKind = "io" | "output" | "input";

export interface Board {
  id: string;
  name: string;
  chip: Chip;
  console: { driver: ConsoleDriver; base: number; irq: number };
  /** Pin names an app may use (`pins.LED`), mapped to the chip's pin numbers. */
  pins: Record<string, number>;
  /** Pins that are not both input and output (default "io"). */
  pinKinds?: Record<string, PinKind>;
  /** Pins driven at start-up when the app uses pins: [pin, level] (the micro:bit drives its
   *  LED matrix column low so that a row pin lights one pixel). */
  pinSetup?: Array<[number, 0 | 1]>;
  /** I2C buses an app may use (`i2c.I2C0`), mapped to the driver's bus numbers. A board
   *  without them has no `i2c.NAME` at all: using one is a compile error naming the board. */
  i2c?: Record<string, number>;
  drivers: BoardDrivers;
  /** The exception number of the watchdog's warning (2 for the NMI), whose handler reports
   *  where the app was stuck before the device resets; with drivers.watchdog. */
  watchdogVector?: number;
  /** The longest timeout its watchdog counts, in ms. */
  watchdogMaxMs?: number;
  /** Where mote-boot, the image slots and the settings live; boards that take updates. */
  flashLayout?: FlashLayout;
  /** What the board's simulator does not model, and why: apps using it fail to compile. */
  absent?: Partial<Record<"gpio" | "i2c" | "watchdog" | "ethernet" | "flash", string>>;
  simulator: Simulator;
  simulatorExit: SimulatorExit;
  /** Sensors the simulator attaches to the board's buses. */
  sensors?: SimulatedSensor[];
  /** Image files `mote build` writes besides .elf/.bin/.hex/.map. */
  uf2FamilyId?: number;
  /** Stack reserved at the top of RAM (default: boards/stack.ts's defaultStackSize of the
   *  chip's RAM). */
  stackSize?: number;
  /** What the tests may exercise on this board. */
  supports: Array<"console" | "uart-rx" | "led" | "button" | "i2c" | "ethernet" | "timer">;
}
