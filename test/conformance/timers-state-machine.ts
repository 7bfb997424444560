// A state machine for a traffic light driven by timers: a string enum, a transition function,
// durations in a Map, a log of states, and the program ending when no timer is left.
enum Light { Red = "RED", Green = "GREEN", Yellow = "YELLOW" }
function next(light: Light): Light {
  switch (light) {
    case Light.Red: return Light.Green;
    case Light.Green: return Light.Yellow;
    default: return Light.Red;
  }
}
const durations = new Map<Light, number>([[Light.Red, 30], [Light.Green, 20], [Light.Yellow, 5]]);
let state = Light.Red;
let cycles = 0;
const log: string[] = [];
function step(): void {
  log.push(`${state}(${durations.get(state)})`);
  state = next(state);
  if (state === Light.Red) cycles++;
  if (cycles < 2) setTimeout(step, durations.get(state)!);
  else console.log(log.join(" -> "), "cycles", cycles);
}
step();
console.log("scheduled", durations);
