// The iteration protocol (ECMA-262 §7.4: GetIterator, IteratorStep, IteratorClose) for what the
// compiler cannot iterate by index: instances of classes with a [Symbol.iterator]() method,
// the iterator objects they return (class instances or object literals with next()),
// generators, and values whose static type does not say (for…of over a union). for…of,
// spread, Array.from, array destructuring and yield* use it (sdk/compiler/lower/iteration.ts).
//
// A generator's frame (sdk/compiler/lower/generators.ts) is resumed here too, so that for…of
// over a generator steps it without making a { value, done } object per element; the
// Generator class itself (generators.ts) links only when a program has a generator.

import { addressOf, callMethod, isObject, objectKind, peek32, peekValue, pokeValue } from "mote/intrinsics";
import {
  CLASS_PRINT, CLASS_PRINT_MAP, CLASS_PRINT_SET, FRAME_GENERATOR_FLAGS, FRAME_HEADER_CELLS, FRAME_STATE, CLOSURE_CELLS,
  KIND_ARRAY, KIND_OBJECT, KIND_PLAIN, KIND_TYPED_ARRAY,
} from "./layout.ts";
import { arrayNew, arrayPush, arrayAppendString, typedToArray } from "./arrays.ts";
import { closureNew } from "./functions.ts";
import { objGet, objMethodCode } from "./objects.ts";
import { concat, isString, toString } from "./strings.ts";
import { truthy } from "./print.ts";
import { TypeError } from "./errors.ts";
import { fillWords } from "./port.ts";

/** How a record steps its iterator. */
const BY_INDEX = 0;     // an array (or a string's code points, a Map's entries): no iterator object
const FRAME = 1;        // a generator's frame, resumed directly
const METHOD = 2;       // a class instance: next is a method
const FUNCTION = 3;     // a plain object: next is a function-valued property

/** A generator's state word (FRAME_STATE) once it has finished. The body's states are 0 (not
 *  called yet), 1 (suspended before the first statement: the parameters are bound) and k + 1
 *  at the k-th yield. */
const GENERATOR_DONE = -1;
const SUSPENDED_START = 1;
/** FRAME_GENERATOR_FLAGS: the generator is running (a call of next() from inside it throws);
 *  the value it just gave is an inner iterator's result object, passed on as it is (yield*). */
const RUNNING = 1;
const DELEGATED = 2;

type Resume = (value: unknown, mode: unknown) => unknown;
type Step = (value?: unknown) => unknown;
type MapFunction = (value: unknown, index: number) => unknown;

/** ECMA-262's Iterator Record: the iterator, how to call its next, whether it is done. While
 *  next runs, `done` is true: an exception from next itself does not close the iterator. */
export class IteratorRecord {
  done = false;
  index = 0;
  constructor(public kind: number, public iterator: unknown, public next: unknown) {}
}

// ---------------------------------------------------------------- generator frames

/** A new frame for a generator: a closure whose code is the resume function (its modes:
 *  false next, true throw, null return), with `slots` words for its values. */
export function generatorFrame(code: number, slots: number): unknown {
  const frame = closureNew(code, FRAME_HEADER_CELLS + slots);
  fillWords(addressOf(frame) + CLOSURE_CELLS, FRAME_HEADER_CELLS + slots, undefined);
  pokeValue(addressOf(frame) + FRAME_GENERATOR_FLAGS, 0);
  pokeValue(addressOf(frame) + FRAME_STATE, 0);
  return frame;
}

export function generatorDone(frame: unknown): boolean {
  return peekValue<number>(addressOf(frame) + FRAME_STATE) === GENERATOR_DONE;
}

