// The Raspberry Pi Pico as a Target: rp2040js runs in this process, no tools needed.
// The run loop is ours rather than rp2040js's Simulator.execute(), for four reasons: an exact
// instruction count; time skipping while the core sleeps in WFI/WFE (the way QEMU's
// `-icount sleep=off` does); a wake-up for SysTick, which rp2040js never delivers to a
// sleeping core (../shared/BOARDS.md); and turning what real silicon would fault on (bad
// addresses, unknown instructions) into an error instead of running on.

import { GPIOPinState, RP2040 } from "rp2040js";
import { powerOnBits, wallClockWords } from "./power-on.ts";
import type { Board } from "../../boards/types.ts";
import { attachI2cModels, type I2cDeviceModel } from "./models/i2c-device.ts";
import { Tmp105Model } from "./models/tmp105.ts";
import { findSensor } from "./sensors.ts";
import { attachFlashChip, loadFlashFile, saveFlashFile } from "./rp2040-flash.ts";
import { nativeImage, type RunOptions, type RunResult, type SensorKind, type Target } from "./types.ts";
import { ConsoleInput } from "./console-input.ts";

/** RP2040 datasheet §2.2: XIP flash is mapped from here. */
const FLASH_BASE = 0x10000000;
/** rp2040js models 16 MB of flash, the largest the XIP window can address. */
const MODELLED_FLASH_BYTES = 16 * 1024 * 1024;
/** Instructions between checks of the timeout and deliveries of console output. */
const STEPS_PER_SLICE = 100_000;
/** Paced runs (RunOptions.realTime): the longest host wait between looks at the clock. */
const MAX_IDLE_WAIT_MS = 20;
/** simulatorLog keeps at most this many lines of rp2040js warnings. */
const MAX_LOG_LINES = 200;

/** Opcode of BKPT #imm8 (ARMv6-M ARM §A6.7.12) is 0xBE00 | imm8; UDF is 0xDE00 | imm8. */
const BKPT_OPCODE = 0xbe;
/** The breakpoint a simulator build exits with; the exit code is in r0 (boards/types.ts). */
const EXIT_BKPT = 0;
/** QEMU builds exit with semihosting through BKPT 0xAB. */
const SEMIHOSTING_BKPT = 0xab;
/**
 * No bootrom is loaded (the image starts from its own vector table), so the bootrom area is
 * filled with UDF #0xDE: a jump to a null or small function pointer stops at once.
 */
const EMPTY_BOOTROM_WORD = 0xdededede;
/** ARMv6-M ARM B3.2.6 (AIRCR): the key in the top half, SYSRESETREQ bit 2; offset in the PPB. */
const AIRCR_OFFSET = 0xd0c;
const AIRCR_VECTKEY = 0x05fa;
const AIRCR_SYSRESETREQ = 1 << 2;
/** RP2040 datasheet §4.6 (TIMER), §4.7 (WATCHDOG), ARMv6-M B3.3 (SysTick). */
const TIMER_INTE = 0x40054038;
const TIMER_ARMED = 0x40054020;
const SYST_CSR = 0xe000e010;
/** §4.2.8 (UART): UART0's interrupt mask, 0 out of reset. */
const UART0_IMSC = 0x40034038;
const WATCHDOG_BASE = 0x40058000;
const WATCHDOG_CTRL = WATCHDOG_BASE;
const WATCHDOG_REASON_TIMER = 1 << 0;

/** rp2040js's UART receive FIFO, private in its types: feedByte() into a full one loses the
 *  byte without the overrun flag a PL011 would set, so input is fed only while it has room. */
interface ReceiveFifo {
  readonly full: boolean;
}

/** What rp2040js's SimulationClock has beyond the IClock interface it is typed with. */
interface SteppedClock {
  readonly nanos: number;
  tick(deltaNanos: number): void;
  nextAlarm: { nanos: number } | null;
}

