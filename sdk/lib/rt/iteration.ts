// The iteration protocol (ECMA-262 §7.4: GetIterator, IteratorStep, IteratorClose) for what the
// compiler cannot iterate by index: instances of classes with a [Symbol.iterator]() method,
// the iterator objects they return (class instances or object literals with next()),
// generators, and values whose static type does not say (for…of over a union). for…of,
// spread, Array.from, array destructuring and yield* use it (sdk/compiler/lower/iteration.ts).
//
// A record of a generator (made by generators.ts) steps its frame through a function the
// record holds, so that for…of over a generator makes no { value, done } object per element
// and a program without generators links none of their code.

import { callMethod, isObject, objectKind } from "mote/intrinsics";
import { KIND_ARRAY, KIND_OBJECT, KIND_PLAIN, KIND_TYPED_ARRAY } from "./layout.ts";
import { arrayNew, arrayPush, arrayAppendString, typedToArray } from "./arrays.ts";
import { objGet, objMethodCode } from "./objects.ts";
import { concat, isString, toString } from "./strings.ts";
import { truthy } from "./print.ts";
import { TypeError } from "./errors.ts";
import { methodProperty, withThis } from "./methods.ts";

/** How a record steps its iterator. */
const BY_INDEX = 0;     // an array (or a string's code points, a Map's entries): no iterator object
export const FRAME = 1; // a generator's frame, resumed directly (next: generators.ts, frameOperation)
const METHOD = 2;       // a class instance: next is a method
const FUNCTION = 3;     // a plain object: next is a function-valued property

/** What a FRAME record's function (generators.ts, frameOperation) is asked to do: step (the
 *  next value, or the record once done), close (return()), or pass a yield*'s next, throw or
 *  return on (a result object). */
export const FRAME_STEP = 0;
export const FRAME_CLOSE = 1;
export const FRAME_DELEGATE_NEXT = 2;
export const FRAME_DELEGATE_THROW = 3;
export const FRAME_DELEGATE_RETURN = 4;

type FrameOperation = (record: IteratorRecord, value: unknown, operation: number) => unknown;
type Step = (value?: unknown) => unknown;
type MapFunction = (value: unknown, index: number) => unknown;

/** ECMA-262's Iterator Record: the iterator, how to call its next, whether it is done. While
 *  next runs, `done` is true: an exception from next itself does not close the iterator. */
export class IteratorRecord {
  done = false;
  index = 0;
  constructor(public kind: number, public iterator: unknown, public next: unknown) {}
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
    }
    if (kind === KIND_PLAIN) {
      // An object literal with a [Symbol.iterator]() method (lower/object-methods.ts).
      const method = objGet(value, "[Symbol.iterator]");
      if (method !== undefined) return iteratorOf((methodProperty(method, value, "[Symbol.iterator]") as () => unknown)());
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
  return (withThis(method, iterator) as Step)(value);
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
  if (record.kind === FRAME) return (record.next as FrameOperation)(record, undefined, FRAME_STEP);
  const next = record.next;
  if (record.kind === FUNCTION && !isObject(next)) throw new TypeError(concat(toString(next), " is not a function"));
  const result = checkedResult(record.kind === METHOD ? callMethod(next, record.iterator) : (withThis(next, record.iterator) as Step)());
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
    (record.next as FrameOperation)(record, undefined, FRAME_CLOSE);
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
  if (record.kind === FRAME) {
    const operation = mode === false ? FRAME_DELEGATE_NEXT : mode === true ? FRAME_DELEGATE_THROW : FRAME_DELEGATE_RETURN;
    return (record.next as FrameOperation)(record, value, operation);
  }
  if (mode === false) {
    const next = record.next;
    if (record.kind === FUNCTION && !isObject(next)) throw new TypeError(concat(toString(next), " is not a function"));
    return checkedResult(record.kind === METHOD ? callMethod(next, record.iterator, value) : (next as Step)(value));
  }
  const result = callIteratorMethod(record, mode === true ? "throw" : "return", value);
  if (result !== record) return checkedResult(result);
  if (mode === null) return iteratorResult(value, true);
  iteratorClose(record);
  throw new TypeError("The iterator does not provide a 'throw' method");
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
