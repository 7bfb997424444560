// Promise.all, race and allSettled over timers 50 ms apart: all keeps the order of its array
// (not of settling), the first rejection rejects all, race takes the first to settle, plain
// values count as fulfilled, and an empty array resolves at once.
function after(ms: number, value: string): Promise<string> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}
function failAfter(ms: number, message: string): Promise<string> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms));
}
Promise.all([after(150, "slow"), after(50, "fast"), "plain", after(100, "middle")]).then((values) => {
  console.log("all:", values.join(", "));
});
Promise.all([after(50, "ok"), failAfter(100, "second failed"), failAfter(200, "third failed")]).then(
  () => console.log("never"),
  (e: Error) => console.log("all rejected:", e.message),
);
Promise.race([after(100, "tortoise"), after(50, "hare")]).then((winner) => console.log("race:", winner));
Promise.race([failAfter(50, "early failure"), after(100, "late")]).catch((e: Error) => console.log("race rejected:", e.message));
Promise.allSettled([after(50, "a"), failAfter(100, "b failed"), Promise.resolve("c")]).then((results) => {
  for (const r of results) {
    if (r.status === "fulfilled") console.log("settled fulfilled", r.value);
    else console.log("settled rejected", (r.reason as Error).message);
  }
});
Promise.all([]).then((values) => console.log("empty all:", values.length));
Promise.all([1, 2, 3].map((n) => Promise.resolve(n * n))).then((squares) => console.log("squares", squares.join(" ")));
console.log("waiting");
