// JSON.parse of numbers: small and large integers, the nine/ten-digit boundary, negatives,
// -0, fractions, exponents, values past the double range, and the digits of long literals.
const texts = [
  "0", "-0", "7", "-7", "123456789", "999999999", "1000000000", "1073741823", "1073741824",
  "-1073741824", "-1073741825", "2147483647", "4294967296", "9007199254740993",
  "123456789012345678901234567890", "0.1", "0.30000000000000004", "-2.5", "1e3", "1E3",
  "1e+3", "1e-3", "-1.5e-7", "2.5e21", "1e308", "1.7976931348623157e308", "1e309", "-1e309",
  "5e-324", "2e-324", "1e-400", "-1e-400", "0.0", "0e5", "-0.0e-0", "100.000",
  "3.141592653589793238462643383279",
];
for (const text of texts) {
  const n = JSON.parse(text) as number;
  console.log(text, "->", n, [n], n === 0 ? (1 / n > 0 ? "+0" : "-0") : n > 0 ? "pos" : "neg");
}
const list = JSON.parse("[1, -1, 0.5, 1e2, 12345678901, -0]") as number[];
let sum = 0;
for (const n of list) sum += n;
console.log(list, sum, list.map((n) => n * 2), JSON.stringify(list));
const nested = JSON.parse('{"a":{"b":[1.25,{"c":-3e-2}]}}') as { a: { b: [number, { c: number }] } };
console.log(nested.a.b[0] + nested.a.b[1].c, nested.a.b[1].c.toFixed(4));
