// A sensor-style async loop: await sleep(ms) built on setTimeout paces readings 100 ms apart
// while a second loop blinks at 150 ms and then every 200 ms (always 50 ms from a reading);
// averages are computed as readings arrive, and the program ends when no timer is left.
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
class FakeSensor {
  private phase = 0;
  read(): number {
    this.phase = (this.phase + 7) % 11;
    return 200 + this.phase * 3;
  }
}
async function sample(sensor: FakeSensor, count: number, periodMs: number): Promise<number[]> {
  const readings: number[] = [];
  while (readings.length < count) {
    await sleep(periodMs);
    const value = sensor.read();
    readings.push(value);
    const sum = readings.reduce((a, b) => a + b, 0);
    console.log(`reading ${readings.length}: ${value} (avg x10 ${((sum * 10) / readings.length) | 0})`);
  }
  return readings;
}
async function blink(times: number): Promise<void> {
  let on = false;
  for (let i = 0; i < times; i++) {
    await sleep(i === 0 ? 150 : 200);
    on = !on;
    console.log("led", on ? "on" : "off");
  }
}
async function main(): Promise<void> {
  const [readings] = await Promise.all([sample(new FakeSensor(), 5, 100), blink(3)]);
  console.log("max", readings.reduce((a, b) => Math.max(a, b)), "min", readings.reduce((a, b) => Math.min(a, b)));
  await sleep(50);
  console.log("finished");
}
main();
console.log("loops started");
