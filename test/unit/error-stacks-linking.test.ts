// err.stack's walk, its call-site table and its frame printer (lower/error-stacks.ts) are linked
// only in programs that read err.stack or print a value that may hold an error; a program that
// makes errors and reads only their messages captures nothing (passes/stack-captures.ts).

import { describe, expect, it } from "vitest";
import { linkedSymbols as linked } from "./linked-symbols.ts";

const STACK_SYMBOLS = ["__rt_capture_stack", "__rt_stack_capture_buffer", "__stack_call_sites", "stack-trace.stackCaptured", "stack-trace.stackFramesText"];
const MAKES = `function check(n: number): Error { return n > 2 ? new RangeError("too big") : new Error("fine"); }\nconst e = check(3);\n`;

describe("err.stack's machinery is linked only where a stack can be shown", () => {
  it("a program that makes errors and prints messages (and other objects) links none of it", () => {
    const names = linked(`${MAKES}console.log(e.message, { n: 1 }, [e.name]);\n`);
    expect(names.filter((n) => STACK_SYMBOLS.includes(n))).toEqual([]);
    expect(names).toContain("errors.RangeError<constructor>");
  });
  // The programs of test/values/error-stacks.test.ts read stacks and print errors: they show frames.
});
