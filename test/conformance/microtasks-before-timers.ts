// Microtasks and timers in Node's order: top-level code, then every queued microtask (those
// queued by microtasks too), then each timer followed by the microtasks it queued, before the
// next timer even when both are due; setTimeout 0 comes after Promise.resolve().then.
console.log("script start");
setTimeout(() => console.log("timeout 0"), 0);
setTimeout(() => {
  console.log("timeout 50 a");
  Promise.resolve().then(() => console.log("micro from 50 a"));
  Promise.resolve().then(() => {
    console.log("second micro from 50 a");
    return Promise.resolve().then(() => console.log("nested micro from 50 a"));
  });
}, 50);
setTimeout(() => console.log("timeout 50 b"), 50);
Promise.resolve().then(() => {
  console.log("micro 1");
  Promise.resolve().then(() => console.log("micro queued by micro 1"));
  setTimeout(() => console.log("timeout set by micro 1"), 0);
});
Promise.resolve().then(() => console.log("micro 2"));
new Promise<string>((resolve) => {
  console.log("executor runs at once");
  resolve("resolved");
}).then((value) => console.log("executor promise", value));
let count = 0;
const ticker = setInterval(() => {
  count++;
  Promise.resolve(count).then((n) => {
    console.log("interval micro", n);
    if (n === 3) clearInterval(ticker);
  });
}, 150);
setTimeout(() => console.log("timeout 600, after the interval"), 600);
console.log("script end");
