// A Date as text — concatenated, through String(), in JSON (its toJSON) — and the toJSON(key)
// of the app's own classes and of plain objects, which JSON.stringify calls with the key.
const a = new Date(1000);
const b = new Date(2000);
console.log("at " + a);
console.log(String(b));
console.log(JSON.stringify({ a }));
console.log(JSON.stringify([b, new Date(NaN)]));
class Money {
  constructor(public cents: number) {}
  toJSON(key: string) { return key === "hidden" ? undefined : `${this.cents / 100} EUR`; }
}
console.log(JSON.stringify({ price: new Money(250), hidden: new Money(1), list: [new Money(5)] }));
console.log(JSON.stringify(new Money(100)), JSON.stringify({ d: new Date(0) }, null, 2));
console.log(JSON.stringify([{ at: new Date(86400000), money: [new Money(99)] }]));
const custom = { id: 7, toJSON: (key: string) => `custom for '${key}'` };
console.log(JSON.stringify(custom), JSON.stringify({ inner: custom, list: [custom] }));
