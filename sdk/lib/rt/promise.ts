// Promises and the microtask queue (ECMA-262 §27.2, jobs as in §9.5), run in Node's order: the
// program's top-level code, then every microtask (jobs queued by a job run in the same drain),
// then the timers (timers.ts), with the queue drained again after each timer's callback. A
// rejection that has no handler when a drain ends stops the program as Node does: the error in
// a crash report, exit status 1.
//
// Tick counts are the specification's, which V8 follows exactly: a reaction is one job;
// resolving a promise with a promise (returning one from a then handler or an async function)
// takes two more, NewPromiseResolveThenableJob and the reaction it adds; await takes one job
// for a promise or a plain value (ES2019's await, which uses the promise itself).
//
// Async functions (sdk/compiler/lower/async.ts) are frames: closures whose code resumes the
// function where it stopped, called with the outcome of the await (layout.ts, FRAME_*).

import { addressOf, callMethod, isObject, objectKind, peek32, poke32, pokeValue, symbolAddress } from "mote/intrinsics";
import { FRAME_PROMISE, FRAME_STATE, FRAME_HEADER_CELLS, CLOSURE_CELLS, KIND_CLOSURE, KIND_OBJECT, KIND_PLAIN } from "./layout.ts";
import { closureNew } from "./functions.ts";
import { objGet, objMethodCode } from "./objects.ts";
import { concat, isString, toString } from "./strings.ts";
import { TypeError } from "./errors.ts";
import { fillWords, rethrow } from "./port.ts";
import { exit } from "./start.ts";

export const PENDING = 0;
const FULFILLED = 1;
export const REJECTED = 2;

/** Where the port records the call site of the latest throw (ports/armv6m/rt). */
const THROW_SITE = "__rt_throw_site";

/** What a job does when it runs. */
const THEN_REACTION = 0;     // a then(): the handler's outcome settles `derived`
const AWAIT_REACTION = 1;    // an await: the async function's frame (`handler`) resumes
const ADOPT_PROMISE = 2;     // `derived` takes on the state of the promise `source`
const ADOPT_METHOD = 3;      // `derived` is resolved by `source`'s then method (`handler`, a code address)
const ADOPT_FUNCTION = 4;    // `derived` is resolved by the function in `source`'s then property
const CALLBACK = 5;          // queueMicrotask: `handler` runs; what it throws is uncaught

/** The microtask queue (jobs linked through `next`). Declared above the classes, so that the
 *  compiler need not guard them as variables read before their declaration ran. */
let queueHead: Job | undefined;
let queueTail: Job | undefined;
/** Promises rejected while they had no handler, in order, since the last drain. */
let unhandled: Promise[] | undefined;

type Handler = (value: unknown) => unknown;
type Resume = (value: unknown, rejected: boolean) => void;
type Executor = (resolve: Handler, reject: Handler) => unknown;
type ThenFunction = (resolve: Handler, reject: Handler) => unknown;

/** A reaction waiting for a promise, then a job in the microtask queue (one object for both:
 *  a promise settles once, so each reaction becomes one job). */
class Job {
  constructor(
    public kind: number,
    /** The promise the job settles (then's result, or the promise adopting `source`). */
    public derived: Promise | undefined,
    public handler: unknown,
    public onRejected: unknown,
  ) {}
  /** The promise reacted to (its state and result are the job's argument), or the thenable. */
  source: unknown = undefined;
  /** The next reaction of a pending promise, or the next job in the queue. */
  next: Job | undefined = undefined;
}

export class Promise {
  state = PENDING;
  /** The value or the reason, once settled. */
  result: unknown = undefined;
  /** Reactions while pending, in the order they were added. */
  reactions: Job | undefined = undefined;
  /** A reaction was ever added (ECMA-262 [[PromiseIsHandled]]). */
  handled = false;
  /** For a rejection by an exception: the call site of its throw, which an unhandled
   *  rejection's crash report names (0: rejected by reject(), no site). */
  site = 0;

