// Async functions, methods and arrow functions with many parameters, defaults and rest: the parameters survive each await.
async function weigh(a: number, b: number, c: number, d: number, e: number, f: number): Promise<number> {
  const first = await Promise.resolve(a * 100 + b * 10 + c);
  await null;
  return first * 1000 + d * 100 + e * 10 + f;
}
class Channel {
  log: string[] = [];
  constructor(readonly name: string) {}
  async send(to: string, kind: string, seq: number, payload: string, retries = 2, ...flags: string[]): Promise<string> {
    for (let i = 0; i <= retries; i++) await Promise.resolve(i);
    const text = `${this.name}->${to} ${kind}#${seq} ${payload} r=${retries} [${flags.join(",")}]`;
    this.log.push(text);
    return text;
  }
}
const delayed = async (x: number, y: number, z: number, w: number, label?: string) => {
  await new Promise<void>((resolve) => setTimeout(resolve, 1));
  return `${label ?? "sum"}=${x + y + z + w}`;
};
const valued: (a: number, b: number, c: number, d: number, e: number, f: number) => Promise<number> = weigh;

async function main(): Promise<void> {
  console.log(await weigh(1, 2, 3, 4, 5, 6), await valued(6, 5, 4, 3, 2, 1));
  const ch = new Channel("A");
  console.log(await ch.send("B", "ping", 1, "hi"));
  console.log(await ch.send("C", "data", 2, "xyz", 0, "urgent", "ack"));
  const all = await Promise.all([ch.send("D", "a", 3, "p"), ch.send("E", "b", 4, "q", 1), delayed(1, 2, 3, 4), delayed(5, 6, 7, 8, "total")]);
  console.log(all.join(" | "));
  console.log(ch.log.length);
  try {
    await failing(1, 2, 3, 4, 5);
  } catch (e) {
    console.log("caught", (e as Error).message);
  }
}
async function failing(a: number, b: number, c: number, d: number, e: number): Promise<void> {
  await null;
  throw new RangeError(`bad ${a}${b}${c}${d}${e}`);
}
main().then(() => console.log("done"));