export const rp2040Target: Target = { run: runRp2040 };

async function runRp2040(options: RunOptions): Promise<RunResult> {
  const { board } = options;
  if (board.simulator.kind !== "rp2040js") {
    throw new Error(`board '${board.id}' is simulated by ${board.simulator.kind}, not rp2040js; use targetFor(board) from sdk/sim`);
  }
  const image = nativeImage(options);
  if (options.gdbPort !== undefined) {
    throw new Error(`gdbPort is supported on QEMU boards only; board '${board.id}' runs on rp2040js`);
  }
  const flashOffset = image.flashOrigin - FLASH_BASE;
  const flashLimit = Math.min(board.chip.flash.length, MODELLED_FLASH_BYTES);
  if (flashOffset < 0 || flashOffset + image.flashBytes.length > flashLimit) {
    throw new Error(`image for '${board.id}' does not fit its flash: ${image.flashBytes.length} bytes at ` +
      `${hex(image.flashOrigin)}, flash is ${flashLimit} bytes at ${hex(FLASH_BASE)}`);
  }

  const mcu = new RP2040();
  const core = mcu.core;
  const clock = mcu.clock as unknown as SteppedClock;
  const log: string[] = [];
  let droppedLogLines = 0;
  const note = (line: string) => {
    if (log.length < MAX_LOG_LINES) log.push(line);
    else droppedLogLines++;
  };

  let stopped = false;
  let result: RunResult | undefined;
  /** Why the run ended, if it needs saying; kept apart so the log cap never drops it. */
  let ending: string | undefined;
  const finish = (reason: RunResult["reason"], exitCode: number | null, message?: string) => {
    if (stopped) return;
    stopped = true;
    ending = message;
    result = { reason, exitCode, simulatorLog: "" };
  };
  const fail = (message: string) => finish("error", null, `mote: ${message}`);

  // Reported problems that silicon would turn into a HardFault end the run; the rest are notes.
  mcu.logger = {
    debug() {},
    info() {},
    warn(component, message) {
      note(`[${component}] ${message}`);
      if (component === "RP2040" && /invalid memory address|undefined address/.test(message)) {
        fail(`bus fault near pc=${hex(core.PC)}: ${message}`);
      } else if (/not implemented yet/.test(message)) {
        fail(`undefined or unsupported instruction: ${message}`);
      } else if (/Watchdog triggered/.test(message)) {
        fail("the watchdog fired (a watchdog reset is not simulated)");
      }
    },
    error(component, message) {
      note(`[${component}] ${message}`);
      fail(`fault near pc=${hex(core.PC)}: ${message}`);
    },
  };

  mcu.onBreak = (immediate: number) => {
    // executeInstruction() has already moved PC past the 16-bit opcode.
    const pc = (core.PC - 2) >>> 0;
    const opcode = mcu.readUint16(pc);
    if (opcode >> 8 === BKPT_OPCODE && immediate === EXIT_BKPT) {
      // r0 is the exit status; like a process exit status (and QEMU's), only 0..255.
      finish("exit", core.registers[0] & 0xff);
    } else if (opcode >> 8 === BKPT_OPCODE && immediate === SEMIHOSTING_BKPT) {
      fail(`BKPT 0xAB (QEMU semihosting) at pc=${hex(pc)}: this image was built for a QEMU board, not for '${board.id}'`);
    } else if (opcode >> 8 === BKPT_OPCODE) {
      fail(`unexpected BKPT #${immediate} at pc=${hex(pc)} (a simulator build exits with BKPT #0)`);
    } else if (pc < mcu.bootrom.length * 4) {
      fail(`jumped to pc=${hex(pc)}, in the bootrom area, which holds no code here (a null function pointer?) lr=${hex(core.LR)}`);
    } else {
      fail(`undefined instruction (UDF #${immediate}) at pc=${hex(pc)}`);
    }
  };

  // Flash must be written after construction: reset() fills it with 0xFF. A persistent flash
  // file first, then the image over it.
  const flashBytes = board.chip.flash.length;
  if (options.flashFile) loadFlashFile(options.flashFile, mcu.flash, flashBytes);
  mcu.flash.set(image.flashBytes, flashOffset);
  const flashChip = attachFlashChip(mcu, flashBytes, () => clock.nanos, note);
  if (image.powerOnSeed !== undefined) mcu.writeUint32(image.powerOnSeed, powerOnBits());
  if (image.wallClock !== undefined) wallClockWords().forEach((word, i) => mcu.writeUint32(image.wallClock! + 4 * i, word));
  mcu.bootrom.fill(EMPTY_BOOTROM_WORD);
  core.VTOR = image.vectorTable >>> 0;
  core.SP = mcu.readUint32(image.vectorTable);
  const resetVector = mcu.readUint32(image.vectorTable + 4);
  if ((resetVector & 1) === 0) {
    fail(`the reset vector at ${hex(image.vectorTable + 4)} is ${hex(resetVector)}: a Cortex-M reset handler address must have bit 0 (Thumb) set`);
  }
  core.PC = resetVector & ~1;

  // A chip reset (SYSRESETREQ, which rp2040js does not model, or the watchdog): the core and
  // its interrupt state start again from the vector table; RAM keeps its contents, as on the
  // chip. Peripherals with interrupts are quietened so nothing from before the reset fires.
  // The WATCHDOG peripheral (rp2040js keeps it in its peripheral map, by base address).
  const watchdogPeripheral = (mcu as unknown as { peripherals: Record<number, { reason: number; onWatchdogTrigger: () => void }> })
    .peripherals[WATCHDOG_BASE >>> 12];
  const resetChip = (watchdog: boolean) => {
    core.reset();
    core.VTOR = image.vectorTable >>> 0;
    core.SP = mcu.readUint32(image.vectorTable);
    core.PC = mcu.readUint32(image.vectorTable + 4) & ~1;
    core.PM = false;
    core.IPSR = 0;
    core.currentMode = 0; // thread mode
    core.pendingInterrupts = 0;
    core.enabledInterrupts = 0;
    core.pendingSystick = false;
    core.pendingPendSV = false;
    core.waiting = false;
    mcu.writeUint32(TIMER_INTE, 0);
    mcu.writeUint32(TIMER_ARMED, 0xf);
    mcu.writeUint32(SYST_CSR, 0);
    mcu.writeUint32(UART0_IMSC, 0);
    watchdogPeripheral.reason = watchdog ? WATCHDOG_REASON_TIMER : 0;
    if (watchdog) mcu.writeUint32(WATCHDOG_CTRL, 0);
  };
  const ppb = mcu.ppb as unknown as { writeUint32(offset: number, value: number): void };
  const ppbWrite = ppb.writeUint32.bind(ppb);
  ppb.writeUint32 = (offset, value) => {
    if (offset === AIRCR_OFFSET && (value >>> 16) === AIRCR_VECTKEY && (value & AIRCR_SYSRESETREQ) !== 0) resetChip(false);
    else ppbWrite(offset, value);
  };
  watchdogPeripheral.onWatchdogTrigger = () => resetChip(true);

  // rp2040js raises `pendingSystick` without telling the core to look at its interrupts, so a
  // SysTick exception is only taken when something else happens to, and a core in WFI never
  // wakes for it. Tell the core, as setInterrupt() does for external interrupts.
  const systickAlarm = mcu.ppb.systickAlarm as unknown as { callback: () => void };
  const raiseSystick = systickAlarm.callback;
  systickAlarm.callback = () => {
    raiseSystick();
    if (core.pendingSystick) {
      core.interruptsUpdated = true;
      if (core.waiting && core.checkForInterrupts()) core.waiting = false;
    }
  };

  // Pins: output changes as the pad sees them, inputs at their simulated times.
  // A pin is low out of reset; only a change of the level it drives is reported.
  for (const [name, pin] of Object.entries(board.pins)) {
    let last = GPIOPinState.Low;
    mcu.gpio[pin].addListener((state: GPIOPinState) => {
      if ((state === GPIOPinState.High || state === GPIOPinState.Low) && state !== last) {
        last = state;
        options.onPinChange?.(name, state === GPIOPinState.High ? 1 : 0, clock.nanos / 1e6);
      }
    });
  }
  let executed = 0;
  let inputAt: number | undefined;
  const probe = options.probe;
  /** Runs `callback` now (ms ≤ 0) or at that simulated time. */
  const atSimulatedMs = (ms: number, callback: () => void) => {
    if (ms <= 0) callback();
    else (mcu.clock as unknown as { createAlarm(callback: () => void): { schedule(nanos: number): void } }).createAlarm(callback).schedule(ms * 1e6);
  };
  for (const input of options.pinInputs ?? []) {
    const pin = board.pins[input.pin];
    if (pin === undefined) throw new Error(`board '${board.id}' has no pin '${input.pin}'; its pins are ${Object.keys(board.pins).join(", ")}`);
    const drive = () => {
      mcu.gpio[pin].setInputValue(input.level === 1);
      if (core.waiting && core.checkForInterrupts()) core.waiting = false;
      inputAt = executed;
    };
    atSimulatedMs(input.atMs, drive);
  }
  const sensors = attachSensors(mcu, board);
  for (const input of options.sensorInputs ?? []) {
    findSensor(board, input.sensor); // before the run, not from inside a clock alarm
    const apply = () => sensors.set(input.sensor, input.value);
    atSimulatedMs(input.atMs ?? 0, apply);
  }
  const stopNanos = options.stopAtMs === undefined ? Infinity : options.stopAtMs * 1e6;
  const powerCutAt = options.powerCutAtInstruction ?? Infinity;
  options.onStart?.({
    setPin(name, level) {
      const pin = board.pins[name];
      if (pin === undefined) throw new Error(`board '${board.id}' has no pin '${name}'; its pins are ${Object.keys(board.pins).join(", ")}`);
      mcu.gpio[pin].setInputValue(level === 1);
      if (core.waiting && core.checkForInterrupts()) core.waiting = false;
    },
    setSensor: async (sensor, value) => sensors.set(sensor, value),
  });
  options.signal?.addEventListener("abort", () => finish("stopped", null));

  const consoleBytes: number[] = [];
  mcu.uart[0].onByte = (byte: number) => consoleBytes.push(byte);
  const input = new ConsoleInput(options.consoleInput);
  const receiveFifo = (mcu.uart[0] as unknown as { rxFIFO: ReceiveFifo }).rxFIFO;
  options.signal?.addEventListener("abort", () => input.stop());
  const feedInput = () => {
    while (input.pending && !receiveFifo.full) mcu.uart[0].feedByte(input.takeByte());
  };
  const flushConsole = () => {
    if (consoleBytes.length === 0) return;
    const bytes = Uint8Array.from(consoleBytes);
    consoleBytes.length = 0;
    options.onConsole?.(bytes);
  };

  const profile = options.profile;
  const flashOrigin = options.board.chip.flash.origin;
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
  const hostStart = performance.now();
  let idleMs = 0;
  while (!stopped) {
    const nanosPerCycle = 1e9 / mcu.clkSys;
    let awaitInput = false;
    feedInput();
    for (let step = 0; step < STEPS_PER_SLICE && !stopped; step++) {
      if (clock.nanos >= stopNanos) {
        finish("stopped", null);
        break;
      }
      if (core.waiting) {
        feedInput();
        if (!core.waiting) continue;
        // Asleep in WFI/WFE: jump simulated time to the next thing that can happen. Timer
        // alarms, SysTick and peripherals all schedule through the clock, so if nothing is
        // scheduled, only more of the host's console input can wake the core.
        const next = clock.nextAlarm;
        if (!next && input.waiting && !input.pending) {
          awaitInput = true;
          break;
        }
        if (options.realTime) {
          // Paced: simulated time never runs ahead of the host's, so LEDs blink as they would.
          const wall = (performance.now() - hostStart) * 1e6;
          const target = next ? Math.min(next.nanos, stopNanos) : stopNanos;
          if (target > wall) {
            if (wall > clock.nanos) clock.tick(wall - clock.nanos);
            idleMs = Math.min((target - wall) / 1e6, MAX_IDLE_WAIT_MS);
            break;
          }
        }
        if (!next && stopNanos !== Infinity) {
          clock.tick(stopNanos - clock.nanos);
          continue;
        }
        if (!next) {
          fail(`core sleeping with no wake-up source: WFI/WFE at pc=${hex(core.PC - 2)} with no timer alarm, SysTick or other event scheduled`);
          break;
        }
        clock.tick(Math.max(0, Math.min(next.nanos, stopNanos) - clock.nanos));
      } else {
        if (executed >= powerCutAt) {
          finish("stopped", null);
          break;
        }
        if (profile) {
          const at = (core.PC - flashOrigin) >>> 1;
          if (at < profile.length) profile[at]++;
        }
        const cycles = core.executeInstruction();
        executed++;
        if (probe && inputAt !== undefined && core.PC === (probe.address & ~1)) {
          probe.hit(executed - inputAt);
          inputAt = undefined;
        }
        clock.tick(cycles * nanosPerCycle);
      }
    }
    flushConsole();
    if (stopped) break;
    if (Date.now() >= deadline) {
      finish("timeout", null, `mote: stopped rp2040js after the ${options.timeoutMs} ms timeout, pc=${hex(core.PC)}`);
      break;
    }
    // Let timers, I/O and other runs proceed between slices: a core asleep until input comes
    // waits for the host (a second at a time: the deadline is looked at in between); paced,
    // the loop waits for the host's time.
    if (awaitInput) {
      await input.next(Math.min(deadline - Date.now(), 1_000));
    } else {
      const wait = idleMs;
      idleMs = 0;
      await new Promise<void>((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)));
    }
  }
  input.stop();
  if (input.failure) log.push(input.failure);
  flashChip.settle();
  if (options.flashFile) saveFlashFile(options.flashFile, mcu.flash, flashBytes);

  if (droppedLogLines > 0) log.push(`mote: ${droppedLogLines} more rp2040js log lines were dropped`);
  if (ending) log.push(ending);
  const final = result ?? { reason: "error", exitCode: null, simulatorLog: "" };
  final.simulatorLog = log.join("\n");
  if (options.countInstructions) final.instructions = executed;
  return final;
}

/** The board's simulated sensors as models on its I2C controllers; `set` changes what one
 *  measures. */
function attachSensors(mcu: RP2040, board: Board): { set(kind: SensorKind, value: number): void } {
  const models = new Map<SensorKind, Tmp105Model>();
  const buses = new Map<number, Map<number, I2cDeviceModel>>();
  for (const sensor of board.sensors ?? []) {
    const bus = board.i2c?.[sensor.bus];
    if (bus === undefined) throw new Error(`board '${board.id}': its ${sensor.kind} is on bus '${sensor.bus}', which the board does not name in i2c`);
    const model = new Tmp105Model();
    models.set(sensor.kind, model);
    if (!buses.has(bus)) buses.set(bus, new Map());
    buses.get(bus)!.set(sensor.address, model);
  }
  for (const [bus, devices] of buses) attachI2cModels(mcu.i2c[bus], devices);
  return {
    set(kind, value) {
      findSensor(board, kind);
      models.get(kind)!.celsius = value;
    },
  };
}

function hex(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, "0")}`;
}
