// JSON.parse with a reviver: called children first with (key, value) and the holder as `this`;
// returning undefined deletes a property; values replaced on the way up; nested parses.
const text = '{"name":"node-1","temp":"21.5","at":[1,2],"meta":{"secret":"x","2":"two","1":"one"}}';
const order: string[] = [];
const revived = JSON.parse(text, (key, value) => {
  order.push(key === "" ? "<root>" : key);
  if (key === "secret") return undefined;
  if (key === "temp") return Number(value as string);
  if (Array.isArray(value)) return value.length;
  return value;
});
console.log(order.join(" "));
console.log(revived);

function tagged(this: Record<string, unknown>, key: string, value: unknown): unknown {
  if (key === "b") console.log("holder of b:", this, "sees a as", this.a);
  if (key === "") console.log("root holder keys:", Object.keys(this), this[""]);
  return typeof value === "number" ? value + 100 : value;
}
console.log(JSON.parse('{"a":1,"b":2,"c":{"d":3}}', tagged));
console.log(JSON.parse('[10,[20,{"b":30}]]', tagged));
console.log(JSON.parse("7", tagged), JSON.parse('"s"', tagged));

const inner = JSON.parse('{"payload":"{\\"x\\":[1,2]}","n":1}', function (this: Record<string, unknown>, key: string, value: unknown) {
  if (key === "payload") return JSON.parse(value as string, (k, v) => (typeof v === "number" ? v * 3 : v));
  if (key === "n") {
    const self = () => this;
    console.log("arrow inside sees", self());
  }
  return value;
});
console.log(inner);
console.log(JSON.parse('{"keep":1,"drop":2}', (k, v) => (k === "drop" ? undefined : v)));
console.log(JSON.parse("[1,2]", 5 as unknown as (k: string, v: unknown) => unknown));
console.log(JSON.parse('{"a":[1,{"b":null}]}', (k, v) => (v === null ? "was null" : v)));
// undefined for an array element deletes it: the array keeps its length, with a hole there.
const sparse: number[] = JSON.parse("[1, 2, 3, 4]", (key, value) => (key === "1" || key === "2" ? undefined : value));
console.log(sparse, sparse.length, sparse[1]);
