// Counters only compared with constants (passes/saturating-counters.ts): ++, --, +=, -=, a
// postfix step's old value, a reset, each compared with constants, in timers' callbacks.
// No other arithmetic, so the numbers are int32 and the counters stop at 2^29 unseen.
let ticks = 0;
let budget = 5;
let credits = 0;
let laps = 0;

function spend(): boolean {
  if (budget-- > 0) return true;
  return false;
}

function lap(): string {
  laps += 3;
  if (laps >= 9) {
    laps = 0;
    return "lap done";
  }
  return laps < 4 ? "first third" : "second third";
}

function earn(): void {
  credits -= 2;
  if (credits <= -6) console.log("in debt");
}

let rounds = 0;
const spending = setInterval(() => {
  const ok = spend();
  console.log("spend", ok, lap());
  earn();
  if (++rounds === 7) clearInterval(spending);
}, 1);

const timer = setInterval(() => {
  ++ticks;
  if (ticks === 2) console.log("two ticks");
  if (ticks !== 3 && ticks > 1) console.log("not three, past one");
  if (++ticks >= 6) {
    console.log("done at six or more");
    clearInterval(timer);
  }
}, 20);

setTimeout(() => {
  if (ticks == 6) console.log("six");
  if (-1 < ticks) console.log("positive");
}, 200);
