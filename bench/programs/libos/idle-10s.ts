// An app whose only work is a 1 s interval, for ten seconds.
let ticks = 0;
const interval = setInterval(() => {
  ticks++;
  if (ticks === 10) {
    clearInterval(interval);
    console.log("ticks", ticks);
  }
}, 1000);
