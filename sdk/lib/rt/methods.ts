// Functions whose `this` comes from the call: methods of object literals (`{ next() { … } }`,
// sdk/compiler/lower/object-methods.ts) and the bound functions `bind` makes. A method is a
// closure whose descriptor has the CLOSURE_METHOD flag; `o.m(…)` on a plain object hands it `o`
// through `receiver` just before the call, and the method's first act is to take it
// (methodThis), so no other call can come in between. A method called any other way (`const
// f = o.m; f()`) finds undefined there, as a strict-mode function does in JavaScript. A module
// of its own: only programs that call function-valued properties link it.

import { addressOf, isObject, objectKind, peek32, peekValue, poke32, symbolAddress } from "mote/intrinsics";
import {
  CELL_VALUE, CLOSURE_BOUND, CLOSURE_CELLS, CLOSURE_DESCRIPTOR_FLAGS, CLOSURE_DESCRIPTOR_NAME, CLOSURE_ASYNC, CLOSURE_GENERATOR, CLOSURE_METHOD, DESCRIPTOR_BOUND, KIND_CLOSURE,
} from "./layout.ts";
import { concat } from "./strings.ts";
import { RangeError, TypeError } from "./errors.ts";

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
    // Its one captured variable (bindFunction): [target, this, leading arguments].
    const state = peekValue<unknown[]>(peek32(addressOf(fn) + CLOSURE_CELLS) + CELL_VALUE);
    return concat("bound ", functionName(state[0]));
  }
  const name = peek32(descriptor + CLOSURE_DESCRIPTOR_NAME);
  return name === 0 ? "" : peekValue<string>(descriptor + CLOSURE_DESCRIPTOR_NAME);
}

/** How console.log shows a function: [Function: f], [AsyncFunction: f], [GeneratorFunction: g],
 *  [Function (anonymous)]. */
export function functionText(fn: unknown): string {
  const name = functionName(fn);
  const flags = closureFlags(fn);
  const generator = (flags & CLOSURE_GENERATOR) !== 0;
  const kind = (flags & CLOSURE_ASYNC) !== 0 ? (generator ? "[AsyncGeneratorFunction" : "[AsyncFunction") : generator ? "[GeneratorFunction" : "[Function";
  return name.length === 0 ? concat(kind, " (anonymous)]") : concat(concat(concat(kind, ": "), name), "]");
}

type Callee = (...args: unknown[]) => unknown;

/** Most arguments `apply` and a bound function pass on: a call passes a fixed number of them. */
const MAX_APPLIED = 10;

/** fn.apply(self, args), fn.call(self, …args): fn called with `self` as its `this`. */
export function applyFunction(fn: unknown, self: unknown, args: unknown, callee: string): unknown {
  if (!isFunction(fn)) throw new TypeError(concat(callee, " is not a function"));
  if (args === undefined || args === null) args = [];
  if (!isObject(args) || !Array.isArray(args)) throw new TypeError("CreateListFromArrayLike called on non-object");
  const a = args as unknown[];
  if (a.length > MAX_APPLIED) throw new RangeError("apply and bound functions pass at most 10 arguments on devices");
  const f = withThis(fn, self) as Callee;
  switch (a.length) {
    case 0: return f();
    case 1: return f(a[0]);
    case 2: return f(a[0], a[1]);
    case 3: return f(a[0], a[1], a[2]);
    case 4: return f(a[0], a[1], a[2], a[3]);
    case 5: return f(a[0], a[1], a[2], a[3], a[4]);
    case 6: return f(a[0], a[1], a[2], a[3], a[4], a[5]);
    case 7: return f(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    case 8: return f(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    case 9: return f(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]);
    default: return f(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
  }
}

/** fn.bind(self, …leading): a function calling fn with `self` and the leading arguments first.
 *  Its descriptor says it is bound, so its name is "bound " and fn's. */
export function bindFunction(fn: unknown, self: unknown, leading: unknown[], callee: string): unknown {
  if (!isFunction(fn)) throw new TypeError(concat(callee, ".bind is not a function"));
  const state: unknown[] = [fn, self, leading];
  const bound = (...args: unknown[]): unknown => applyFunction(state[0], state[1], (state[2] as unknown[]).concat(args), "bound function");
  poke32(addressOf(bound), symbolAddress(DESCRIPTOR_BOUND));
  return bound;
}