/** The value just given was an inner iterator's result (yield*): clears the mark. */
export function generatorDelegated(frame: unknown): boolean {
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
export function generatorResume(frame: unknown, value: unknown, mode: unknown): unknown {
  const address = addressOf(frame);
  if (peekValue<number>(address + FRAME_GENERATOR_FLAGS) !== 0) throw new TypeError("Generator is already running");
  const state = peekValue<number>(address + FRAME_STATE);
  if (state === GENERATOR_DONE || (state === SUSPENDED_START && mode !== false)) {
    pokeValue(address + FRAME_STATE, GENERATOR_DONE);
    if (mode === true) throw value;
    return mode === null ? value : undefined;
  }
  pokeValue(address + FRAME_GENERATOR_FLAGS, RUNNING);
  // An exception passes on from where it was thrown (a finally block keeps its origin for
  // the crash report; a catch would throw it again from here).
  let result: unknown;
  let threw = true;
  try {
    result = (frame as Resume)(value, mode);
    threw = false;
  } finally {
    if (threw) pokeValue(address + FRAME_GENERATOR_FLAGS, 0);
  }
  // A yield* leaves RUNNING | DELEGATED for the caller to see (generatorDelegated).
  if (peekValue<number>(address + FRAME_GENERATOR_FLAGS) === RUNNING) pokeValue(address + FRAME_GENERATOR_FLAGS, 0);
  return result;
}

/** A record stepping a generator's frame (for…of over a value typed as a generator). */
export function frameIterator(frame: unknown): IteratorRecord {
  return new IteratorRecord(FRAME, frame, undefined);
}

// ---------------------------------------------------------------- the protocol

/** GetIterator(value, sync): `text` is the source of the expression, for the TypeError. */
export function getIterator(value: unknown, text: string): IteratorRecord {
  if (isString(value)) {
    const points = arrayNew(0);
    arrayAppendString(points, value as string);
    return new IteratorRecord(BY_INDEX, points, undefined);
  }
  if (isObject(value)) {
    const kind = objectKind(value);
    if (kind === KIND_ARRAY) return new IteratorRecord(BY_INDEX, value, undefined);
    if (kind === KIND_TYPED_ARRAY) return new IteratorRecord(BY_INDEX, typedToArray(value), undefined);
    if (kind === KIND_OBJECT) {
      const code = objMethodCode(value, "[Symbol.iterator]");
      if (code !== undefined) return iteratorOf(callMethod(code, value));
      // A Map gives its entries, a Set its values (collections.ts gives them as arrays).
      const print = peek32(peek32(addressOf(value)) + CLASS_PRINT);
      if (print === CLASS_PRINT_MAP) return new IteratorRecord(BY_INDEX, callMethod(objMethodCode(value, "entries"), value), undefined);
      if (print === CLASS_PRINT_SET) return new IteratorRecord(BY_INDEX, callMethod(objMethodCode(value, "values"), value), undefined);
    }
  }
  throw new TypeError(concat(text, " is not iterable"));
}

/** The record of what [Symbol.iterator]() returned. */
function iteratorOf(iterator: unknown): IteratorRecord {
  if (!isObject(iterator) || isString(iterator)) throw new TypeError("Result of the Symbol.iterator method is not an object");
  const kind = objectKind(iterator);
  if (kind === KIND_OBJECT) {
    // A generator (returning itself) is stepped as an iterator with a next method: its class
    // is not known here, so that iterating other objects does not link it.
    const code = objMethodCode(iterator, "next");
    if (code !== undefined) return new IteratorRecord(METHOD, iterator, code);
  }
  if (kind === KIND_PLAIN) return new IteratorRecord(FUNCTION, iterator, objGet(iterator, "next"));
  return new IteratorRecord(FUNCTION, iterator, undefined);
}

function checkedResult(result: unknown): unknown {
  if (!isObject(result) || isString(result)) throw new TypeError(concat(concat("Iterator result ", toString(result)), " is not an object"));
  return result;
}

/** Calls method `name` of an iterator (class method or function property) with `value`;
 *  `record` when it has none. */
function callIteratorMethod(record: IteratorRecord, name: string, value: unknown): unknown {
  const iterator = record.iterator;
  if (objectKind(iterator) === KIND_OBJECT) {
    const code = objMethodCode(iterator, name);
    return code === undefined ? record : callMethod(code, iterator, value);
  }
  const method = objGet(iterator, name);
  if (method === undefined || method === null) return record;
  return (method as Step)(value);
}

/** IteratorStepValue: the next value, or the record itself once the iterator is done (the
 *  record is never a value: no program can reach it). */
export function iteratorStep(record: IteratorRecord): unknown {
  if (record.done) return record;
  if (record.kind === BY_INDEX) {
    const elements = record.iterator as unknown[];
    if (record.index < elements.length) return elements[record.index++];
    record.done = true;
    return record;
  }
  record.done = true;
  if (record.kind === FRAME) {
    const frame = record.iterator;
    const value = generatorResume(frame, undefined, false);
    if (generatorDone(frame)) return record;
    record.done = false;
    return generatorDelegated(frame) ? objGet(value, "value") : value;
  }
  const next = record.next;
  if (record.kind === FUNCTION && !isObject(next)) throw new TypeError(concat(toString(next), " is not a function"));
  const result = checkedResult(record.kind === METHOD ? callMethod(next, record.iterator) : (next as Step)());
  if (truthy(objGet(result, "done"))) return record;
  record.done = false;
  return objGet(result, "value");
}

/** The next value for a destructuring pattern's element: undefined once done. */
export function iteratorStepValue(record: IteratorRecord): unknown {
  const value = iteratorStep(record);
  return value === record ? undefined : value;
}

/** What is left, as a new array (a rest element, spread). */
export function iteratorRest(record: IteratorRecord): unknown[] {
  const rest = arrayNew(0);
  for (let value = iteratorStep(record); value !== record; value = iteratorStep(record)) arrayPush(rest, value);
  return rest;
}

/** IteratorClose after break, return or a destructuring that stopped early: the iterator's
 *  return(), whose result must be an object; what it throws passes on. */
export function iteratorClose(record: IteratorRecord): void {
  if (record.done) return;
  record.done = true;
  if (record.kind === BY_INDEX) return;
  if (record.kind === FRAME) {
    generatorResume(record.iterator, undefined, null);
    generatorDelegated(record.iterator);
    return;
  }
  const result = callIteratorMethod(record, "return", undefined);
  if (result !== record) checkedResult(result);
}

/** IteratorClose for an exception leaving the loop: return() is called, but the exception
 *  passes on whatever return() does. */
export function iteratorCloseThrown(record: IteratorRecord): void {
  try {
    iteratorClose(record);
  } catch (ignored) {
    // The loop's exception wins (ECMA-262 §7.4.11 step 5).
  }
}

/** Array.from(value, mapFn): mapFn runs on each element as it comes; if it throws, the
 *  iterator is closed. */
export function arrayFromIterable(record: IteratorRecord, mapFn: unknown): unknown[] {
  const result = arrayNew(0);
  let index = 0;
  for (let element = iteratorStep(record); element !== record; element = iteratorStep(record)) {
    if (mapFn === undefined) {
      arrayPush(result, element);
    } else {
      let threw = true;
      try {
        arrayPush(result, (mapFn as MapFunction)(element, index));
        threw = false;
      } finally {
        if (threw) iteratorCloseThrown(record);
      }
    }
    index++;
  }
  return result;
}

// ---------------------------------------------------------------- yield*

/**
 * One step of yield* (ECMA-262 §15.5.5): the value the outer generator received goes on to the
 * inner iterator by the same mode (false next, true throw, null return). Returns the inner
 * iterator's result object; for a return or throw it has no method for, what the outer
 * generator does instead (a return: { value, done: true }; a throw: the iterator closed and
 * a TypeError).
 */
export function delegateStep(record: IteratorRecord, value: unknown, mode: unknown): unknown {
  if (record.kind === BY_INDEX) {
    if (mode === true) throw value;
    if (mode === null) return iteratorResult(value, true);
    const element = iteratorStep(record);
    return element === record ? iteratorResult(undefined, true) : iteratorResult(element, false);
  }
  if (mode === false) {
    if (record.kind === FRAME) return frameResult(record.iterator, generatorResume(record.iterator, value, false));
    const next = record.next;
    if (record.kind === FUNCTION && !isObject(next)) throw new TypeError(concat(toString(next), " is not a function"));
    return checkedResult(record.kind === METHOD ? callMethod(next, record.iterator, value) : (next as Step)(value));
  }
  if (record.kind === FRAME) return frameResult(record.iterator, generatorResume(record.iterator, value, mode));
  const result = callIteratorMethod(record, mode === true ? "throw" : "return", value);
  if (result !== record) return checkedResult(result);
  if (mode === null) return iteratorResult(value, true);
  iteratorClose(record);
  throw new TypeError("The iterator does not provide a 'throw' method");
}

/** A generator's outcome as the result object its next() would return. */
export function frameResult(frame: unknown, value: unknown): unknown {
  if (generatorDelegated(frame)) return value;
  return iteratorResult(value, generatorDone(frame));
}

/** CreateIterResultObject: a plain { value, done }. */
export function iteratorResult(value: unknown, done: boolean): unknown {
  return { value: value, done: done };
}

/** The done and value of an iterator result object, for yield*. */
export function resultDone(result: unknown): boolean {
  return truthy(objGet(result, "done"));
}

export function resultValue(result: unknown): unknown {
  return objGet(result, "value");
}
