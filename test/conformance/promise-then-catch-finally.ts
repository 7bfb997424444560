// then, catch and finally: values pass along a chain, a throw skips to the next catch, a
// handler missing for an outcome passes it on, finally sees neither and keeps the outcome,
// and a handler returning a promise takes the extra ticks V8 takes (against a counter chain).
function tick(n: number): void {
  if (n > 8) return;
  Promise.resolve().then(() => {
    console.log("tick", n);
    tick(n + 1);
  });
}
tick(1);
Promise.resolve(1)
  .then((v) => v + 1)
  .then((v) => {
    console.log("two:", v);
    throw new RangeError("too far");
  })
  .then(() => console.log("never"))
  .catch((e: Error) => {
    console.log("caught", e.name, e.message);
    return 10;
  })
  .finally(() => console.log("finally 1"))
  .then((v) => console.log("after finally 1:", v));
Promise.reject(new TypeError("rejected"))
  .then((v: number) => v * 2)
  .finally(() => console.log("finally 2"))
  .then(
    () => console.log("never"),
    (e: Error) => console.log("second handler:", e.message),
  );
Promise.resolve("value")
  .then((v) => Promise.resolve(v + " from a promise"))
  .then((v) => console.log(v));
Promise.resolve("plain").then((v) => console.log(v));
new Promise<number>((resolve, reject) => {
  resolve(1);
  reject(new Error("ignored: already resolved"));
  resolve(2);
}).then((v) => console.log("first resolve wins:", v));
new Promise<number>(() => {
  throw new Error("thrown in executor");
}).catch((e: Error) => console.log("executor threw:", e.message));
const thenable = { then: (resolve: (v: number) => void) => resolve(42) };
Promise.resolve(thenable).then((v) => console.log("thenable gave", v));
console.log("all queued");