  /** new Promise(executor), a function (checkPromiseResolver). The runtime's own pending
   *  promises have no executor. */
  constructor(executor: unknown) {
    if (executor !== undefined) {
      let done = false;
      try {
        (executor as Executor)(
          (value: unknown): void => {
            if (done) return;
            done = true;
            resolvePromise(this, value);
          },
          (reason: unknown): void => {
            if (done) return;
            done = true;
            rejectPromise(this, reason, 0);
          });
      } catch (error) {
        if (!done) {
          done = true;
          rejectPromise(this, error, thrownAt());
        }
      }
    }
  }

  then(onFulfilled?: unknown, onRejected?: unknown): Promise {
    const derived = new Promise(undefined);
    performThen(this, new Job(THEN_REACTION, derived, onFulfilled, onRejected));
    return derived;
  }

  catch(onRejected?: unknown): Promise {
    return this.then(undefined, onRejected);
  }

  /** Promise.prototype.finally: the callback runs, and when what it returns has settled, the
   *  outcome passes on (ECMA-262 §27.2.5.3: thenFinally and catchFinally). */
  finally(onFinally?: unknown): Promise {
    if (!isCallable(onFinally)) return this.then(onFinally, onFinally);
    const callback = onFinally as () => unknown;
    return this.then(
      (value: unknown): unknown => promiseResolve(callback()).then((): unknown => value),
      (reason: unknown): unknown => promiseResolve(callback()).then((): unknown => rethrowFrom(reason, this.site)));
  }
}

function isCallable(value: unknown): boolean {
  return isObject(value) && objectKind(value) === KIND_CLOSURE;
}

/** The call site of the exception just caught. */
function thrownAt(): number {
  return peek32(symbolAddress(THROW_SITE));
}

/** Throws `reason` as if from `site` (when known), so a crash report names where it began. */
function rethrowFrom(reason: unknown, site: number): never {
  if (site !== 0) {
    poke32(symbolAddress(THROW_SITE), site);
    rethrow(reason);
  }
  throw reason; // @rethrow: an unhandled rejection's reason, judged where it was rejected
}

// ---------------------------------------------------------------- the microtask queue

function enqueue(job: Job): void {
  job.next = undefined;
  if (queueTail === undefined) queueHead = job;
  else queueTail.next = job;
  queueTail = job;
}

/** Runs every microtask, then stops the program on a rejection nobody handled (Node's
 *  processTicksAndRejections). Runs after the top-level code and after each timer. */
export function runMicrotasks(): void {
  while (queueHead !== undefined) {
    const job: Job = queueHead;
    queueHead = job.next;
    if (queueHead === undefined) queueTail = undefined;
    job.next = undefined;
    runJob(job);
  }
  const rejected = unhandled;
  if (rejected === undefined) return;
  unhandled = undefined;
  for (const promise of rejected) {
    if (!promise.handled) rethrowFrom(promise.result, promise.site);
  }
}

function runJob(job: Job): void {
  const kind = job.kind;
  if (kind === THEN_REACTION) {
    reactionJob(job);
  } else if (kind === AWAIT_REACTION) {
    const source = job.source as Promise;
    (job.handler as Resume)(source.result, source.state === REJECTED);
  } else if (kind === CALLBACK) {
    (job.handler as () => unknown)();
  } else {
    adoptJob(job);
  }
}

/** PromiseReactionJob: the handler for the outcome runs; what it returns resolves the derived
 *  promise, what it throws rejects it. Without a handler the outcome passes on. */
function reactionJob(job: Job): void {
  const source = job.source as Promise;
  const rejected = source.state === REJECTED;
  const handler = rejected ? job.onRejected : job.handler;
  const derived = job.derived;
  if (!isCallable(handler)) {
    if (derived === undefined) return;
    if (rejected) rejectPromise(derived, source.result, source.site);
    else resolvePromise(derived, source.result);
    return;
  }
  let result: unknown;
  try {
    result = (handler as Handler)(source.result);
  } catch (error) {
    if (derived !== undefined) rejectPromise(derived, error, thrownAt());
    return;
  }
  if (derived !== undefined) resolvePromise(derived, result);
}

