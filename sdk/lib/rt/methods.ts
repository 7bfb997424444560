// Functions whose `this` comes from the call: methods of object literals (`{ next() { … } }`,
// sdk/compiler/lower/object-methods.ts) and the bound functions `bind` makes. A method is a
// closure whose descriptor has the CLOSURE_METHOD flag; `o.m(…)` on a plain object hands it `o`
// through `receiver` just before the call, and the method's first act is to take it
// (methodThis), so no other call can come in between. A method called any other way (`const
// f = o.m; f()`) finds undefined there, as a strict-mode function does in JavaScript. A module
// of its own: only programs that call function-valued properties link it.

import { addressOf, isObject, objectKind, peek32, peekValue } from "mote/intrinsics";
import {
  CLOSURE_BOUND, CLOSURE_CELLS, CLOSURE_DESCRIPTOR_FLAGS, CLOSURE_DESCRIPTOR_NAME, CLOSURE_ASYNC, CLOSURE_METHOD, KIND_CLOSURE,
} from "./layout.ts";
import { concat } from "./strings.ts";
import { TypeError } from "./errors.ts";

let receiver: unknown = undefined;

/** `this` of the method now starting: what the call handed it, once. */
export function methodThis(): unknown {
  const self = receiver;
  receiver = undefined;
  return self;
}

function isFunction(value: unknown): boolean {
  return isObject(value) && objectKind(value) === KIND_CLOSURE;
}

export function closureFlags(fn: unknown): number {
  return peek32(peek32(addressOf(fn)) + CLOSURE_DESCRIPTOR_FLAGS);
}

/** `value`, the property `callee` of `object` about to be called as a method: a TypeError when
 *  it is not a function; a method gets `object` as its `this`. */
export function methodProperty(value: unknown, object: unknown, callee: string): unknown {
  if (!isFunction(value)) throw new TypeError(concat(callee, " is not a function"));
  if ((closureFlags(value) & CLOSURE_METHOD) !== 0) receiver = object;
  return value;
}

/** `fn` about to be called with `self` as its `this` (call, apply, the runtime calling an
 *  iterator's next): a method gets it, any other function ignores it as an arrow does. */
export function withThis(fn: unknown, self: unknown): unknown {
  if (isFunction(fn) && (closureFlags(fn) & CLOSURE_METHOD) !== 0) receiver = self;
  return fn;
}

/** fn.name: the name its descriptor holds ("" for an anonymous function); a bound function's
 *  is "bound " and its target's. */
export function functionName(fn: unknown): string {
  const descriptor = peek32(addressOf(fn));
  if ((peek32(descriptor + CLOSURE_DESCRIPTOR_FLAGS) & CLOSURE_BOUND) !== 0) {
    return concat("bound ", functionName(peekValue<unknown>(addressOf(fn) + CLOSURE_CELLS)));
  }
  const name = peek32(descriptor + CLOSURE_DESCRIPTOR_NAME);
  return name === 0 ? "" : peekValue<string>(descriptor + CLOSURE_DESCRIPTOR_NAME);
}

/** How console.log shows a function: [Function: f], [AsyncFunction: f], [Function (anonymous)]. */
export function functionText(fn: unknown): string {
  const name = functionName(fn);
  const kind = (closureFlags(fn) & CLOSURE_ASYNC) !== 0 ? "[AsyncFunction" : "[Function";
  return name.length === 0 ? concat(kind, " (anonymous)]") : concat(concat(concat(kind, ": "), name), "]");
}
