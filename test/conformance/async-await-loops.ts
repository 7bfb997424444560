// async functions and await in loops: await of promises and of plain values (one tick each),
// return values, for, for…of, while with await in the condition, the body running at once
// up to the first await, and an async arrow function mapped over an array.
async function double(n: number): Promise<number> {
  await null;
  return n * 2;
}
async function sumTo(limit: number): Promise<number> {
  let total = 0;
  for (let i = 1; i <= limit; i++) total += await double(i);
  return total;
}
async function plainValues(): Promise<string> {
  const a = await 1;
  const b = await "two";
  const c = await true;
  const d = await undefined;
  return `${a} ${b} ${c} ${d}`;
}
async function countdown(from: number): Promise<void> {
  let n = from;
  while ((await n) > 0) {
    console.log("countdown", n);
    n--;
  }
}
async function main(): Promise<void> {
  console.log("main starts synchronously");
  console.log("sumTo(5) =", await sumTo(5));
  console.log("plain values:", await plainValues());
  await countdown(3);
  const labels: string[] = [];
  for (const word of ["alpha", "beta", "gamma"]) {
    labels.push(await Promise.resolve(word.toUpperCase()));
  }
  console.log(labels.join("-"));
  const lengths = await Promise.all(["a", "bb", "ccc"].map(async (s) => {
    await null;
    return s.length;
  }));
  console.log("lengths", lengths.join(","));
  const value = (await 20) + (await Promise.resolve(22));
  console.log("sum of awaits", value);
}
main().then(() => console.log("main resolved"));
console.log("after main() returned its promise");