/** NewPromiseResolveThenableJob: `derived` was resolved with a thenable, whose then is called
 *  now with resolving functions for `derived`. For a promise, V8 adds the reaction directly,
 *  which takes the same jobs. */
function adoptJob(job: Job): void {
  const derived = job.derived as Promise;
  if (job.kind === ADOPT_PROMISE) {
    const source = job.source as Promise;
    job.kind = THEN_REACTION;
    job.handler = undefined;
    performThen(source, job);
    return;
  }
  let done = false;
  const resolve = (value: unknown): void => {
    if (done) return;
    done = true;
    resolvePromise(derived, value);
  };
  const reject = (reason: unknown): void => {
    if (done) return;
    done = true;
    rejectPromise(derived, reason, 0);
  };
  try {
    if (job.kind === ADOPT_METHOD) callMethod(job.handler, job.source, resolve, reject);
    else (job.handler as ThenFunction)(resolve, reject);
  } catch (error) {
    if (!done) {
      done = true;
      rejectPromise(derived, error, thrownAt());
    }
  }
}

// ---------------------------------------------------------------- settling

function performThen(promise: Promise, job: Job): void {
  job.source = promise;
  if (promise.state === PENDING) {
    let last = promise.reactions;
    if (last === undefined) {
      promise.reactions = job;
    } else {
      while (last.next !== undefined) last = last.next;
      last.next = job;
    }
  } else {
    enqueue(job);
  }
  promise.handled = true;
}

function settle(promise: Promise, state: number, result: unknown): void {
  let job = promise.reactions;
  promise.state = state;
  promise.result = result;
  promise.reactions = undefined;
  while (job !== undefined) {
    const next: Job | undefined = job.next;
    enqueue(job);
    job = next;
  }
}

/** RejectPromise. `site`: where the exception was thrown, 0 for a reject() call. */
export function rejectPromise(promise: Promise, reason: unknown, site: number): void {
  if (!promise.handled) {
    if (unhandled === undefined) unhandled = [];
    unhandled.push(promise);
  }
  promise.site = site;
  settle(promise, REJECTED, reason);
}

/** The body of a promise's resolve function (ECMA-262 §27.2.1.3.2): a thenable is adopted
 *  through a job, anything else fulfills. */
export function resolvePromise(promise: Promise, resolution: unknown): void {
  if (resolution === promise) {
    rejectPromise(promise, new TypeError("Chaining cycle detected for promise #<Promise>"), 0);
    return;
  }
  if (resolution instanceof Promise) {
    adopt(ADOPT_PROMISE, promise, resolution, undefined);
    return;
  }
  if (isObject(resolution) && (objectKind(resolution) === KIND_OBJECT || objectKind(resolution) === KIND_PLAIN)) {
    const method = objMethodCode(resolution, "then");
    if (method !== undefined) {
      adopt(ADOPT_METHOD, promise, resolution, method);
      return;
    }
    let then: unknown;
    try {
      then = objGet(resolution, "then");
    } catch (error) {
      rejectPromise(promise, error, thrownAt());
      return;
    }
    if (isCallable(then)) {
      adopt(ADOPT_FUNCTION, promise, resolution, then);
      return;
    }
  }
  settle(promise, FULFILLED, resolution);
}

function adopt(kind: number, promise: Promise, thenable: unknown, then: unknown): void {
  const job = new Job(kind, promise, then, undefined);
  job.source = thenable;
  enqueue(job);
}

// ---------------------------------------------------------------- Promise.*

/** Promise.resolve: a promise as it is, anything else in a new promise. */
export function promiseResolve(value: unknown): Promise {
  if (value instanceof Promise) return value;
  const promise = new Promise(undefined);
  resolvePromise(promise, value);
  return promise;
}

/** new Promise(executor) where the executor's type does not prove it a function (the compiler
 *  calls this first, lower/promises.ts): Node's TypeError when it is not one. */
export function checkPromiseResolver(executor: unknown): void {
  if (isCallable(executor)) return;
  const shown = isObject(executor) && !isString(executor) ? "#<Object>" : toString(executor);
  throw new TypeError(concat(concat("Promise resolver ", shown), " is not a function"));
}

