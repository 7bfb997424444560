// Static blocks run where the class declaration runs, in order with the static fields.
class Registry {
  static names: string[] = [];
  static count: number;
  static {
    Registry.names.push("first");
    Registry.count = Registry.names.length;
    console.log("static block ran", Registry.count);
  }
  static later = Registry.count + 10;
  static {
    const local = Registry.later * 2;
    Registry.names.push(`second ${local}`);
  }
}
console.log(Registry.names, Registry.count, Registry.later);
class Table {
  static readonly squares: number[] = [];
  static { for (let i = 0; i < 5; i++) Table.squares.push(i * i); }
  static sum(): number { return Table.squares.reduce((a, b) => a + b, 0); }
}
console.log(Table.squares, Table.sum());
class Counter {
  static start = 3;
  static { this.start *= 2; }
}
console.log(Counter.start);
