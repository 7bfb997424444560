// In order at the consumer. A device publishes its readings in seq order, and MQTT keeps the
// order of one client's messages on a topic, but not across a broker's stored and live
// messages: after an outage aedes hands a persistent session the readings it kept for it
// while forwarding new ones, interleaved. When a reading skips ahead of the next seq
// expected, this holds it for a while, waiting for the missing ones, and lets readings out
// in seq order; those that never come (the device dropped them, and its status counts them)
// are given up after `waitMs`, and one that comes later still goes out then, flagged.

import type { Reading } from "./payload.ts";

/** Boots whose order is tracked at once (the most recently heard from). */
const BOOTS_TRACKED = 64;

interface BootOrder {
  /** The first seq heard of the boot: a late one below it fills no gap given up. */
  first: number;
  /** The seq that goes out next. */
  next: number;
  held: Map<number, Reading>;
  timer: NodeJS.Timeout | undefined;
}

export interface ReorderEvents {
  /** A reading in order, or late (outOfOrder set) after its gap was given up. */
  deliver(reading: Reading, fillsGap: boolean): void;
  /** Seqs given up: `missing` readings between `after` and `next` did not come in time. */
  gaveUp(device: string, boot: number, after: number, next: number, missing: number): void;
}

export class ReorderBuffer {
  private readonly boots = new Map<string, BootOrder>();

  constructor(private readonly waitMs: number, private readonly events: ReorderEvents) {}

  /** A new reading (not a copy: the SequenceTracker dropped those). */
  accept(reading: Reading): void {
    const key = `${reading.device}\u0000${reading.boot}`;
    let order = this.boots.get(key);
    if (order) {
      this.boots.delete(key);
    } else {
      // The first reading heard of a boot starts it: this consumer was not there for earlier ones.
      order = { first: reading.seq, next: reading.seq, held: new Map(), timer: undefined };
      if (this.boots.size >= BOOTS_TRACKED) this.forget(this.boots.keys().next().value!);
    }
    this.boots.set(key, order);
    if (reading.seq < order.next) {
      reading.outOfOrder = true;
      this.events.deliver(reading, reading.seq > order.first);
      return;
    }
    reading.outOfOrder = undefined;
    order.held.set(reading.seq, reading);
    this.drain(order);
    if (order.held.size > 0 && order.timer === undefined) {
      order.timer = setTimeout(() => this.giveUp(order), this.waitMs);
    }
  }

  /** Stops the timers; held readings are not delivered. */
  close(): void {
    for (const key of [...this.boots.keys()]) this.forget(key);
  }

  private drain(order: BootOrder): void {
    for (let reading = order.held.get(order.next); reading !== undefined; reading = order.held.get(order.next)) {
      order.held.delete(order.next);
      order.next++;
      this.events.deliver(reading, false);
    }
    if (order.held.size === 0) {
      clearTimeout(order.timer);
      order.timer = undefined;
    }
  }

  /** The wait is over: skip to the lowest seq held and go on from there. */
  private giveUp(order: BootOrder): void {
    order.timer = undefined;
    if (order.held.size === 0) return;
    const lowest = Math.min(...order.held.keys());
    const first = order.held.get(lowest)!;
    this.events.gaveUp(first.device, first.boot, order.next - 1, lowest, lowest - order.next);
    order.next = lowest;
    this.drain(order);
    if (order.held.size > 0) order.timer = setTimeout(() => this.giveUp(order), this.waitMs);
  }

  private forget(key: string): void {
    const order = this.boots.get(key);
    if (order) clearTimeout(order.timer);
    this.boots.delete(key);
  }
}
