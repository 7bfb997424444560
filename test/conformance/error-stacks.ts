// Errors as values: err.stack's first line as Node writes it (read when asked, so a name set
// in the constructor shows), console.log of errors alone and inside objects and arrays, with
// the fields a subclass adds; the frames' lines are compared by shape (the harness).
class SensorError extends Error {
  constructor(message: string, public code: number) { super(message); }
}
class Timeout extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Timeout";
  }
}
class E2 extends Error {}
function read(port: number): Error {
  return port > 0 ? new SensorError(`no reply on ${port}`, 7) : new Timeout("gave up");
}
const first = read(2);
console.log(first.stack);
console.log(first);
console.log(read(0));
console.log(read(0).stack!.split("\n")[0], String(read(3)));
console.log({ err: new RangeError("out of range"), k: 1 });
console.log([new TypeError("t"), new E2("plain")]);
const make = () => new Error("from an arrow");
class Probe {
  measure(): Error { return new Error("in a method"); }
}
console.log(make().stack!.split("\n")[0], new Probe().measure().message);
try {
  JSON.parse("{");
} catch (err) {
  console.log(err);
  console.log((err as Error).stack!.split("\n")[0]);
}
const errors = [new Error("a"), new SyntaxError("b")];
console.log(errors.map((e) => e.stack!.split("\n")[0]).join(" | "), errors.length);
// Every caller has a frame: getters, static methods, a literal's method, a callback, after an await.
class Gauge {
  get broken(): Error { return new Error("from a getter"); }
  static make(): Error { return new Error("from a static method"); }
}
const literal = { m(): Error { return new Error("from a literal's method"); } };
function viaCallback(f: () => Error): Error { return f(); }
for (const e of [new Gauge().broken, Gauge.make(), literal.m(), viaCallback(() => new RangeError("from a callback"))]) console.log(e.stack);
async function later(): Promise<Error> { await null; return new Error("after an await"); }
later().then((e) => {
  console.log(e.stack);
  console.log([e]);
});
