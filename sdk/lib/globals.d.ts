// Globals a device program sees besides the ES2023 core library: no DOM, no Node.

interface Console {
  /** Prints the arguments separated by spaces and a newline, formatted as Node formats them. */
  log(...data: unknown[]): void;
}

declare var console: Console;

/** What setTimeout and setInterval return, to pass to clearTimeout / clearInterval. */
interface TimerHandle { readonly __timer: never }

/** Runs `callback` once, at least `ms` milliseconds from now (at least 1, as Node does). */
declare function setTimeout(callback: () => void, ms?: number): TimerHandle;
/** Runs `callback` every `ms` milliseconds until cleared. */
declare function setInterval(callback: () => void, ms?: number): TimerHandle;
declare function clearTimeout(timer: TimerHandle | undefined): void;
declare function clearInterval(timer: TimerHandle | undefined): void;
/** Runs `callback` as a microtask: after the code running now and the microtasks queued
 *  before it, before any timer. */
declare function queueMicrotask(callback: () => void): void;
