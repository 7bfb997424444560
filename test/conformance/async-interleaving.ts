// Two async functions interleave one microtask per await, in the order their awaits resumed;
// returning a promise from an async function takes two ticks more than returning a value,
// and returning an awaited one takes one (V8's counts, the same as Node's).
const events: string[] = [];
async function worker(name: string, steps: number): Promise<string> {
  for (let i = 1; i <= steps; i++) {
    events.push(`${name}${i}`);
    await null;
  }
  return name + " done";
}
async function returnsValue(): Promise<string> {
  return "value";
}
async function returnsPromise(): Promise<string> {
  return Promise.resolve("promise");
}
async function returnsAwaited(): Promise<string> {
  return await Promise.resolve("awaited");
}
function counter(label: string, n: number): void {
  if (n > 5) return;
  Promise.resolve().then(() => {
    events.push(`${label}${n}`);
    counter(label, n + 1);
  });
}
counter("t", 1);
returnsPromise().then((v) => events.push(v));
returnsAwaited().then((v) => events.push(v));
returnsValue().then((v) => events.push(v));
const both = Promise.all([worker("a", 3), worker("b", 2)]);
both.then((results) => {
  console.log(events.join(" "));
  console.log(results.join(", "));
});
