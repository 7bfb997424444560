// The built-in error classes. A program's Error, TypeError, RangeError, ReferenceError,
// SyntaxError, EvalError and URIError (and classes extending them) are these: name and message are the first fields, so code can read
// them through any error type.

import { objectAt, poke8 } from "mote/intrinsics";
import { concat, isString, newString, toString } from "./strings.ts";
import { STRING_DATA } from "./layout.ts";

export class Error {
  name: string;
  message: string;
  /** The return addresses of the frames where the program made it (a string of their bytes,
   *  a word each), kept by stack-trace.ts's stackCaptured right after construction in the
   *  program's own code; undefined for errors the runtime makes. Private: never printed, listed or written
   *  as JSON. */
  #frames: unknown;
  constructor(message?: string) {
    this.name = "Error";
    this.message = message === undefined ? "" : message;
    this.#frames = undefined;
  }
  static captured(e: Error, frames: string): void {
    e.#frames = frames;
  }
  static framesOf(e: Error): unknown {
    return e.#frames;
  }
}

export class TypeError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = "TypeError";
  }
}

export class RangeError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = "RangeError";
  }
}

export class ReferenceError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = "ReferenceError";
  }
}

export class SyntaxError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = "SyntaxError";
  }
}

export class EvalError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = "EvalError";
  }
}

export class URIError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = "URIError";
  }
}

/** Error.prototype.toString: "name: message", or whichever of them is not empty. */
export function errorToString(e: Error): string {
  if (e.message.length === 0) return e.name;
  if (e.name.length === 0) return e.message;
  return concat(concat(e.name, ": "), e.message);
}

/** String(value) of a thrown value that is neither an Error nor a string. The compiler makes
 *  its calls primitiveText's (no conversion of numbers or objects) in programs that throw
 *  only Errors and strings (sdk/compiler/passes/thrown-values.ts). */
export function thrownValueText(value: unknown): string {
  return toString(value);
}

/** What Node prints for an uncaught exception, as a string of its UTF-8 bytes (one byte per
 *  code unit, for the crash report). */
export function uncaughtText(value: unknown): string {
  const text = value instanceof Error ? errorToString(value) : isString(value) ? (value as string) : thrownValueText(value);
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
  }
  const result = newString(bytes, false);
  let at = result + STRING_DATA;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      poke8(at++, unit);
    } else if (unit < 0x800) {
      poke8(at++, 0xc0 | (unit >> 6));
      poke8(at++, 0x80 | (unit & 0x3f));
    } else {
      poke8(at++, 0xe0 | (unit >> 12));
      poke8(at++, 0x80 | ((unit >> 6) & 0x3f));
      poke8(at++, 0x80 | (unit & 0x3f));
    }
  }
  return objectAt<string>(result);
}
