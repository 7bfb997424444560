// Timers and the event loop: top-level code first, then timers by due time and creation
// order, setTimeout without a delay, clearTimeout, setInterval until cleared, timers set
// from timers; the program ends when nothing is left to run. Timers whose order depends on
// when a callback ran are 100 ms apart, so a loaded machine prints the same lines.
console.log("start");
setTimeout(() => console.log("timeout 150"), 150);
setTimeout(() => console.log("timeout default"));
const cancelled = setTimeout(() => console.log("never printed"), 50);
let ticks = 0;
const every200 = setInterval(() => {
  ticks++;
  console.log("tick", ticks);
  if (ticks === 3) clearInterval(every200);
}, 200);
clearTimeout(cancelled);
setTimeout(() => {
  console.log("timeout 300");
  setTimeout(() => console.log("set at 300, due at 500"), 200);
}, 300);
setTimeout(() => console.log("first of two at 700"), 700);
setTimeout(() => console.log("second of two at 700"), 700);
const order: number[] = [];
for (let i = 3; i >= 1; i--) setTimeout(() => order.push(i), i * 20);
setTimeout(() => console.log("order", order.join(",")), 800);
console.log("end of top-level code");
