// Top-level await in the main file: the module's code pauses like an async function body,
// so the microtasks and timers queued before an await run while it waits; a paced loop at
// top level, await of a rejected promise in try/catch, and code after the last await.
export {};
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
console.log("top-level code starts");
setTimeout(() => console.log("timer queued before the first await"), 50);
Promise.resolve().then(() => console.log("microtask queued before the first await"));
let total = 0;
await null;
console.log("after await null");
for (let i = 1; i <= 3; i++) {
  await sleep(100);
  total += i * 10;
  console.log("tick", i, "total", total);
}
try {
  await Promise.reject(new RangeError("no sensor"));
} catch (e) {
  console.log("caught", (e as Error).name, (e as Error).message);
}
const reading = await Promise.all([Promise.resolve(3), sleep(50).then(() => 4)]);
console.log("reading", reading.join("+"), "=", reading[0] + reading[1]);
setTimeout(() => console.log("a timer after the last await still runs"), 50);
console.log("top-level code ends");
