// Exceptions: throw and catch across calls, finally on every way out (normal, throw, return,
// break, continue), rethrow, nested try, Error subclasses, and the errors the runtime throws.
const log: string[] = [];
function parse(text: string): number {
  if (text.length === 0) throw new TypeError("empty input");
  if (text === "big") throw new RangeError("out of range");
  return text.length;
}
function attempt(text: string): string {
  try {
    return "ok " + parse(text);
  } catch (e) {
    if (e instanceof RangeError) return "range: " + e.message;
    throw e;
  } finally {
    log.push("done " + text);
  }
}
console.log(attempt("abc"), "|", attempt("big"));
try {
  attempt("");
} catch (e) {
  console.log("outer caught", (e as Error).name, e instanceof TypeError, e instanceof RangeError);
}
console.log(log.join(", "));
function finallyWins(): number {
  let n = 1;
  try {
    n = 2;
    return n;
  } finally {
    n = 3;
    console.log("finally sees", n);
  }
}
console.log(finallyWins());
try {
  const a: number[] = new Array(-1);
  console.log(a.length);
} catch (e) {
  console.log(String((e as Error).message), e instanceof RangeError);
}
try {
  const none: number[] = [];
  none.reduce((x, y) => x + y);
} catch (e) {
  console.log((e as Error).name + ": " + (e as Error).message);
}
try {
  throw "plain string";
} catch (e) {
  console.log("caught", e as string);
}
