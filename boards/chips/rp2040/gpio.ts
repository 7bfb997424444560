// RP2040 GPIO as `mote/gpio` (contract: sdk/lib/gpio.d.ts). Datasheet §2.3.1.2 (SIO GPIO
// registers), §2.19.6 (IO_BANK0: function select, edge interrupts), §2.19.6.3 (PADS_BANK0).
// Edges raise IO_IRQ_BANK0, which the event loop services here in thread mode.

import { peek32, peek8, poke32 } from "mote/intrinsics";
import { onInterrupt } from "mote/interrupts";

const SIO_BASE = 0xd0000000;
const GPIO_IN = SIO_BASE + 0x004;
const GPIO_OUT = SIO_BASE + 0x010;
const GPIO_OE = SIO_BASE + 0x020;
const GPIO_OUT_SET = SIO_BASE + 0x014;
const GPIO_OUT_CLR = SIO_BASE + 0x018;
const GPIO_OE_SET = SIO_BASE + 0x024;
const GPIO_OE_CLR = SIO_BASE + 0x028;

const IO_BANK0 = 0x40014000;
const GPIO_CTRL_FIRST = IO_BANK0 + 0x004; // GPIOn_CTRL at +8n
const FUNCSEL_SIO = 5;
// Offsets in IO_BANK0: register addresses are above 2^30, so no small integer holds one;
// code passes offsets and adds the constant base inside the intrinsic.
const INTR0 = 0x0f0;           // raw edge bits, write 1 to clear
const PROC0_INTE0 = 0x100;
const PROC0_INTS0 = 0x120;
/** Per pin, four bits in INTRx/INTEx/INTSx (8 pins a register): level low, level high,
 *  edge low, edge high. */
const EDGES = 0b1100;
const IO_IRQ_BANK0 = 13;

const PADS_BANK0 = 0x4001c000;
const PAD_FIRST = PADS_BANK0 + 0x004;     // GPIOn at +4n
const PAD_SCHMITT = 1 << 1;
const PAD_PULL_DOWN = 1 << 2;
const PAD_PULL_UP = 1 << 3;
const PAD_DRIVE_4MA = 1 << 4;
const PAD_INPUT_ENABLE = 1 << 6;

const RESETS_CLEAR = 0x4000c000 + 0x3000;
const RESETS_DONE = 0x4000c000 + 0x8;
const RESET_IO_BANK0 = 1 << 5;
const RESET_PADS_BANK0 = 1 << 8;

/** Bank 0's pins are 0–29: masking with this changes no pin number and tells the compiler
 *  the arithmetic on it stays small (no tag or overflow checks). */
const PIN_MASK = 31;

const MODE_OUTPUT = 1;
const MODE_PULL_UP = 2;
const MODE_PULL_DOWN = 3;

let ready = false;
/** A watched pin, with what servicing its edges needs worked out once: the byte of PROC0_INTSx
 *  that holds its status bits and their shift in it, and the INTRx word that clears them.
 *  A list, as interrupts.ts keeps its handlers: an array made at start-up would link the
 *  array runtime into every program that uses a pin. */
class Watch {
  constructor(readonly statusByte: number, readonly statusShift: number, readonly clearOffset: number, readonly clearHigh: number, readonly clearLow: number, readonly changed: () => void) {}
  /** The pin watched after this one: edges are serviced in the order pins were watched. */
  next: Watch | undefined = undefined;
}

let watches: Watch | undefined = undefined;

function bringUp(): void {
  if (ready) return;
  ready = true;
  const blocks = RESET_IO_BANK0 | RESET_PADS_BANK0;
  poke32(RESETS_CLEAR, blocks);
  while ((peek32(RESETS_DONE) & blocks) !== blocks) {}
}

export function gpioSetMode(pin: number, mode: number): void {
  bringUp();
  const pull = mode === MODE_PULL_UP ? PAD_PULL_UP : mode === MODE_PULL_DOWN ? PAD_PULL_DOWN : 0;
  poke32(PAD_FIRST + (pin << 2), PAD_INPUT_ENABLE | PAD_DRIVE_4MA | PAD_SCHMITT | pull);
  poke32(GPIO_CTRL_FIRST + (pin << 3), FUNCSEL_SIO);
  // SIO addresses are above 2^30: each stays a constant operand of the intrinsic.
  if (mode === MODE_OUTPUT) poke32(GPIO_OE_SET, 1 << pin);
  else poke32(GPIO_OE_CLR, 1 << pin);
}

export function gpioWrite(pin: number, high: boolean): void {
  if (high) poke32(GPIO_OUT_SET, 1 << pin);
  else poke32(GPIO_OUT_CLR, 1 << pin);
}

/** An output reads what it drives (GPIO_OUT), an input its level (GPIO_IN). */
export function gpioRead(pin: number): boolean {
  // Pins are 0–29: the mask changes nothing, but proves the arithmetic below small.
  const p = pin & PIN_MASK;
  const bit = 1 << (p & 7);
  if ((peek8(GPIO_OE + (p >> 3)) & bit) !== 0) return (peek8(GPIO_OUT + (p >> 3)) & bit) !== 0;
  return (peek8(GPIO_IN + (p >> 3)) & bit) !== 0;
}

/** Writes a 32-bit register given as two 16-bit halves: the high half shifted up is no
 *  small integer, so the intrinsic adds four quarters of it as raw words (modulo 2^32). */
function pokeHalves(offset: number, high: number, low: number): void {
  const quarter = high << 14;
  poke32(IO_BANK0 + offset, quarter + quarter + quarter + quarter + low);
}

/** Writes `nibble` at the pin's place in a register of four bits per pin, zeros elsewhere. */
function writeNibble(first: number, pin: number, nibble: number): void {
  const shift = (pin & 7) << 2;
  const offset = first + ((pin >> 3) << 2);
  if (shift < 16) pokeHalves(offset, 0, nibble << shift);
  else pokeHalves(offset, nibble << (shift - 16), 0);
}

export function gpioWatch(pin: number, changed: () => void): void {
  if (watches === undefined) onInterrupt(IO_IRQ_BANK0, service);
  const shift = (pin & 7) << 2;
  const register = (pin >> 3) << 2;
  const edgesHigh = shift < 16 ? 0 : EDGES << (shift - 16);
  const edgesLow = shift < 16 ? EDGES << shift : 0;
  const watch = new Watch(PROC0_INTS0 + register + (shift >> 3), shift & 4, INTR0 + register, edgesHigh, edgesLow, changed);
  if (watches === undefined) watches = watch;
  else {
    let last: Watch = watches;
    for (let next = last.next; next !== undefined; next = next.next) last = next;
    last.next = watch;
  }
  writeNibble(INTR0, pin, EDGES);
  // Edge interrupts for every watched pin that shares this pin's enable register.
  let high = 0;
  let low = 0;
  for (let w: Watch | undefined = watches; w !== undefined; w = w.next) {
    if (w.clearOffset !== INTR0 + register) continue;
    high |= w.clearHigh;
    low |= w.clearLow;
  }
  pokeHalves(PROC0_INTE0 + register, high, low);
}

function service(): void {
  for (let w = watches; w !== undefined; w = w.next) {
    if (((peek8(IO_BANK0 + w.statusByte) >> w.statusShift) & EDGES) === 0) continue;
    pokeHalves(w.clearOffset, w.clearHigh, w.clearLow);
    // Called as a plain function (no check that a property holds a function).
    const changed = w.changed;
    changed();
  }
}
