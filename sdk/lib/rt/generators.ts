// Generator objects (ECMA-262 §27.5): what calling a generator function returns. The function's
// body is a frame resumed by iteration.ts (sdk/compiler/lower/generators.ts makes it); this
// class is what the program sees, with next, return and throw, and console.log prints it as
// Node does, `Object [Generator] {}`. Its module links only with a generator function.

import { frameIterator, frameResult, generatorResume, type IteratorRecord } from "./iteration.ts";

export class Generator {
  constructor(public frame: unknown) {}

  next(value?: unknown): unknown {
    return frameResult(this.frame, generatorResume(this.frame, value, false));
  }

  return(value?: unknown): unknown {
    return frameResult(this.frame, generatorResume(this.frame, value, null));
  }

  throw(error?: unknown): unknown {
    return frameResult(this.frame, generatorResume(this.frame, error, true));
  }

  /** A generator is its own iterator (reached by name when the program iterates a value
   *  whose type does not say it is a generator). */
  [Symbol.iterator](): Generator {
    return this;
  }
}

/** What a generator function returns, once its parameters are bound in the frame. */
export function generatorObject(frame: unknown): Generator {
  return new Generator(frame);
}

/** for…of, spread and the rest over a value typed as a generator: its frame is stepped. */
export function generatorIterator(generator: Generator): IteratorRecord {
  return frameIterator(generator.frame);
}
