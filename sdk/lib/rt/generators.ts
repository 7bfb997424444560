// Generators (ECMA-262 §27.5). A generator function's body is a state machine
// (sdk/compiler/lower/generators.ts) whose frame is a closure: calling it resumes the body
// with what next(value), throw(value) or return(value) passed (mode false, true or null), and
// it returns what it yields, or what it returns once its state is GENERATOR_DONE. The
// Generator class is what the program sees, printed as Node does, `Object [Generator] {}`.
// Iterating a generator (iteration.ts) steps its frame through frameOperation. This module
// links only with a generator function.

import { addressOf, pokeValue, peekValue } from "mote/intrinsics";
import { CLOSURE_CELLS, FRAME_GENERATOR_FLAGS, FRAME_HEADER_CELLS, FRAME_STATE } from "./layout.ts";
import { closureNew } from "./functions.ts";
import { fillWords } from "./port.ts";
import { objGet } from "./objects.ts";
import { TypeError } from "./errors.ts";
import {
  FRAME, FRAME_CLOSE, FRAME_DELEGATE_NEXT, FRAME_DELEGATE_THROW, FRAME_STEP, IteratorRecord, iteratorResult,
} from "./iteration.ts";

/** A generator's state word (FRAME_STATE) once it has finished. The body's states are 0 (not
 *  called yet), 1 (suspended before the first statement: the parameters are bound) and k + 1
 *  at the k-th yield. */
const GENERATOR_DONE = -1;
const SUSPENDED_START = 1;
/** FRAME_GENERATOR_FLAGS: the generator is running (a call of next() from inside it throws);
 *  the value it just gave is an inner iterator's result object, passed on as it is (yield*:
 *  the body sets both). */
const RUNNING = 1;
const DELEGATED = 2;

type Resume = (value: unknown, mode: unknown) => unknown;

export class Generator {
  /** Private: a generator object has no own properties (Object.keys, JSON.stringify). */
  #frame: unknown;

  constructor(frame: unknown) {
    this.#frame = frame;
  }

  next(value?: unknown): unknown {
    return frameResult(this.#frame, generatorResume(this.#frame, value, false));
  }

  return(value?: unknown): unknown {
    return frameResult(this.#frame, generatorResume(this.#frame, value, null));
  }

  throw(error?: unknown): unknown {
    return frameResult(this.#frame, generatorResume(this.#frame, error, true));
  }

  /** Its record for iteration.ts: the frame stepped directly. */
  iteratorRecord(): IteratorRecord {
    return new IteratorRecord(FRAME, this.#frame, frameOperation);
  }

  /** A generator is its own iterator (reached by name when the program iterates a value
   *  whose type does not say it is a generator). */
  [Symbol.iterator](): Generator {
    return this;
  }
}

/** A new frame for a generator: `code` resumes it, `slots` words hold its values. */
export function generatorFrame(code: number, slots: number): unknown {
  const frame = closureNew(code, FRAME_HEADER_CELLS + slots);
  fillWords(addressOf(frame) + CLOSURE_CELLS, FRAME_HEADER_CELLS + slots, undefined);
  pokeValue(addressOf(frame) + FRAME_GENERATOR_FLAGS, 0);
  pokeValue(addressOf(frame) + FRAME_STATE, 0);
  return frame;
}

/** What a generator function returns, once its parameters are bound in the frame. */
export function generatorObject(frame: unknown): Generator {
  return new Generator(frame);
}

/** for…of, spread and the rest over a value typed as a generator: its frame is stepped. */
export function generatorIterator(generator: Generator): IteratorRecord {
  return generator.iteratorRecord();
}

function generatorDone(frame: unknown): boolean {
  return peekValue<number>(addressOf(frame) + FRAME_STATE) === GENERATOR_DONE;
}

/** The value just given was an inner iterator's result (yield*): clears the mark. */
function generatorDelegated(frame: unknown): boolean {
  const flags = peekValue<number>(addressOf(frame) + FRAME_GENERATOR_FLAGS);
  pokeValue(addressOf(frame) + FRAME_GENERATOR_FLAGS, 0);
  return flags === (RUNNING | DELEGATED);
}

/**
 * GeneratorResume and GeneratorResumeAbrupt (ECMA-262 §27.5.3): runs the generator to its next
 * yield with `value` as what the yield gives (mode false), thrown there (true), or returned
 * there (null: its finally blocks run). A generator that has not started or has finished
 * completes without running. Returns what it yielded or returned (generatorDone tells which).
 */
function generatorResume(frame: unknown, value: unknown, mode: unknown): unknown {
  const address = addressOf(frame);
  if (peekValue<number>(address + FRAME_GENERATOR_FLAGS) !== 0) throw new TypeError("Generator is already running");
  const state = peekValue<number>(address + FRAME_STATE);
  if (state === GENERATOR_DONE || (state === SUSPENDED_START && mode !== false)) {
    pokeValue(address + FRAME_STATE, GENERATOR_DONE);
    if (mode === true) throw value;
    return mode === null ? value : undefined;
  }
  // An exception leaving the body clears the flags itself (lower/generators.ts), so none is
  // caught here: it passes on from where it was thrown, at no cost to the other calls.
  pokeValue(address + FRAME_GENERATOR_FLAGS, RUNNING);
  const result = (frame as Resume)(value, mode);
  // A yield* leaves RUNNING | DELEGATED for the caller to see (generatorDelegated).
  if (peekValue<number>(address + FRAME_GENERATOR_FLAGS) === RUNNING) pokeValue(address + FRAME_GENERATOR_FLAGS, 0);
  return result;
}

/** A generator's outcome as the result object its next() would return. */
function frameResult(frame: unknown, value: unknown): unknown {
  if (generatorDelegated(frame)) return value;
  return iteratorResult(value, generatorDone(frame));
}

/** What iteration.ts asks of a generator's record (FRAME_STEP, …). */
function frameOperation(record: IteratorRecord, value: unknown, operation: number): unknown {
  const frame = record.iterator;
  if (operation === FRAME_STEP) {
    // iteratorStep has marked the record done: it stays so if the generator is.
    const yielded = generatorResume(frame, undefined, false);
    if (generatorDone(frame)) return record;
    record.done = false;
    return generatorDelegated(frame) ? objGet(yielded, "value") : yielded;
  }
  if (operation === FRAME_CLOSE) {
    generatorResume(frame, undefined, null);
    generatorDelegated(frame);
    return undefined;
  }
  const mode = operation === FRAME_DELEGATE_NEXT ? false : operation === FRAME_DELEGATE_THROW ? true : null;
  return frameResult(frame, generatorResume(frame, value, mode));
}
