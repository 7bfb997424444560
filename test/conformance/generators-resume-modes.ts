// Generators: next(v) passing values in, return(v) and throw(e) running try/catch/finally (which may yield again), yield*, and their states.
function* echo(): Generator<string, number, number> {
  let total = 0;
  try {
    while (true) total += yield `total ${total}`;
  } finally {
    console.log("echo finally", total);
  }
}
const e = echo();
console.log(e.next(5), e.next(2), e.next(3));
console.log(e.return(99), e.next(1));
function* guarded(): Generator<number, void, unknown> {
  try {
    yield 1; yield 2;
  } catch (err) {
    console.log("caught", err);
    yield 3;
  } finally {
    console.log("cleanup");
    yield 4;
  }
  yield 5;
}
const g = guarded();
console.log(g.next(), g.throw("boom"), g.next(), g.next(), g.next());
const h = guarded();
console.log(h.next(), h.return(), h.next(), h.next());
const k = guarded();
try { k.throw(new Error("early")); } catch (err) { console.log("thrown out", (err as Error).message); }
console.log(k.next(), k.return(), String(k), [k]);
function* inner(): Generator<number, string, unknown> {
  const x = yield 1;
  console.log("inner got", x);
  try { yield 2; } finally { console.log("inner finally"); }
  return "inner done";
}
function* outer(): Generator<number | string, number | void, unknown> {
  yield 0;
  const r = yield* inner();
  console.log("yield* gave", r);
  yield* [10, 11]; yield* "hi";
}
const o = outer();
console.log(o.next("a"), o.next("b"), o.next("c"), o.next("d"));
console.log([...o]);
const p = outer();
p.next(); p.next(); p.next();
console.log(p.return(-1), p.next());
const fn = function* (a: number, b = a * 2) { yield a; yield b; };
console.log([...fn(3)], [...fn(1, 5)], fn(0));
function* selfCall(): Generator<number> {
  try { me.next(); } catch (err) { console.log((err as Error).name, (err as Error).message); }
  yield 1;
}
const me = selfCall();
console.log(me.next(), me.next());
function* fails() { yield 1; throw new RangeError("bad"); }
const f = fails();
try { console.log(f.next()); f.next(); } catch (err) { console.log("fails:", (err as Error).message, f.next()); }
