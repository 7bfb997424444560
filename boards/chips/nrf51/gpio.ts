// nRF51 GPIO as `mote/gpio` (contract: sdk/lib/gpio.d.ts). nRF51 Series Reference Manual
// §14 (GPIO): OUTSET/OUTCLR/IN, PIN_CNF[n] for direction and pulls.
//
// Changes are found by looking at IN every WATCH_INTERVAL_MS while a pin is watched: QEMU's
// nRF51 models no GPIOTE, whose PORT event would be the interrupt on the real chip.

import { peek32, poke32 } from "mote/intrinsics";

const GPIO_BASE = 0x50000000;
const OUTSET = GPIO_BASE + 0x508;
const OUTCLR = GPIO_BASE + 0x50c;
const OUT = GPIO_BASE + 0x504;
const IN = GPIO_BASE + 0x510;
const DIR = GPIO_BASE + 0x514;
const PIN_CNF_FIRST = GPIO_BASE + 0x700;
const CNF_DIR_OUTPUT = 1 << 0;
const CNF_PULL_DOWN = 1 << 2;
const CNF_PULL_UP = 3 << 2;
const WATCH_INTERVAL_MS = 5;
const LOW_PINS = 0x3fffffff;

const MODE_OUTPUT = 1;
const MODE_PULL_UP = 2;
const MODE_PULL_DOWN = 3;

const watched: number[] = [];
const watchers: Array<() => void> = [];
const levels: boolean[] = [];

export function gpioSetMode(pin: number, mode: number): void {
  const cnf = mode === MODE_OUTPUT ? CNF_DIR_OUTPUT : mode === MODE_PULL_UP ? CNF_PULL_UP : mode === MODE_PULL_DOWN ? CNF_PULL_DOWN : 0;
  poke32(PIN_CNF_FIRST + 4 * pin, cnf);
}

export function gpioWrite(pin: number, high: boolean): void {
  // GPIO addresses are above 2^30: each stays a constant operand of the intrinsic.
  if (high) poke32(OUTSET, 1 << pin);
  else poke32(OUTCLR, 1 << pin);
}

/** An output reads what it drives (OUT), an input its level (IN). The registers are read
 *  as whole words (QEMU's model ignores narrower accesses), masked to P0.0–P0.29 so that
 *  each is a small integer: no pin a board names is above. */
export function gpioRead(pin: number): boolean {
  const bit = 1 << pin;
  if (((peek32(DIR) & LOW_PINS) & bit) !== 0) return ((peek32(OUT) & LOW_PINS) & bit) !== 0;
  return ((peek32(IN) & LOW_PINS) & bit) !== 0;
}

export function gpioWatch(pin: number, changed: () => void): void {
  if (watched.length === 0) setInterval(look, WATCH_INTERVAL_MS);
  watched.push(pin);
  watchers.push(changed);
  levels.push(gpioRead(pin));
}

function look(): void {
  for (let i = 0; i < watched.length; i++) {
    const level = gpioRead(watched[i]);
    if (level === levels[i]) continue;
    levels[i] = level;
    watchers[i]();
  }
}
