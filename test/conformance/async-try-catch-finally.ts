// try/catch/finally around await: a rejected await throws where it is, catch and finally may
// await too, a throw in an async function rejects its promise (even before any await),
// return inside try runs finally first, and errors keep their class.
class SensorError extends Error {
  constructor(public code: number) {
    super("sensor failed with code " + code);
    this.name = "SensorError";
  }
}
async function read(code: number): Promise<number> {
  await null;
  if (code !== 0) throw new SensorError(code);
  return 21;
}
async function guarded(code: number): Promise<string> {
  let stage = "start";
  try {
    stage = "reading";
    const value = await read(code);
    stage = "read";
    return "value " + value;
  } catch (e) {
    await null;
    if (e instanceof SensorError) return `caught ${e.name} ${e.code} at ${stage}`;
    throw e;
  } finally {
    await Promise.resolve();
    console.log("finally after", stage);
  }
}
async function failsAtOnce(): Promise<number> {
  throw new TypeError("before any await");
}
async function retry(times: number): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read(attempt < times ? attempt : 0);
    } catch (e) {
      console.log("attempt", attempt, "failed:", (e as Error).message);
    }
  }
}
async function main(): Promise<void> {
  console.log(await guarded(0));
  console.log(await guarded(7));
  const p = failsAtOnce();
  console.log("failsAtOnce returned a promise");
  try {
    await p;
  } catch (e) {
    console.log("awaited rejection:", (e as Error).name, (e as Error).message);
  }
  console.log("retry gave", await retry(3));
}
main().finally(() => console.log("done"));
