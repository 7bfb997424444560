// An app whose only work is a 1 s interval, for twenty seconds.
let ticks = 0;
const interval = setInterval(() => {
  ticks++;
  if (ticks === 20) {
    clearInterval(interval);
    console.log("ticks", ticks);
  }
}, 1000);