export function promiseReject(reason: unknown): Promise {
  const promise = new Promise(undefined);
  rejectPromise(promise, reason, 0);
  return promise;
}

/** Promise.all: the values in order once all have fulfilled; the first rejection. */
export function promiseAll(values: unknown[]): Promise {
  const result = new Promise(undefined);
  const list: unknown[] = [];
  let remaining = 1;
  let done = false;
  const reject = (reason: unknown): void => {
    if (done) return;
    done = true;
    rejectPromise(result, reason, 0);
  };
  for (let i = 0; i < values.length; i++) {
    list.push(undefined);
    const index = i;
    remaining++;
    const fulfilled = (value: unknown): void => {
      list[index] = value;
      remaining--;
      if (remaining === 0 && !done) {
        done = true;
        resolvePromise(result, list);
      }
    };
    performThen(promiseResolve(values[i]), new Job(THEN_REACTION, undefined, fulfilled, reject));
  }
  remaining--;
  if (remaining === 0) {
    done = true;
    resolvePromise(result, list);
  }
  return result;
}

/** Promise.allSettled: { status, value } or { status, reason } for each, in order. */
export function promiseAllSettled(values: unknown[]): Promise {
  const result = new Promise(undefined);
  const list: unknown[] = [];
  let remaining = 1;
  for (let i = 0; i < values.length; i++) {
    list.push(undefined);
    const index = i;
    remaining++;
    const settled = (outcome: unknown): void => {
      list[index] = outcome;
      remaining--;
      if (remaining === 0) resolvePromise(result, list);
    };
    performThen(promiseResolve(values[i]), new Job(THEN_REACTION, undefined,
      (value: unknown): void => settled({ status: "fulfilled", value }),
      (reason: unknown): void => settled({ status: "rejected", reason })));
  }
  remaining--;
  if (remaining === 0) resolvePromise(result, list);
  return result;
}

/** Promise.race: the first to settle. */
export function promiseRace(values: unknown[]): Promise {
  const result = new Promise(undefined);
  let done = false;
  const resolve = (value: unknown): void => {
    if (done) return;
    done = true;
    resolvePromise(result, value);
  };
  const reject = (reason: unknown): void => {
    if (done) return;
    done = true;
    rejectPromise(result, reason, 0);
  };
  for (let i = 0; i < values.length; i++) performThen(promiseResolve(values[i]), new Job(THEN_REACTION, undefined, resolve, reject));
  return result;
}

export function queueMicrotask(callback: unknown): void {
  if (!isCallable(callback)) throw new TypeError("The \"callback\" argument must be of type function");
  enqueue(new Job(CALLBACK, undefined, callback, undefined));
}

// ---------------------------------------------------------------- async functions

/** A new frame for an async function: `code` resumes it, `slots` words hold its values. */
export function asyncFrame(code: number, slots: number): unknown {
  const frame = closureNew(code, FRAME_HEADER_CELLS + slots);
  fillWords(addressOf(frame) + CLOSURE_CELLS, FRAME_HEADER_CELLS + slots, undefined);
  pokeValue(addressOf(frame) + FRAME_PROMISE, new Promise(undefined));
  pokeValue(addressOf(frame) + FRAME_STATE, 0);
  return frame;
}

/** await value (ECMA-262 Await): the frame resumes with the outcome, one job after it is
 *  known; a value that is not a promise is wrapped in one. */
export function asyncAwait(frame: unknown, value: unknown): void {
  performThen(promiseResolve(value), new Job(AWAIT_REACTION, undefined, frame, undefined));
}

/** After the event loop, for a main file with top-level await: if it is still waiting, the
 *  program ends as Node's does, with exit status 13 ("unsettled top-level await"). */
export function topLevelAwaitEnded(promise: Promise): void {
  if (promise.state === PENDING) exit(13);
}

/** An async function's body threw `error` (just caught): its promise rejects. */
export function asyncThrew(promise: Promise, error: unknown): void {
  rejectPromise(promise, error, thrownAt());
}
