// async methods, static async methods and async arrow functions keep `this` across awaits; a
// class with a then method is awaited like a promise (a thenable); async callbacks run in the
// order their awaits resume.
class Counter {
  count = 0;
  constructor(private name: string) {}
  async add(n: number): Promise<number> {
    await null;
    this.count += n;
    return this.count;
  }
  async addAll(values: number[]): Promise<string> {
    for (const v of values) await this.add(v);
    const describe = async (): Promise<string> => {
      await null;
      return `${this.name}=${this.count}`;
    };
    return describe();
  }
  static async create(name: string): Promise<Counter> {
    await null;
    return new Counter(name);
  }
}
class Deferred {
  constructor(private value: number) {}
  then(resolve: (v: number) => void, reject: (e: Error) => void): void {
    console.log("Deferred.then called");
    if (this.value < 0) reject(new RangeError("negative " + this.value));
    else resolve(this.value * 100);
  }
}
async function main(): Promise<void> {
  const c = await Counter.create("apples");
  console.log(await c.addAll([1, 2, 3]));
  console.log("count", c.count);
  console.log("deferred", await new Deferred(4));
  try {
    await new Deferred(-1);
  } catch (e) {
    console.log("deferred rejected:", (e as Error).message);
  }
  const order: string[] = [];
  const tasks = ["x", "y", "z"].map(async (s, i) => {
    for (let k = 0; k < i; k++) await null;
    order.push(s);
  });
  await Promise.all(tasks);
  console.log("order", order.join(""));
}
main();
