// Stellaris GPIO (ARM PL061 blocks; LM3S6965 datasheet §8) as `mote/gpio` (contract:
// sdk/lib/gpio.d.ts). A pin is port × 8 + bit: PE0 = 32, PF0 = 40. Port A–D sit at
// 0x40004000 + port × 0x1000, E–G at 0x40024000 + (port − 4) × 0x1000. Edges on both levels
// raise the port's interrupt, which the event loop services here in thread mode.

import { peek32, poke32 } from "mote/intrinsics";
import { onInterrupt } from "mote/interrupts";

// Register addresses are above 2^30, so no small integer holds one: code passes offsets
// from GPIO_A and adds the constant inside the intrinsic.
const GPIO_A = 0x40004000;
const DATA_ALL = 0x3fc;   // DATA at the address mask of all eight bits
const DIR = 0x400;
const IS = 0x404;         // 0: edge-sensitive
const IBE = 0x408;        // 1: both edges
const IM = 0x410;
const MIS = 0x418;
const ICR = 0x41c;
const PUR = 0x510;
const PDR = 0x514;
const DEN = 0x51c;
/** SYSCTL RCGC2: the GPIO ports' clocks (bit n: port n). QEMU needs none; the chip does. */
const SYSCTL_RCGC2 = 0x400fe108;
/** Interrupt lines of ports A–G (datasheet table 2-9). */
const PORT_IRQ = [0, 1, 2, 3, 4, 30, 31];

const MODE_OUTPUT = 1;
const MODE_PULL_UP = 2;
const MODE_PULL_DOWN = 3;

const watched: number[] = [];
const watchers: Array<() => void> = [];
let servicedPorts = 0;

function portOffset(pin: number): number {
  const port = pin >> 3;
  return port < 4 ? port << 12 : 0x20000 + ((port - 4) << 12);
}

/** Sets or clears the pin's bit in one of its port's registers. */
function setBit(pin: number, register: number, on: boolean): void {
  const address = portOffset(pin) + register;
  const bit = 1 << (pin & 7);
  const now = peek32(GPIO_A + address) & 0xff;
  poke32(GPIO_A + address, on ? now | bit : now & ~bit);
}

export function gpioSetMode(pin: number, mode: number): void {
  poke32(SYSCTL_RCGC2, (peek32(SYSCTL_RCGC2) & 0x7f) | (1 << (pin >> 3)));
  setBit(pin, DIR, mode === MODE_OUTPUT);
  setBit(pin, PUR, mode === MODE_PULL_UP);
  setBit(pin, PDR, mode === MODE_PULL_DOWN);
  setBit(pin, DEN, true);
}

export function gpioWrite(pin: number, high: boolean): void {
  // DATA's address bits 9:2 mask the write: only this pin's bit changes.
  const bit = 1 << (pin & 7);
  poke32(GPIO_A + (portOffset(pin) + (bit << 2)), high ? bit : 0);
}

export function gpioRead(pin: number): boolean {
  return (peek32(GPIO_A + (portOffset(pin) + DATA_ALL)) & (1 << (pin & 7))) !== 0;
}

export function gpioWatch(pin: number, changed: () => void): void {
  watched.push(pin);
  watchers.push(changed);
  setBit(pin, IS, false);
  setBit(pin, IBE, true);
  poke32(GPIO_A + (portOffset(pin) + ICR), 1 << (pin & 7));
  setBit(pin, IM, true);
  const port = pin >> 3;
  if ((servicedPorts & (1 << port)) === 0) {
    servicedPorts |= 1 << port;
    onInterrupt(PORT_IRQ[port], () => service(port));
  }
}

function service(port: number): void {
  const offset = portOffset(port << 3);
  const pending = peek32(GPIO_A + (offset + MIS)) & 0xff;
  poke32(GPIO_A + (offset + ICR), pending);
  for (let i = 0; i < watched.length; i++) {
    const pin = watched[i];
    if ((pin >> 3) === port && (pending & (1 << (pin & 7))) !== 0) watchers[i]();
  }
}
