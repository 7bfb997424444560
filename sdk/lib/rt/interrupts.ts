// Interrupts as events (DESIGN.md, "The libOS"): a driver registers the code that services
// its peripheral for an interrupt line; the port's interrupt entry only disables the line
// and queues its number (ports/armv6m/rt/libos.ts). The event loop drains the queue in
// thread mode, calls the driver, and enables the line again. App code and allocation never
// run in interrupt context.
//
// This module is linked only when some driver calls onInterrupt; then the vector table
// sends every external interrupt to the queue.

import { peek32, peek8, poke32, symbolAddress } from "mote/intrinsics";
import { setInterruptService } from "./timers.ts";

/** ARMv6-M ARM B3.4 (NVIC): writing 1 to bit n of ISER enables interrupt n. */
const NVIC_ISER = 0xe000e100;
/** The queue's ring (ports/armv6m/rt/libos.ts, IRQ_QUEUE_SLOTS). */
const QUEUE_MASK = 63;

/** A line's service. The handlers are a list, not an array indexed by line: a program has a
 *  few of them, and an array links the array runtime (arrays.ts, 1.5 KB) into every program
 *  with an interrupt, a blinky whose clock has one included. */
class Handler {
  constructor(public line: number, public service: () => void, public next: Handler | undefined) {}
}

let handlers: Handler | undefined = undefined;

/** Calls `service` (in thread mode, from the event loop) after each interrupt of `line`. */
export function onInterrupt(line: number, service: () => void): void {
  if (handlers === undefined) setInterruptService(serviceInterrupts, interruptQueued);
  const known = handlerOf(line);
  // One allocation per line: registering in start-up code allocates a bounded number of times
  // (passes/static-heap.ts).
  if (known !== undefined) known.service = service;
  else handlers = new Handler(line, service, handlers);
  enableLine(line);
}

function handlerOf(line: number): Handler | undefined {
  for (let h = handlers; h !== undefined; h = h.next) if (h.line === line) return h;
  return undefined;
}

/** ISER0 enables lines 0–31, ISER1 lines 32–63, … */
function enableLine(line: number): void {
  const word = (line >> 5) << 2;
  const bit = line & 31;
  // 1 << 30 and 1 << 31 are no small integers: the intrinsic adds the two halves as raw words.
  if (bit >= 30) poke32(NVIC_ISER + word, (1 << (bit - 1)) + (1 << (bit - 1)));
  else poke32(NVIC_ISER + word, 1 << bit);
}

// The queue's address is written out at each use: symbolAddress() inside an intrinsic's
// address is the raw address, where a variable would hold it tagged.

function interruptQueued(): boolean {
  return (peek32(symbolAddress("__rt_irq_queue")) & 0xff) !== (peek32(symbolAddress("__rt_irq_queue") + 4) & 0xff);
}

/** Services every queued interrupt; true if there was any. */
function serviceInterrupts(): boolean {
  let tail = peek32(symbolAddress("__rt_irq_queue") + 4) & 0xff;
  if ((peek32(symbolAddress("__rt_irq_queue")) & 0xff) === tail) return false;
  do {
    const line = peek8(symbolAddress("__rt_irq_queue") + 8 + (tail & QUEUE_MASK));
    tail = (tail + 1) & 0xff;
    poke32(symbolAddress("__rt_irq_queue") + 4, tail);
    const handler = handlerOf(line);
    if (handler !== undefined) {
      const service = handler.service;
      service();
      enableLine(line);
    }
  } while ((peek32(symbolAddress("__rt_irq_queue")) & 0xff) !== tail);
  return true;
}
