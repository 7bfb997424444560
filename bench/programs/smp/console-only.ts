// bench/smp.ts: the smp-server app without its import (console text every 250 ms), to measure
// what `import "mote/smp"` adds.
console.log("smp app started");
let ticks = 0;
setInterval(() => {
  ticks++;
  console.log(`tick ${ticks}`);
}, 250);
